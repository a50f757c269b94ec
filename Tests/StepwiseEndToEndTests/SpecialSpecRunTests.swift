import Foundation
import StepwiseTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `run` and `report` find their specs through the same walk as `parse`: a pipe, a link to
/// /dev/zero, a dangling link and a loop of links among the specs are each reported where they
/// are, with their code, and the case beside them still runs. Nothing hangs or grows without bound.
@Suite("Special files among the specs of run and report", .timeLimit(.minutes(2)))
struct SpecialSpecRunTests {
    /// MM-T938 beside a pipe, a link to /dev/zero, a dangling link and two links in a loop.
    private static func hostileDirectory() throws -> URL { try SpecialEntries.directory(named: "stepwise-run-special") }

    private static let reported = [
        "dangling.md:1:1: error: the symbolic link points at 'nowhere.md', which does not exist",
        "loop-a.md:1:1: error: the symbolic links loop",
        "pipe.md:1:1: error: a named pipe (FIFO), not a regular file",
        "zero.md:1:1: error: a character device, not a regular file",
    ]

    @Test("run reports each special entry and still runs the case beside them, exit 2")
    func run() async throws {
        let directory = try Self.hostileDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = try #require(StepwiseBinaryTests.executable, "build the stepwise product before testing")
        let result = try await ChildProcess.run(binary.path, ["run", directory.path])
        #expect(result.status == 2, "\(result.standardError)")
        for line in Self.reported { #expect(result.standardError.contains(line), "\(line)\n\(result.standardError)") }
        #expect(result.standardOutput.contains("MM-T938"), "the case beside them ran")
    }

    @Test("report reports each special entry, still catalogues the case beside them, and fails")
    func report() async throws {
        let directory = try Self.hostileDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binary = try #require(StepwiseBinaryTests.executable, "build the stepwise product before testing")
        let result = try await ChildProcess.run(binary.path, ["report", directory.path, "--format", "markdown"])
        for line in Self.reported { #expect(result.standardError.contains(line), "\(line)\n\(result.standardError)") }
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardOutput.contains("1 case"), "the case beside them is in the catalogue")
    }
}
