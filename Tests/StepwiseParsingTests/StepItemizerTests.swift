import Foundation
import StepwiseModel
import Testing
@testable import StepwiseParsing

@Suite("Instructions and expectations")
struct StepItemizerTests {
    @Test("MM-T938 has three instructions, the first with a note and four sub-items, and four expectations")
    func mmT938() throws {
        let file = SpecReader.read(path: Fixtures.specs.appendingPathComponent("MM-T938.md").path)
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.count == 3)
        let first = try #require(step.instructions.first)
        #expect(first.text.hasPrefix("Log on as another test user"))
        #expect(first.notes == ["Examples: Mac, Windows, iOS, Android (RN or Classic); various browsers; desktop app"])
        #expect(first.subItems.map(\.text) == [
            "Mobile apps can have screen locked or not", "Non-mobile can be with computer awake or asleep",
            "Can log them in using any method (email/password, SAML, LDAP, OAuth)",
            "Keep them visible, to watch for sessions ending",
        ])
        #expect(step.instructions[1].text == "Logged in as system admin on another browser / device, go to System Console ➜ Users")
        #expect(step.instructions.map(\.number) == [1, 2, 3])
        #expect(step.expectations.map(\.text) == [
            "Other users' sessions are all revoked; user is redirected to login page, either:",
            "When the user tries to switch channels or otherwise interact with the app, or",
            "Automatically after a period of ~2-30 seconds without the user touching the app",
            "Other user can successfully log back in (test on at least one)",
        ])
        #expect(first.location.line == 24)
        #expect(step.expectations[0].location.line == 28)
    }

    @Test("MM-T940 has six instructions and five expectations")
    func mmT940() throws {
        let file = SpecReader.read(path: Fixtures.specs.appendingPathComponent("MM-T940.md").path)
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.count == 6)
        #expect(step.expectations.count == 5)
        #expect(step.info.map(\.name) == ["Fix Versions", "Related ticket(s)"])
    }

    @Test("the Mattermost Markdown of MM-T938 splits the same way, each item on its own line")
    func mattermostMMT938() throws {
        let body = """
            ---

            **Step 1**

            1. Log on as another test user\\
               **Examples**: Mac, Windows

               - Mobile apps can have screen locked or not
               - Non-mobile can be with computer awake or asleep

            2. Logged in as system admin, go to System Console ➜ Users

            **Expected**

            **Other users' sessions are all revoked, either**:

            - When the user tries to switch channels, or
            - Automatically after ~2-30 seconds
            """
        let step = try Fixtures.onlyStep(Fixtures.mattermost(body: body))
        #expect(step.instructions.map(\.text) == ["Log on as another test user", "Logged in as system admin, go to System Console ➜ Users"])
        #expect(step.instructions[0].notes == ["Examples: Mac, Windows"])
        #expect(step.instructions[0].subItems.map(\.location.line) == [22, 23])
        #expect(step.instructions[1].location.line == 25)
        #expect(step.expectations.map(\.text) == [
            "Other users' sessions are all revoked, either:", "When the user tries to switch channels, or",
            "Automatically after ~2-30 seconds",
        ])
        #expect(step.expectations.map(\.location.line) == [29, 31, 32])
    }

    @Test(
        "numbered lines separated by <br> are split into instructions",
        arguments: [
            "1. Open a channel<br>2. Post a message<br>3. Reload",
            "1. Open a channel\n\n<br>2. Post a message\n<br>3. Reload",
        ])
    func numberedLinesInHTML(_ action: String) throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: action))
        #expect(step.instructions.map(\.text) == ["Open a channel", "Post a message", "Reload"])
    }

    @Test("escaped 1\\. lines in Markdown are split, with the lead-in line as its own instruction")
    func escapedNumbersInMarkdown() throws {
        let body = "---\n\n**Step 1**\n\nDeploy the app\\\n1\\. Pull the repo\\\n2\\. Run it with:\\\n_go run ._\n"
        let step = try Fixtures.onlyStep(Fixtures.mattermost(body: body))
        #expect(step.instructions.map(\.text) == ["Deploy the app", "Pull the repo", "Run it with:"])
        #expect(step.instructions[2].notes == ["go run ."])
        #expect(step.instructions.map(\.location.line) == [19, 20, 21])
    }

    @Test("a lone paragraph is one instruction, and a lone expected paragraph one expectation")
    func loneParagraph() throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: "Open the app and log in", expected: "The app opens"))
        #expect(step.instructions.map(\.text) == ["Open the app and log in"])
        #expect(step.expectations.map(\.text) == ["The app opens"])
    }

    @Test("an 'On N.' prefix links an expectation to instruction N")
    func onPrefix() throws {
        let step = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "1. Open<br>2. Close", expected: "On 1. It opens<br>On 2: It closes<br>and stays closed"))
        #expect(step.expectations.map(\.instruction) == [1, 2])
        #expect(step.expectations.map(\.text) == ["It opens", "It closes\nand stays closed"])
    }

    @Test("a bold lead-in sentence followed by more text gives two expectations")
    func boldLeadIn() throws {
        let step = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "Do it", expected: "<strong>Sessions end.</strong> Users see the login page"))
        #expect(step.expectations.map(\.text) == ["Sessions end.", "Users see the login page"])
    }

    @Test("nested expected bullets become sub-expectations")
    func nestedExpectations() throws {
        let step = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "Do it", expected: "<ul><li>Menu shows:<ul><li>Edit</li><li>Delete</li></ul></li></ul>"))
        #expect(step.expectations.count == 1)
        #expect(step.expectations[0].subItems.map(\.text) == ["Edit", "Delete"])
    }

    @Test("a paragraph ending in a colon takes the bullets after it as sub-items")
    func colonIntroducesVariants() throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: "<p>Log in with:</p><ul><li>email</li><li>SAML</li></ul>"))
        #expect(step.instructions.count == 1)
        #expect(step.instructions[0].subItems.map(\.text) == ["email", "SAML"])
    }

    @Test(
        "item text is normalised: NBSP and other spaces become spaces, zero-width characters vanish",
        arguments: [
            ("a\u{A0}b", "a b"), ("a\u{200B}b", "ab"), ("a\u{2028}b", "a\nb"), ("  a   b  ", "a b"), ("a\u{FEFF}", "a"),
        ])
    func normalises(_ input: String, _ expected: String) {
        #expect(ItemText.normalize(input) == expected)
    }

    @Test(
        "list markers written as text are recognised",
        arguments: [
            ("1. Go", "Go", ItemText.Marker.ordered(1)), ("12) Go", "Go", .ordered(12)), ("- Go", "Go", .bullet),
            ("• Go", "Go", .bullet), ("Go", "Go", nil), ("2020. Year", "2020. Year", nil), ("1.5 kg", "1.5 kg", nil),
        ])
    func markers(_ input: String, _ text: String, _ marker: ItemText.Marker?) {
        let result = ItemText.stripMarker(input)
        #expect(result.text == text)
        #expect(result.marker == marker)
    }
}
