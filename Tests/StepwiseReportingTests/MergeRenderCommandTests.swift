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
