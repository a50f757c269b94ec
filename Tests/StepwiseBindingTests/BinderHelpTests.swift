import Testing
import StepwiseModel
@testable import StepwiseBinding

/// Frictions 6, 7, 8 and 10 of issue 10: what the binder says about items it cannot bind, and how
/// it names the definitions of a binding made of phrases.
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

    @Test("the suggestion for an item phrases partly cover names the phrases that cover the rest, then adds the rest without its connectives")
    func partSnippet() throws {
        let binder = Binder(libraries: [TestSteps { steps in steps.action("locate the user", matching: .phrase) { _, _ in } }])
        let text = "In LHS, click + next to Direct Messages and locate the user"
        let item = binder.bind(makeCase(instructions: [text]), caseID: "T-1").steps[0].items[0]
        let snippet = try #require(item.plan.binding.snippet)
        let lines = snippet.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix(#"// "locate the user" is covered by "locate the user" at StepwiseBindingTests/BinderHelpTests.swift:"#))
        #expect(lines[1] == #"steps.action("In LHS, click + next to Direct Messages", matching: .phrase) { world, step in"#)
    }

    @Test("a part left over on each side of a phrase gets a suggestion of its own")
    func partSnippets() throws {
        let binder = Binder(libraries: [TestSteps { steps in steps.action("open the menu", matching: .phrase) { _, _ in } }])
        let item = binder.bind(makeCase(instructions: ["Log in, open the menu and click Save"]), caseID: "T-1").steps[0].items[0]
        let snippet = try #require(item.plan.binding.snippet)
        #expect(snippet.contains(#"steps.action("Log in", matching: .phrase)"#))
        #expect(snippet.contains(#"steps.action("click Save", matching: .phrase)"#))
    }

    @Test("a binding made of several phrase definitions names each one at its own location, in the order they run")
    func combinedBindingNamesEveryDefinition() throws {
        let binder = Binder(libraries: [TestSteps { steps in
            steps.action("click {word}", matching: .phrase) { (_, _, _: String) in }
            steps.action("open the menu", matching: .phrase) { _, _ in }
        }])
        let item = binder.bind(makeCase(instructions: ["Open the menu and click Save"]), caseID: "T-1").steps[0].items[0]
        let definition = try #require(item.plan.binding.definition)
        #expect(definition.expression == "open the menu + click {word}")
        #expect(definition.phrases.map(\.expression) == ["open the menu", "click {word}"])
        #expect(definition.phrases.map(\.location.file) == ["StepwiseBindingTests/BinderHelpTests.swift", "StepwiseBindingTests/BinderHelpTests.swift"])
        #expect(definition.phrases[0].location.line == definition.phrases[1].location.line + 1)
        #expect(definition.parts == definition.phrases)
    }

    @Test("a binding to one definition lists no phrases, and is its own one part")
    func singleBindingHasNoPhrases() throws {
        let binder = Binder(libraries: [TestSteps { steps in steps.action("open the menu") { _, _ in } }])
        let item = binder.bind(makeCase(instructions: ["Open the menu"]), caseID: "T-1").steps[0].items[0]
        let definition = try #require(item.plan.binding.definition)
        #expect(definition.phrases.isEmpty)
        #expect(definition.parts.map(\.expression) == ["open the menu"])
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
