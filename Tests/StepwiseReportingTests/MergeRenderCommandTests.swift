import Foundation
import StepwiseModel
@testable import StepwiseReporting
import StepwiseTestSupport
import Testing

/// `stepwise merge` and `stepwise render` end to end: the built executable, its output and exit codes.
@Suite struct MergeRenderCommandTests {
    /// The `stepwise` executable beside the test bundle, where `swift build` and `swift test` put it.
    static let executable: URL? = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("stepwise")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }()

    private struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    private func stepwise(_ arguments: [String], input: Data? = nil) async throws -> Result {
        let executable = try #require(Self.executable, "the stepwise executable is not built: run `swift build` first")
        let output = try await ChildProcess.run(executable.path, arguments, input: input ?? Data())
        return Result(status: output.status, output: output.standardOutput, error: output.standardError)
    }

    private var fixture: String { ReportFixtures.url("mixed-run.ndjson").path }

    private func fixtureText() throws -> String {
        try String(contentsOfFile: fixture, encoding: .utf8)
    }

    @Test(
        "render refuses a stream whose schema is not the number 1, naming the file and line",
        arguments: [
            (#""schema":0"#, "the event stream is schema 0; this Stepwise reads schema 1"),
            (#""schema":"1""#, "`schema` is the string \"1\", not the number 1"),
            (#""schema":true"#, "`schema` is a boolean or a fraction, not the number 1"),
            ("", "the event has no `schema`"),
        ])
    func schemaChecked(replacement: String, message: String) async throws {
        let lines = try fixtureText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The third line: a problem anywhere in the stream is found, not only on its first line.
        var changed = lines
        changed[2] = changed[2].replacingOccurrences(of: #""schema":1"#, with: replacement)
        if replacement.isEmpty { changed[2] = changed[2].replacingOccurrences(of: ",,", with: ",") }
        let result = try await stepwise(["render", "-", "--format", "json"], input: Data(changed.joined(separator: "\n").utf8))
        #expect(result.status == 2, "\(result.error)")
        #expect(result.error.contains("<stdin>:3:1: error: \(message)"), "\(result.error)")
        #expect(result.output.isEmpty)
    }

    @Test("render refuses an empty stream and two runs concatenated, and says what a directory is")
    func wholeStreamChecked() async throws {
        let empty = try await stepwise(["render", "-", "--format", "json"], input: Data())
        #expect(empty.status == 2 && empty.error.contains("<stdin>:1:1: error: the event stream is empty"))
        let text = try fixtureText()
        let lineCount = text.split(separator: "\n").count
        let twice = try await stepwise(["render", "-", "--format", "json"], input: Data((text + text).utf8))
        #expect(twice.status == 2)
        #expect(twice.error.contains("<stdin>:\(lineCount + 1):1: error: a second run starts here"), "\(twice.error)")
        let directory = try await stepwise(["render", ReportFixtures.directory.path, "--format", "json"])
        #expect(directory.status == 2)
        #expect(directory.error.contains("is a directory, not an event stream"))
        #expect(!directory.error.contains("NSCocoaErrorDomain"))
    }

    @Test("merge refuses a run merged with itself")
    func mergeWithItself() async throws {
        let result = try await stepwise(["merge", fixture, fixture])
        #expect(result.status == 2)
        #expect(result.error.contains("merging a run with itself would count every case twice"))
        #expect(result.output.isEmpty)
    }

    @Test("render never traps on a huge but valid duration, in any format", arguments: ReportFormat.allCases)
    func hugeDurations(format: ReportFormat) async throws {
        let text = try fixtureText()
            .replacingOccurrences(of: #""wall":0.36}"#, with: #""wall":5.5e20}"#)
            .replacingOccurrences(of: #""virtual":31.7,"#, with: #""virtual":1e308,"#)
        #expect(text.contains("5.5e20"))
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = format == .allure ? ["--output", directory.appendingPathComponent("results").path] : []
        let result = try await stepwise(["render", "-", "--format", format.rawValue] + output, input: Data(text.utf8))
        #expect(result.status == 0, "\(format): exit \(result.status) \(result.error.suffix(300))")
    }

    @Test("render writes the report and exits 0 even though the run failed")
    func renders() async throws {
        let result = try await stepwise(["render", fixture, "--format", "junit"])
        #expect(result.status == 0)
        #expect(result.output == JUnitReport.text(try ReportFixtures.run("mixed-run.ndjson")))
    }

    @Test("render reads standard input for -")
    func rendersStandardInput() async throws {
        let stream = try Data(contentsOf: ReportFixtures.url("mixed-run.ndjson"))
        let result = try await stepwise(["render", "-", "--format", "markdown"], input: stream)
        #expect(result.status == 0)
        #expect(result.output == MarkdownReport.text(try ReportFixtures.run("mixed-run.ndjson")))
    }

    @Test("an invalid stream exits 2 and names the bad line")
    func invalidStream() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("broken.ndjson").path
        let first = try ReportFixtures.text("mixed-run.ndjson").split(separator: "\n")[0]
        try AtomicFile.write("\(first)\n{\"schema\":1,\"kind\":\"caseFinished\"}\n", to: path)
        let result = try await stepwise(["render", path, "--format", "json"])
        #expect(result.status == 2)
        #expect(result.error.hasPrefix("\(path):2:1: error: not a Stepwise event: missing `caseID`"))
        #expect(result.output.isEmpty)
    }

    @Test(
        "usage errors exit 64",
        arguments: [
            ["render", "x.ndjson", "--format", "pdf"],
            ["render", "x.ndjson", "--format", "allure"],
            ["render", "x.ndjson"],
            ["merge"],
            ["merge", "-", "-"],
        ])
    func usage(arguments: [String]) async throws {
        #expect(try await stepwise(arguments).status == 64)
    }

    @Test("merge joins streams into one that renders as one run")
    func merges() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let merged = directory.appendingPathComponent("merged.ndjson").path
        let result = try await stepwise(["merge", fixture, ReportFixtures.url("shard-2.ndjson").path, "--output", merged])
        #expect(result.status == 0)
        let run = RunRecord(events: try SavedStream.read(path: merged))
        #expect(run.cases.count == 7)
        #expect(run.isComplete)
        #expect(ReportText.counts(run) == "3 passed, 1 failed, 1 undefined, 1 manual, 1 skipped, 1 flaky")
    }
}
