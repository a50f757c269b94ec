import Foundation
import Testing
import StepwiseModel
import StepwiseReporting
@testable import StepwiseCLI

/// A door case with its own title and labels.
private func titled(_ key: String, _ title: String, labels: [String] = []) -> TestCase {
    var testCase = door(key, labels: labels)
    testCase.title = title
    return testCase
}

/// The exit code `run` ends with for `arguments` when `validate()` refuses them, or 0.
/// (What it prints is checked through the executable, in UsageErrorTests.)
private func refusal(_ arguments: [String]) -> Int32 {
    do {
        _ = try RunCommand.parse(arguments)
        return 0
    } catch {
        return RunCommand.exitCode(for: error).rawValue
    }
}

@Suite("label expressions (--label), Cucumber's tag-expression grammar")
struct LabelExpressionTests {
    private func selects(_ expression: String, _ labels: [String]) throws -> Bool {
        try LabelExpression(parsing: expression).matches(labels)
    }

    @Test("and binds tighter than or, not tighter than and, and parentheses group", arguments: [
        ("system-console and not E2E-1", ["system-console"], true),
        ("system-console and not E2E-1", ["system-console", "E2E-1"], false),
        ("a or b and c", ["a"], true),
        ("a or b and c", ["b"], false),
        ("(a or b) and c", ["a"], false),
        ("(a or b) and c", ["b", "c"], true),
        ("not a or b", ["b", "a"], true),
        ("not (a or b)", ["b"], false),
        ("not not a", ["a"], true),
        ("a and b and not c or d", ["d"], true),
        ("@smoke", ["smoke"], true),
        ("SMOKE", ["smoke"], true),
        (#"x\(1\) or a\ b"#, ["a b"], true),
        (#"x\(1\) or a\ b"#, ["x(1)"], true),
    ] as [(String, [String], Bool)])
    func precedence(expression: String, labels: [String], selected: Bool) throws {
        #expect(try selects(expression, labels) == selected)
    }

    @Test("a mistake points a caret at the token at fault and says what was expected", arguments: [
        ("a and", 6, "expected a label, 'not' or '(' after 'and', found the end"),
        ("a b", 3, "expected 'and' or 'or' before label 'b'"),
        ("(a or b", 1, "this '(' is never closed"),
        ("a or b)", 7, "')' closes no '('"),
        ("and a", 1, "expected a label, 'not' or '(', found 'and'"),
        ("a or or b", 6, "expected a label, 'not' or '(' after 'or', found 'or'"),
        ("", 1, "the label expression is empty"),
        ("a\\", 2, "a backslash at the end escapes nothing"),
    ] as [(String, Int, String)])
    func errors(expression: String, column: Int, message: String) {
        #expect(throws: LabelExpression.SyntaxError.self) { try LabelExpression(parsing: expression) }
        do {
            _ = try LabelExpression(parsing: expression)
        } catch {
            #expect(error.message == message)
            #expect(error.column == column)
        }
    }

    @Test("a bad --label exits 64 before anything runs, compiler-style with the expression and a caret")
    func usage() throws {
        #expect(refusal(["--label", "system-console and not"]) == ExitStatus.usage)
        let error = try #require(throws: LabelExpression.SyntaxError.self) { try LabelExpression(parsing: "system-console and not") }
        let rendered = error.rendered(expression: "system-console and not")
        #expect(rendered.hasPrefix("--label:1:23: error: expected a label, 'not' or '(' after 'not', found the end"))
        #expect(rendered.contains("\n    system-console and not\n                          ^\n    hint: "))
    }
}

@Suite("stepwise run: which cases run")
struct RunSelectionTests {
    init() { StepLibraries.install([DoorSteps()]) }

    private let cases = [
        titled("MM-T938", "Users - Revoke a user's sessions", labels: ["system-console"]),
        titled("MM-T939", "Users - Deactivate a user", labels: ["system-console", "E2E-1"]),
        titled("MM-T1940", "Channels - Rename", labels: ["channels"]),
    ]

    private func keys(_ arguments: [String]) throws -> [String] {
        try RunCommand.parse(arguments).filter.select(cases).map(\.key)
    }

    @Test("--label takes an expression; repeated, the expressions are alternatives")
    func labels() throws {
        #expect(try keys(["--label", "system-console and not E2E-1"]) == ["MM-T938"])
        #expect(try keys(["--label", "E2E-1", "--label", "channels"]) == ["MM-T939", "MM-T1940"])
        #expect(try keys(["--label", "not system-console"]) == ["MM-T1940"])
    }

    @Test("--name is a regular expression searched for in the title, case and all unless (?i)")
    func names() throws {
        #expect(try keys(["--name", "^Users - (Revoke|Deactivate)"]) == ["MM-T938", "MM-T939"])
        #expect(try keys(["--name", "rename"]) == [])
        #expect(try keys(["--name", "(?i)rename"]) == ["MM-T1940"])
    }

    @Test("a bad --name exits 64")
    func badName() {
        #expect(refusal(["--name", "Users (Revoke"]) == ExitStatus.usage)
    }

    @Test("--key is a glob: * any run of characters, ? one, case ignored; a plain key is itself")
    func keyGlobs() throws {
        #expect(try keys(["--key", "MM-T93*"]) == ["MM-T938", "MM-T939"])
        #expect(try keys(["--key", "mm-t93?"]) == ["MM-T938", "MM-T939"])
        #expect(try keys(["--key", "MM-T93"]) == [])
        #expect(try keys(["--key", "*40"]) == ["MM-T1940"])
        #expect(try keys(["--key", "MM-T938"]) == ["MM-T938"])
        #expect(CaseFilter.key("abcabd", matches: "*ab?"))
        #expect(!CaseFilter.key("abc", matches: "a*d"))
    }

    @Test("--shard takes only i/n in plain digits", arguments: ["1//2", "+1/+2", "1/2/3", "0/2", "3/2", "1 /2", "/2", "1/", "-1/2", "1/0"])
    func badShard(value: String) {
        #expect(refusal(["--shard", value]) == ExitStatus.usage)
        #expect(CaseFilter.shard(value) == nil)
    }

    @Test("usage limits: --retries at most 10, --max-failures at least 1, --durations 0 or more, --color a choice", arguments: [
        ["--retries", "11"], ["--retries", "1000000"], ["--max-failures", "0"], ["--max-failures", "-1"],
        ["--durations", "-1"], ["--color", "sometimes"], ["--root", "no/such/directory"], ["-", "-"],
    ])
    func limits(arguments: [String]) {
        #expect(refusal(arguments) == ExitStatus.usage)
    }

    @Test("within the limits the options are taken", arguments: [
        ["--retries", "10"], ["--max-failures", "1"], ["--durations", "0"], ["--color", "always"], ["--color", "never"],
        ["--quiet"], ["-q"], ["--root", "."], ["--shard", "2/4"],
    ])
    func accepted(arguments: [String]) {
        #expect(refusal(arguments) == 0)
    }

    @Test("--output '' is refused before anything is read, exit 64")
    func emptyOutput() {
        #expect(refusal(["--format", "junit", "--output", ""]) == ExitStatus.usage)
    }

    @Test("--max-failures stops starting cases after that many failed; the rest are reported not run, saying why")
    func maxFailures() async throws {
        let command = try RunCommand.parse(["--fault", "stuck-door", "--max-failures", "1", "--jobs", "1"])
        let recorder = Recorder()
        let code = try await command.execute([door("D-1"), door("D-2"), door("D-3")], readDiagnostics: [], reporters: [recorder])
        #expect(code == ExitStatus.failed)
        let finished = recorder.events.compactMap { if case .caseFinished(let done) = $0 { done } else { nil } }
        #expect(finished.map(\.caseID) == ["D-1", "D-2", "D-3"], "every case is in every report, in plan order")
        #expect(finished.map(\.status) == [.failed, .skipped, .skipped])
        #expect(finished[1].message == "not run: the run stopped after 1 failed case (--max-failures 1)")
        let record = RunRecord(events: recorder.events)
        #expect(record.cases[2].steps.allSatisfy { $0.status == .skipped && $0.items.allSatisfy { $0.status == .skipped } })
        guard case .runFinished(let end)? = recorder.events.last else { Issue.record("no runFinished"); return }
        #expect(end.counts == ["failed": 1, "skipped": 2])
    }

    @Test("without failures --max-failures changes nothing")
    func maxFailuresUnreached() async throws {
        let command = try RunCommand.parse(["--max-failures", "1"])
        let recorder = Recorder()
        let code = try await command.execute([door("D-1"), door("D-2")], readDiagnostics: [], reporters: [recorder])
        #expect(code == ExitStatus.passed)
        #expect(RunRecord(events: recorder.events).counts == [.passed: 2])
    }
}
