@testable import MattermostSteps
import SessionBackend
import StepwiseBinding
import StepwiseModel
import Testing

@Suite("Reading devices, methods and pages from the text")
struct DevicePlanTests {
    static let examples = "Examples: Mac, Windows, iOS, Android (RN or Classic); various browsers; desktop app"
    static let variants = [
        "Mobile apps can have screen locked or not", "Non-mobile can be with computer awake or asleep",
        "Can log them in using any method (email/password, SAML, LDAP, OAuth)", "Keep them visible, to watch for sessions ending",
    ]

    @Test("MM-T938's examples and variants give every browser, both desktop apps, four phone apps, each posture and method")
    func mmT938() {
        let plan = DevicePlan(texts: [Self.examples] + Self.variants, minimum: 2)
        let kinds = plan.entries.map(\.kind)
        #expect(kinds == [
            .browser(.chrome, on: .mac), .browser(.firefox, on: .windows), .browser(.safari, on: .mac), .browser(.edge, on: .windows),
            .desktopApp(on: .mac), .desktopApp(on: .windows),
            .mobileApp(.iOS, .reactNative), .mobileApp(.iOS, .classic), .mobileApp(.android, .reactNative), .mobileApp(.android, .classic),
        ])
        #expect(Set(plan.entries.map(\.posture)) == Set(Device.Posture.allCases))
        #expect(Set(plan.entries.map(\.method.description)) == ["email/password", "SAML", "LDAP", "OAuth (GitLab)"])
        let interacting = plan.entries.filter { $0.behaviour != .untouched }
        #expect(interacting.allSatisfy { !$0.posture.isDormant })
        #expect(interacting.contains { $0.kind.isMobile } && interacting.contains { !$0.kind.isMobile })
    }

    @Test("a bare instruction still gets at least the sessions it asks for, signed in by email")
    func bare() {
        let plan = DevicePlan(texts: ["Log on as test user on multiple browsers / devices"], minimum: 3)
        #expect(plan.entries.count == 3)
        #expect(plan.entries.allSatisfy { $0.method == .emailPassword && ($0.posture == .awake || $0.posture == .unlocked) })
    }

    @Test("short device names read as the backend's kinds", arguments: [
        ("Chrome on Windows", ClientKind.browser(.chrome, on: .windows)),
        ("Safari", .browser(.safari, on: .mac)),
        ("desktop app on Linux", .desktopApp(on: .linux)),
        ("iOS app (Classic)", .mobileApp(.iOS, .classic)),
        ("Android", .mobileApp(.android, .reactNative)),
    ])
    func devices(_ text: String, _ kind: ClientKind) {
        #expect(Vocabulary.device(text) == kind)
    }

    @Test("Safari on Windows is no device")
    func safariOnWindows() {
        #expect(Vocabulary.device("Safari on Windows") == nil)
    }

    @Test("sign-in methods are read in the order written, and a named OAuth provider wins")
    func methods() {
        #expect(Vocabulary.loginMethods(in: "any method (email/password, SAML, LDAP, OAuth)").map(\.description)
                == ["email/password", "SAML", "LDAP", "OAuth (GitLab)"])
        #expect(Vocabulary.loginMethods(in: "sign in with Office 365") == [.oauth(.office365)])
        #expect(Vocabulary.loginMethods(in: "nothing here").isEmpty)
    }

    @Test("names are found after accented letters and symbols, in the order written")
    func methodsAfterOtherScripts() {
        #expect(Vocabulary.loginMethods(in: "Connexion ➜ réseau: LDAP, e-mail ou SAML, puis email") == [.ldap, .saml, .emailPassword])
        #expect(Vocabulary.words("Café ➜ Mac/Windows, 2 iPhones") == ["café", "mac", "windows", "2", "iphones"])
        #expect(Vocabulary.browsers(in: "Über Chrome und Edge") == [.chrome, .edge])
        #expect(Vocabulary.namesDesktopApp("the Desktop App") && !Vocabulary.namesDesktopApp("desktop"))
    }

    @Test("console paths drop the console itself")
    func pages() {
        #expect(Vocabulary.consolePath("System Console ➜ User Management ➜ Users") == ["User Management", "Users"])
        #expect(Vocabulary.consolePath("the System Console") == [])
        #expect(Vocabulary.consolePath("System Console ➜   Users   Page") == ["Users"])
        #expect(Vocabulary.consolePath("System Console ➜  ➜ Users") == ["Users"])
    }

    @Test("neighbouring cases' phrases bind: admin sign-in, console navigation, sleep and wake")
    func neighbours() {
        let binder = Binder(libraries: [MattermostSteps()])
        let texts = ["Log in as system admin", "Open System Console > Users", "Log into Mattermost with any Auth method",
                     "Put your computer to sleep", "Wake up your computer", "sign in on Chrome on Windows using SAML",
                     "go to System Console ➜ User Management ➜ Users"]
        let location = SourceLocation(file: "t.md", line: 2)
        let instructions = texts.enumerated().map { Instruction(number: $0.offset + 1, text: $0.element, location: location) }
        let testCase = TestCase(
            key: "T-1", title: "neighbours", steps: [Step(number: "1", instructions: instructions, location: location)],
            format: .zephyrMarkdown, location: location)
        let bound = binder.bind(testCase, caseID: "T-1")
        #expect(binder.diagnostics.isEmpty)
        for item in bound.steps[0].items {
            #expect(item.staticStatus == nil, "\(item.plan.text): \(String(describing: item.staticStatus))")
        }
    }
}
