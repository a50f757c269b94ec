import Foundation
import StepwiseTestSupport
import Testing

/// Builds `Examples/ShopRunner` (a team's own runner over its own step library) and runs it.
@Suite("The example runner package", .serialized)
struct ExamplePackageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let example = root.appendingPathComponent("Examples/ShopRunner")
    static let scratch = root.appendingPathComponent(".build-examples/ShopRunner")

    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func execute(_ executable: String, _ arguments: [String], in directory: URL) async throws -> Output {
        let output = try await ChildProcess.run(executable, arguments, in: directory.path)
        return Output(status: output.status, standardOutput: output.standardOutput, standardError: output.standardError)
    }

    /// The built runner's path; builds it first (a nested `swift build` with its own scratch path).
    static func builtRunner() async throws -> String {
        let swift = try #require(ChildProcess.find("swift"), "swift is not on PATH")
        let arguments = ["build", "--package-path", example.path, "--scratch-path", scratch.path]
        var build = try await execute(swift, arguments, in: root)
        if build.status != 0 {
            // SwiftPM does not notice Stepwise source files added or removed since the scratch
            // directory's plan was made (a path dependency): start it afresh once.
            try? FileManager.default.removeItem(at: scratch)
            build = try await execute(swift, arguments, in: root)
        }
        guard build.status == 0 else { throw BuildFailure(log: build.standardOutput + build.standardError) }
        let bin = try await execute(swift, arguments + ["--show-bin-path"], in: root).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return bin + "/ShopRunner"
    }

    struct BuildFailure: Error, CustomStringConvertible {
        var log: String
        var description: String { "the example package did not build:\n\(log)" }
    }

    @Test("a team's runner binds its own spec, passes it, and fails it under its own planted fault")
    func runsOwnSteps() async throws {
        let runner = try await Self.builtRunner()

        let pass = try await Self.execute(runner, ["run", "specs", "--strict", "--format", "ndjson"], in: Self.example)
        #expect(pass.status == 0, "\(pass.standardError)")
        #expect(pass.standardOutput.contains(#""notes":["the till opened after 5 s"]"#))
        #expect(pass.standardOutput.contains(#""status":"manual""#))
        #expect(pass.standardOutput.contains(#""exitCode":0"#))

        let fault = try await Self.execute(runner, ["run", "specs", "--fault", "slow-till", "--format", "ndjson"], in: Self.example)
        #expect(fault.status == 1)
        #expect(fault.standardOutput.contains("still waiting for the till opening after 30 s"))

        let usage = try await Self.execute(runner, ["run", "--fault", "no-such-thing"], in: Self.example)
        #expect(usage.status == 64)
        #expect(usage.standardError.contains("valid: slow-till"))

        let help = try await Self.execute(runner, ["run", "--help"], in: Self.example)
        #expect(help.standardOutput.contains("slow-till: the till takes 45 s to open instead of 5 s"))
    }
}
