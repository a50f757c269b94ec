import Foundation
import Testing
import StepwiseBinding
import StepwiseModel
import StepwiseReporting
import StepwiseRunner
@testable import StepwiseCLI

final class Doors: Sendable {}

struct DoorSteps: StepLibrary {
    var options: [StepOption] { [.fault("stuck-door", "the door never opens")] }
    func makeWorld(_ context: WorldContext) async throws -> Doors { Doors() }
    func define(_ steps: inout Steps<Doors>) {
        steps.action("open the door") { _, step in
            if step.configuration.isSelected("stuck-door") { throw StepFailure("the door is stuck") }
        }
        steps.check("the door is open") { _, _ in }
    }
}

/// Keeps every event it receives.
final class Recorder: Reporter {
    var events: [Event] = []
    var finished = false
    func receive(_ event: Event) throws { events.append(event) }
    func finish() throws { finished = true }
}

func door(_ key: String, instruction: String = "open the door", labels: [String] = [], priority: String = "Normal") -> TestCase {
    let here = SourceLocation(file: "specs/\(key).md", line: 1)
    return TestCase(
        key: key, title: "Doors", priority: priority, folder: ["Suite", "Building", "Doors"], labels: labels,
        steps: [
            Step(
                number: "1", instructions: [Instruction(number: 1, text: instruction, location: here)],
                expectations: [Expectation(number: 1, text: "the door is open", location: here)], location: here)
        ],
        format: .mattermostMarkdown, location: here)
}

/// Fails to write, the way a report to a path that cannot be written does.
final class UnwritableReporter: Reporter {
    let error: any Error
    init(_ error: any Error) { self.error = error }
    func receive(_ event: Event) throws {}
    func finish() throws { throw error }
}

@Suite("stepwise run")
struct RunCommandTests {
    init() { StepLibraries.install([DoorSteps()]) }

    /// Parses (validate() runs there: usage errors exit 64 before anything is read) and executes.
    func execute(_ arguments: [String], _ cases: [TestCase]) async throws -> (code: Int32, recorder: Recorder) {
        let recorder = Recorder()
        let command: RunCommand
        do {
            command = try RunCommand.parse(arguments)
        } catch {
            return (RunCommand.exitCode(for: error).rawValue, recorder)
        }
        let code = try await command.execute(cases, readDiagnostics: [], reporters: [recorder])
        return (code, recorder)
    }

    @Test(
        "a command line that surely runs cases is told before parsing: run, nothing, or a spec path first; never an option, another command or help",
        arguments: [
            (["run", "specs"], true), ([], true), (["specs/MM-T938.md", "--strict"], true), (["MM-T938.md"], true),
            (["--version"], false), (["--strict", "specs"], false), (["list", "specs/"], false), (["help", "run"], false),
            (["report", "exports/", "--format", "html"], false),
        ] as [([String], Bool)])
    func commandLinesThatRunCases(arguments: [String], runs: Bool) {
        #expect(RunCommand.isNamed(by: arguments) == runs)
    }

    @Test(
        "a run command line parsed by run alone is the command the whole tree parses",
        arguments: [
            ["run"], ["run", "specs/MM-T938.md", "--strict"], ["run", "specs", "--dry-run", "-q", "--jobs", "1"],
            ["run", "specs", "--key", "MM-T93*", "--label", "a and not b", "--format", "junit:out.xml", "--format", "html"],
            ["run", "--fault", "stuck-door", "--retries", "2", "--timeout", "3.5", "--", "--odd-name.md"],
        ])
    func parsedAloneAgreesWithTheTree(arguments: [String]) throws {
        let alone = try #require(RunCommand.parsedAlone(arguments))
        let tree = try #require(try StepwiseCommand.parseAsRoot(arguments) as? RunCommand)
        #expect(String(describing: alone) == String(describing: tree))
    }

    @Test(
        "anything but a valid run command line is left to the whole tree: help, version, completion, mistakes, other commands",
        arguments: [
            ["run", "--help"], ["run", "-h"], ["run", "--version"], ["run", "--generate-completion-script", "bash"],
            ["run", "--experimental-dump-help"], ["run", "--frobnicate"], ["run", "--jobs", "-1"], ["run", "--jobs"],
            ["run", "--fault", "no-such-fault"], ["list", "specs"], ["specs/MM-T938.md"], [], ["help", "run"],
        ])
    func parsedAloneDeclines(arguments: [String]) {
        #expect(RunCommand.parsedAlone(arguments) == nil)
    }

    @Test("a detached thread runs its work once, on a thread other than the caller's")
    func detachedThread() async {
        let caller = pthread_self()
        let ran = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            #expect(DetachedThread.start { done.resume(returning: pthread_equal(pthread_self(), caller) == 0) })
        }
        #expect(ran)
    }

    @Test("run's help text lists the libraries' faults, and is left out only where no help can be printed")
    func helpTextOnlyWhereHelpIsPrinted() {
        #expect(RunCommand.configuration.discussion.contains("stuck-door"))
        #expect(RunCommand.withoutHelpText { RunCommand.configuration.discussion }.isEmpty)
        #expect(RunCommand.configuration.discussion.contains("stuck-door"), "only inside withoutHelpText")
        // The names of the commands need no help text; a run line parsed alone neither.
        #expect(CommandWord.names.contains("run"))
        #expect(RunCommand.parsedAlone(["run", "specs", "--strict"])?.strict == true)
    }

    /// Every stored property of `command` as its reflection writes it: the value each option
    /// holds, or that it holds none yet (an option the parser would have given its default).
    private static func properties(_ command: RunCommand) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Mirror(reflecting: command).children.map { ($0.label ?? "?", String(reflecting: $0.value)) })
    }

    @Test("a simple run line read without the argument parser gives the command the parser gives, every property alike", arguments: [
        ["run"], ["run", "specs/MM-T938.md"], ["run", "specs/MM-T938.md", "--strict"], ["run", "--strict", "a.md", "b/"],
        ["run", "-q", "specs", "--dry-run"], ["run", "--last-failed", "--quiet", "x.json", "--strict", "--dry-run"],
        ["run", "path with spaces.md", "ünïcode/"],
    ])
    func simpleLinesAsTheParserReadsThem(arguments: [String]) throws {
        let simple = try #require(RunCommand.readSimply(arguments))
        let parsed = try #require(RunCommand.parsedAlone(arguments))
        #expect(Self.properties(simple) == Self.properties(parsed))
        #expect(Self.properties(simple).count >= 25, "every option of run is compared")
    }

    @Test("an option the simple reading left without a value would show, and fail the comparison above")
    func unsetOptionShows() {
        let unset = Self.properties(RunCommand())
        let set = Self.properties(RunCommand.readSimply(["run"])!)
        #expect(unset["_strict"] != set["_strict"])
        #expect(unset["_jobs"] != set["_jobs"])
    }

    @Test("anything else is left to the argument parser", arguments: [
        ["run", "--strict", "--strict"], ["run", "-q", "--quiet"], ["run", "--jobs", "2"], ["run", "--jobs=2"], ["run", "-"],
        ["run", "--", "specs"], ["run", "-qs"], ["run", "--format", "junit"], ["run", "--fault", "no-such-fault"], ["run", ""],
        ["specs/MM-T938.md"], ["--strict", "specs"], ["run", "--help"], ["run", "-h"], ["run", "--version"], ["list", "specs"],
    ])
    func otherLinesGoToTheParser(arguments: [String]) {
        #expect(RunCommand.readSimply(arguments) == nil)
    }

    @Test("the libraries loaded in the background are the ones a run binds with, loaded once")
    func backgroundLoad() {
        StepLibraries.loadInBackground()
        StepLibraries.loadInBackground()
        let binder = StepLibraries.binder
        #expect(binder.definitions.map(\.source) == Binder(libraries: [DoorSteps()]).definitions.map(\.source))
        #expect(StepLibraries.binder.definitions.count == binder.definitions.count)
    }

    @Test("exit codes: 0 passed, 1 failed, 2 binding errors under --strict, 64 usage", arguments: [
        ([], "open the door", ExitStatus.passed),
        (["--fault", "stuck-door"], "open the door", ExitStatus.failed),
        ([], "open the window", ExitStatus.passed),
        (["--strict"], "open the window", ExitStatus.specOrBindingError),
        (["--fault", "no-such-fault"], "open the door", ExitStatus.usage),
        (["--clock", "sundial"], "open the door", ExitStatus.usage),
        (["--clock", "mixed"], "open the door", ExitStatus.usage),
        (["--shard", "3/2"], "open the door", ExitStatus.usage),
    ] as [([String], String, Int32)])
    func exitCodes(arguments: [String], instruction: String, expected: Int32) async throws {
        let (code, recorder) = try await execute(arguments, [door("D-1", instruction: instruction)])
        #expect(code == expected)
        if expected != ExitStatus.usage {
            guard case .runFinished(let finished)? = recorder.events.last else { Issue.record("no runFinished"); return }
            #expect(finished.exitCode == expected)
            #expect(recorder.finished)
        }
    }

    @Test("the item time limit is 10 s on the virtual clock, 120 s on the real one, unless --timeout says")
    func defaultTimeout() throws {
        #expect(try RunCommand.parse([]).itemTimeout == 10)
        #expect(try RunCommand.parse(["--clock", "real"]).itemTimeout == 120)
        #expect(try RunCommand.parse(["--clock", "real", "--timeout", "3"]).itemTimeout == 3)
    }

    @Test("a bad --jobs, --retries or --timeout is a usage error, however it is written", arguments: [
        ["--jobs", "0"], ["--jobs", "-2"], ["--retries", "-1"], ["--timeout", "-1"], ["--timeout", "0"],
        ["--timeout", "nan"], ["--timeout", "inf"], ["--timeout", "1e300"],
    ])
    func badLimits(arguments: [String]) async throws {
        let (code, recorder) = try await execute(arguments, [door("D-1")])
        #expect(code == ExitStatus.usage)
        #expect(recorder.events.isEmpty)
    }

    @Test("an unreadable spec is exit 2, reported as a diagnostic event")
    func unreadable() async throws {
        let command = try RunCommand.parse([])
        let recorder = Recorder()
        let broken = Diagnostic(.error, "not a test case", at: SourceLocation(file: "specs/broken.md", line: 1), code: "file.unknown")
        let code = try await command.execute([door("D-1")], readDiagnostics: [broken], reporters: [recorder])
        #expect(code == ExitStatus.specOrBindingError)
        #expect(recorder.events.contains { if case .diagnostic(let reported) = $0 { reported.diagnostic == broken } else { false } })
    }

    @Test("filters combine: OR within one, AND across them; shards split in plan order")
    func filters() throws {
        let cases = [
            door("D-1", labels: ["smoke"], priority: "High"), door("D-2", labels: ["slow"]), door("D-3", labels: ["smoke"]),
            door("D-4"),
        ]
        #expect(try RunCommand.parse(["--label", "smoke"]).filter.select(cases).map(\.key) == ["D-1", "D-3"])
        #expect(try RunCommand.parse(["--label", "smoke", "--priority", "high"]).filter.select(cases).map(\.key) == ["D-1"])
        #expect(try RunCommand.parse(["--key", "D-2", "--key", "D-4"]).filter.select(cases).map(\.key) == ["D-2", "D-4"])
        #expect(try RunCommand.parse(["--folder", "building / doors"]).filter.select(cases).count == 4)
        #expect(try RunCommand.parse(["--shard", "2/2"]).filter.select(cases).map(\.key) == ["D-2", "D-4"])
    }

    @Test("filters that select none of the cases read say so in a warning, and the run still passes")
    func nothingSelected() async throws {
        let (code, recorder) = try await execute(["--key", "D-9"], [door("D-1"), door("D-2")])
        #expect(code == ExitStatus.passed)
        let warnings = recorder.events.compactMap { if case .diagnostic(let reported) = $0 { reported.diagnostic } else { nil } }
        #expect(warnings.map(\.code) == ["run.nothing-selected"])
        #expect(warnings.first?.message.contains("none of the 2 case(s)") == true)
    }

    @Test("Markdown exports left out for their JSON twins get one note naming an example, not a caret under some file's first line")
    func twinNote() throws {
        #expect(RunCommand.twinNote([]) == nil)
        let note = try #require(RunCommand.twinNote(["exports/a/MM-T1.md", "exports/b/MM-T2.md"]))
        #expect(note.location == nil)
        #expect(note.severity == .note)
        #expect(note.message.hasPrefix("2 Markdown export(s) not run, such as exports/a/MM-T1.md:"))
    }

    @Test("--format FORMAT:PATH and --output pair in order; two reports cannot share standard output")
    func formats() throws {
        let requests = try ReportRequest.parse(formats: ["junit:out/j.xml", "ndjson", "json"], outputs: ["out/run.ndjson"])
        #expect(requests == [
            ReportRequest(format: .junit, destination: .path("out/j.xml")),
            ReportRequest(format: .ndjson, destination: .path("out/run.ndjson")),
            ReportRequest(format: .json, destination: .standardOutput),
        ])
        #expect(throws: UsageError.self) { try ReportRequest.parse(formats: ["ndjson", "json"], outputs: []) }
        #expect(throws: UsageError.self) { try ReportRequest.parse(formats: ["pdf"], outputs: []) }
    }

    @Test("FORMAT:- is standard output, as --output - is, and counts as the one report there")
    func dashIsStandardOutput() throws {
        #expect(try ReportRequest.parse(formats: ["markdown:-"], outputs: []) == [ReportRequest(format: .markdown, destination: .standardOutput)])
        #expect(throws: UsageError.self) { try ReportRequest.parse(formats: ["markdown:-", "json"], outputs: []) }
    }

    @Test("an empty format or one with only a path is a usage error, not a crash", arguments: ["", ":out/report.xml"])
    func emptyFormat(value: String) {
        #expect(throws: UsageError.self) { try ReportRequest.parse(formats: [value], outputs: []) }
    }

    @Test("a report that cannot be written fails the run with 1, and the other reports are still written", arguments: [
        CocoaError(.fileNoSuchFile) as any Error, ReporterError(message: "cannot write out: Is a directory"),
    ])
    func unwritableReport(error: any Error) async throws {
        let command = try RunCommand.parse([])
        let recorder = Recorder()
        let code = try await command.execute(
            [door("D-1")], readDiagnostics: [], reporters: [UnwritableReporter(error), recorder])
        #expect(code == ExitStatus.failed)
        #expect(recorder.finished)
    }

    @Test("a report path that can never be written is a usage error before the run", arguments: [
        (ReportFormat.junit, true), (.allure, false),
    ] as [(ReportFormat, Bool)])
    func impossibleDestination(format: ReportFormat, makeDirectory: Bool) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-\(UUID().uuidString)").path
        if makeDirectory {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } else {
            try Data().write(to: URL(fileURLWithPath: path))
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: UsageError.self) { try ReportRequest(format: format, destination: .path(path)).checkDestination() }
        #expect(throws: Never.self) {
            try ReportRequest(format: format, destination: .path(path + "-new")).checkDestination()
        }
    }

    @Test("Allure results to standard output are a usage error found before anything is read")
    func allureToStandardOutput() throws {
        #expect(throws: UsageError.self) { try ReportRequest(format: .allure, destination: .standardOutput).checkDestination() }
        #expect(throws: Never.self) { try ReportRequest(format: .junit, destination: .standardOutput).checkDestination() }
    }

    @Test("the dry run shows each item's binding or snippet")
    func dryRun() throws {
        let binder = Binder(libraries: [DoorSteps()])
        let bound = [binder.bind(door("D-1", instruction: "Open the window 2 times"), caseID: "D-1")]
        let text = DryRun.render(bound)
        #expect(text.contains("D-1: Doors  [specs/D-1.md:1:1]  fingerprint \(bound[0].fingerprint)"))
        #expect(text.contains("undefined 1.i1    Open the window 2 times"))
        #expect(text.contains(#"steps.action("Open the window {int} times") { (world, step, int1: Int) in"#))
        #expect(text.contains("matched   1.e1    the door is open"))
    }

    @Test("the dry run names every phrase definition of a combined binding at its own location")
    func dryRunCombined() throws {
        let first = SourceLocation(file: "Doors/Steps.swift", line: 9, column: 1)
        let second = SourceLocation(file: "Doors/More.swift", line: 30, column: 1)
        let definition = BindingInfo.Definition(
            expression: "open the door + lock it", location: first,
            phrases: [.init(expression: "open the door", location: first), .init(expression: "lock it", location: second)])
        var bound = Binder(libraries: [DoorSteps()]).bind(door("D-1", instruction: "Open the door and lock it"), caseID: "D-1")
        bound.steps[0].items[0].plan.binding = .matched(definition)
        #expect(DryRun.render([bound]).contains(#"↳ "open the door" at Doors/Steps.swift:9:1 + "lock it" at Doors/More.swift:30:1"#))
    }

    @Test("--help lists the libraries' faults")
    func help() {
        StepLibraries.install([DoorSteps()])
        #expect(RunCommand.helpMessage().contains("stuck-door: the door never opens"))
    }
}
