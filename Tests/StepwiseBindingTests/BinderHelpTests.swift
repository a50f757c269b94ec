import Testing
import StepwiseModel
@testable import StepwiseBinding

/// Frictions 6, 7 and 10 of issue 10: what the binder says about items it cannot bind.
@Suite("A binder that helps")
struct BinderHelpTests {
    static func message(_ text: String, _ register: @escaping @Sendable (inout Steps<Journal>) -> Void) -> String {
        let binder = Binder(libraries: [TestSteps(register)])
        let item = binder.bind(makeCase(instructions: [text]), caseID: "T-1").steps[0].items[0]
        guard case .undefined(let why) = item.resolution else { return "not undefined: \(item.resolution)" }
        return why.description
    }

    @Test("an undefined item names the closest definitions as 'did you mean', nearest first")
    func didYouMean() {
        let message = Self.message("Log in as the admin user") { steps in
            steps.action("log in as {word}") { (_, _, _: String) in }
            steps.action("log out") { _, _ in }
            steps.action("open the admin console") { _, _ in }
        }
        #expect(message.hasPrefix(#"no definition matches "Log in as the admin user"; did you mean "log in as {word}" at StepwiseBindingTests/BinderHelpTests.swift:"#))
        #expect(!message.contains("log out"))
    }

    @Test("an item phrases only partly cover says which words each phrase covered")
    func phraseCoverage() {
        let message = Self.message("Open the menu and click Page") { steps in
            steps.action("open the menu", matching: .phrase) { _, _ in }
        }
        #expect(message.hasPrefix(#"no definition covers "and click Page"; covered: "Open the menu" by "open the menu" at StepwiseBindingTests/BinderHelpTests.swift:"#))
    }

    @Test("{word} followed by a comma matches the word without it", arguments: [
        ("On {word}, login as {word}", "On Browser1, login as admin", ["Browser1", "admin"]),
        ("On {word} login as {word}", "On Browser1, login as admin", ["Browser1,", "admin"]),
        ("open {word}", "Open v5.35", ["v5.35"]),
    ])
    func wordAndPunctuation(expression: String, text: String, values: [String]) throws {
        let match = try #require(try StepExpression(expression).wholeMatch(MatchText(text)))
        #expect(match.captures.map(\.text) == values)
    }
}
