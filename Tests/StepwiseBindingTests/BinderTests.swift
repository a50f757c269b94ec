import Testing
import StepwiseModel
@testable import StepwiseBinding

@Suite("Binder")
struct BinderTests {
    @Test("a matched item names its definition's Swift line and the captured values")
    func matched() {
        let line = #line + 1
        let info = binding("Go to System Console ➜ Users") { $0.action("go to System Console ➜ {word}") { (_, _, _: String) in } }
        #expect(info.state == .matched)
        #expect(info.definition?.expression == "go to System Console ➜ {word}")
        #expect(info.definition?.location == SourceLocation(file: "StepwiseBindingTests/BinderTests.swift", line: line))
        #expect(info.arguments == ["Users"])
    }

    @Test("an undefined item comes with a snippet that infers its parameters")
    func undefinedSnippet() throws {
        let info = binding("Wait ~2-30 seconds, then press “Revoke” 3 times for 1 minute") { _ in }
        #expect(info.state == .undefined)
        let snippet = try #require(info.snippet)
        #expect(snippet.contains(#"steps.action("Wait {period}, then press {string} {int} times for {duration}")"#))
        #expect(snippet.contains("(world, step, period1: DurationRange, string1: String, int1: Int, duration1: Duration) in"))
        #expect(snippet.contains("throw StepFailure.pending()"))
    }

    @Test("an item whose text matches but whose value a parameter type rejects is undefined with the type's reason")
    func rejectedValue() throws {
        let binder = Binder(libraries: [
            TestSteps { steps in
                steps.parameter(ParameterType("colour", matching: #/[a-z]+/#) { text -> String in
                    guard ["red", "blue"].contains(text.lowercased()) else { throw StepFailure("'\(text)' is not a paint colour") }
                    return text
                })
                steps.action("paint it {colour}") { (_, _, _: String) in }
            }
        ])
        let item = binder.bind(makeCase(instructions: ["Paint it purple"]), caseID: "T-1").steps[0].items[0]
        #expect(item.plan.binding.state == .undefined)
        guard case .undefined(let why) = item.resolution else { Issue.record("not undefined: \(item.resolution)"); return }
        let message = why.description
        #expect(message.contains(#""paint it {colour}" at StepwiseBindingTests/BinderTests.swift:"#))
        #expect(message.hasSuffix("rejects it: 'purple' is not a paint colour"))
    }

    @Test("a snippet escapes braces and backslashes")
    func snippetEscapes() throws {
        let snippet = try #require(binding(#"type {x} \ y"#) { _ in }.snippet)
        #expect(snippet.contains(#"steps.action("type \\{x\\} \\\\ y")"#))
    }

    @Test("two matching definitions are ambiguous, each named with its location")
    func ambiguous() {
        let info = binding("log in as admin") { steps in
            steps.action("log in as {word}") { (_, _, _: String) in }
            steps.action("log in as admin") { _, _ in }
        }
        #expect(info.state == .ambiguous)
        #expect(info.candidates.map(\.expression) == ["log in as {word}", "log in as admin"])
        #expect(info.candidates.allSatisfy { $0.location.file.hasSuffix("BinderTests.swift") && $0.location.line > 0 })
    }

    @Test("actions bind instructions and checks bind expectations, never the other way")
    func kinds() {
        let register: @Sendable (inout Steps<Journal>) -> Void = { $0.check("the user is logged out") { _, _ in } }
        #expect(binding("the user is logged out", register).state == .undefined)
        #expect(binding("the user is logged out", kind: .expectation, register).state == .matched)
    }

    @Test("manual phrases are reported manual, for both kinds")
    func manual() {
        let register: @Sendable (inout Steps<Journal>) -> Void = { $0.manual("keep them visible, to watch for sessions ending", because: "a person watches") }
        #expect(binding("Keep them visible, to watch for sessions ending", register).state == .manual)
        #expect(binding("Keep them visible, to watch for sessions ending", kind: .expectation, register).state == .manual)
    }

    @Test("phrases bind an item in the order they appear, connectives aside")
    func phrases() {
        let text = "Logged in as system admin on another browser, go to System Console ➜ Users"
        let info = binding(text) { steps in
            steps.action("go to System Console ➜ {word}", matching: .phrase) { (_, _, _: String) in }
            steps.action("logged in as {word} admin on another browser", matching: .phrase) { (_, _, _: String) in }
        }
        #expect(info.state == .matched)
        #expect(info.definition?.expression == "logged in as {word} admin on another browser + go to System Console ➜ {word}")
        #expect(info.arguments == ["system", "Users"])
    }

    @Test("words no phrase covers leave the item undefined, with a snippet for them")
    func uncoveredPhrase() throws {
        let info = binding("go to System Console ➜ Users and delete everything") { steps in
            steps.action("go to System Console ➜ {word}", matching: .phrase) { (_, _, _: String) in }
        }
        #expect(info.state == .undefined)
        let snippet = try #require(info.snippet)
        #expect(snippet.contains(#"steps.action("delete everything", matching: .phrase)"#), "\(snippet)")
    }

    @Test("a whole-item definition wins over phrases")
    func wholeWins() {
        let info = binding("go to System Console ➜ Users") { steps in
            steps.action("go to System Console ➜ {word}", matching: .phrase) { (_, _, _: String) in }
            steps.action("go to System Console ➜ Users") { _, _ in }
        }
        #expect(info.state == .matched && info.definition?.expression == "go to System Console ➜ Users")
    }

    @Test("a Swift Regex binds with typed captures")
    func regex() {
        let info = binding("Log in on 3 devices") { steps in
            steps.action(#/log in on (\d+) devices/#) { _, _, match in _ = match.1 }
        }
        #expect(info.state == .matched && info.arguments == ["3"])
    }

    @Test("a Regex definition shows by the name it is given, else by its Swift location")
    func regexDisplay() {
        let named = binding("Log in on 3 devices") { steps in
            steps.action(#/log in on (\d+) devices/#, named: "log in on {n} devices") { _, _, _ in }
        }
        #expect(named.definition?.expression == "log in on {n} devices")
        let unnamed = binding("Log in on 3 devices") { steps in
            steps.action(#/log in on (\d+) devices/#) { _, _, _ in }
        }
        let location = unnamed.definition?.location
        #expect(unnamed.definition?.expression == location.map { "Regex at \($0.file):\($0.line)" })
        #expect(unnamed.definition?.expression.contains("program") == false)
    }

    @Test("a pinned case whose text changed is reported as drift")
    func drift() throws {
        let testCase = makeCase(instructions: ["Log in"])
        let fingerprint = Binder.fingerprint(of: testCase)
        let pinned = Binder(libraries: [TestSteps { $0.pin("T-1", fingerprint: fingerprint) }])
        #expect(pinned.bind(testCase, caseID: "T-1").diagnostics.isEmpty)
        let changed = pinned.bind(makeCase(instructions: ["Log in twice"]), caseID: "T-1")
        let diagnostic = try #require(changed.diagnostics.first)
        #expect(diagnostic.code == "binding.drift" && diagnostic.message.contains(fingerprint))
        #expect(Binder.fingerprint(of: makeCase(instructions: ["log   in."])) == fingerprint)
    }

    @Test("bad expressions and closures that do not fit them are library diagnostics")
    func libraryErrors() {
        let binder = Binder(libraries: [
            TestSteps { steps in
                steps.action("open {int") { _, _ in }
                steps.action("open {int} tabs") { (_, _, _: String) in }
                steps.check("{int} tabs are open") { (_, _, _: Bool) in }
                steps.manual("wait {int} minutes")
            }
        ])
        #expect(binder.diagnostics.count == 3)
        #expect(binder.diagnostics[2].message.contains("value 1 is {int}, a Int, but the closure takes a Bool"))
        #expect(binder.diagnostics[0].message.contains("never closed") && binder.diagnostics[0].message.contains("^"))
        #expect(binder.diagnostics[1].message.contains("value 1 is {int}, a Int, but the closure takes a String"))
    }

    @Test("bad patterns are library diagnostics in the order they were defined, read on every job at once")
    func patternErrors() {
        let binder = Binder(libraries: [
            TestSteps { steps in
                steps.action(pattern: "open (the door") { _, _, _ in }
                steps.action(pattern: #"open the \w+ window"#) { _, _, _ in }
                steps.check(pattern: "[unclosed") { _, _, _ in }
                steps.check(pattern: #"the (\w+) window is open"#, as: (Substring, Substring).self) { _, _, _ in }
                steps.action(pattern: "close (it") { _, _, _ in }
            }
        ])
        #expect(binder.diagnostics.count == 3, "\(binder.diagnostics.map(\.message))")
        #expect(binder.diagnostics.map(\.location?.line).allSatisfy { $0 != nil })
        let messages = binder.diagnostics.map(\.message)
        #expect(messages.count == 3 && messages[0].contains("open (the door") && messages[1].contains("[unclosed"))
        #expect(messages.count == 3 && messages[2].contains("close (it"))
        #expect(binder.definitions.map(\.source) == [#"open the \w+ window"#, #"the (\w+) window is open"#], "only the good patterns load, in order")
    }
}
