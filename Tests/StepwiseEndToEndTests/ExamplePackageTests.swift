import Foundation
import StepwiseTestSupport
import Testing

/// Builds the `Examples` package once (a nested `swift build` with its own scratch path) and runs
/// its two teams' runners: `ShopRunner`, over a library of its own, and `UsersRunner`, which
/// extends the built-in Mattermost library to bind one more real case.
@Suite("The example runner packages", .serialized)
struct ExamplePackageTests {
    static let root = Corpus.packageRoot
    static let examples = root.appendingPathComponent("Examples")
    static let scratch = root.appendingPathComponent(".build-examples")

    /// The directory of the built runners; one build for every test of the suite.
    static let built = Task<String, any Error> {
        let swift = try #require(ChildProcess.find("swift"), "swift is not on PATH")
        let arguments = ["build", "--package-path", examples.path, "--scratch-path", scratch.path]
        var build = try await ChildProcess.run(swift, arguments, in: root.path)
        if build.status != 0 {
            // SwiftPM does not notice Stepwise source files added or removed since the scratch
            // directory's plan was made (a path dependency): start it afresh once.
            try? FileManager.default.removeItem(at: scratch)
            build = try await ChildProcess.run(swift, arguments, in: root.path)
        }
        guard build.status == 0 else { throw BuildFailure(log: build.standardOutput + build.standardError) }
        return try await ChildProcess.run(swift, arguments + ["--show-bin-path"], in: root.path).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct BuildFailure: Error, CustomStringConvertible {
        var log: String
        var description: String { "the example package did not build:\n\(log)" }
    }

    /// Runs the example runner `name` with `arguments` in its own folder (`Examples/<name>`).
    static func run(_ name: String, _ arguments: [String]) async throws -> ChildProcess.Output {
        let runner = try await built.value + "/" + name
        return try await ChildProcess.run(runner, arguments, in: examples.appendingPathComponent(name).path)
    }

    @Test("a team's runner binds its own spec, passes it, and fails it under its own planted fault")
    func runsOwnSteps() async throws {
        let pass = try await Self.run("ShopRunner", ["run", "specs", "--strict", "--format", "ndjson"])
        #expect(pass.status == 0, "\(pass.standardError)")
        #expect(pass.standardOutput.contains(#""notes":["the till opened after 5 s"]"#))
        #expect(pass.standardOutput.contains(#""status":"manual""#))
        #expect(pass.standardOutput.contains(#""exitCode":0"#))

        let fault = try await Self.run("ShopRunner", ["run", "specs", "--fault", "slow-till", "--format", "ndjson"])
        #expect(fault.status == 1)
        #expect(fault.standardOutput.contains("still waiting for the till opening after 30 s"))

        let usage = try await Self.run("ShopRunner", ["run", "--fault", "no-such-thing"])
        #expect(usage.status == 64)
        #expect(usage.standardError.contains("valid: slow-till"))

        let help = try await Self.run("ShopRunner", ["run", "--help"])
        #expect(help.standardOutput.contains("slow-till: the till takes 45 s to open instead of 5 s"))
    }

    @Test("the vendored MM-T952 is the corpus file byte for byte")
    func vendoredCaseIsTheCorpusFile() throws {
        let vendored = try Data(contentsOf: Self.examples.appendingPathComponent("UsersRunner/specs/MM-T952.md"))
        let corpus = try Data(contentsOf: Corpus.file("zephyr-export/suite/system-console/user-management/MM-T952.md"))
        #expect(vendored == corpus)
    }

    @Test("the stock stepwise binds none of MM-T952's four items")
    func stockBinaryLeavesItUndefined() async throws {
        let stepwise = try #require(StepwiseBinaryTests.executable, "build the stepwise product before testing (swift build)")
        let strict = try await ChildProcess.run(stepwise.path, ["run", "specs", "--strict", "--dry-run"],
                                                in: Self.examples.appendingPathComponent("UsersRunner").path)
        #expect(strict.status == 2)
        #expect(strict.standardOutput.components(separatedBy: "undefined 1.").count - 1 == 4, "\(strict.standardOutput)")
    }

    @Test("a team's four definitions over the built-in library make MM-T952 green under --strict")
    func extendedLibraryBindsAndPasses() async throws {
        let pass = try await Self.run("UsersRunner", ["run", "specs", "--strict", "--format", "ndjson"])
        #expect(pass.status == 0, "\(pass.standardOutput)\(pass.standardError)")
        #expect(pass.standardOutput.components(separatedBy: #""status":"passed""#).count - 1 >= 4)
        // The built-in console opened the Users page; the team's phrases acted on it.
        #expect(pass.standardOutput.contains("riley.returns reactivated: their row's button reads \\\"Member\\\""))
        #expect(pass.standardOutput.contains("riley.returns is row 2, among the active users, with no label"))
        #expect(pass.standardOutput.contains(#""exitCode":0"#))
    }

    @Test("under the team's planted fault MM-T952 fails at 1.e1, saying where the user is listed")
    func extendedCheckCanFail() async throws {
        let fault = try await Self.run("UsersRunner", ["run", "specs", "--strict", "--fault", "dm-list-sessionless-deactivated"])
        #expect(fault.status == 1)
        let failures = try #require(fault.standardOutput.components(separatedBy: "Failures:").last)
        #expect(failures.contains("1.e1"), "\(fault.standardOutput)")
        #expect(failures.contains("riley.returns is row 5 of the Direct Messages list, not row 2 among the active users"))
        #expect(fault.standardOutput.contains("riley.returns is still labelled \"Deactivated\" in the Direct Messages list"))
    }

    @Test("the extended runner lists the built-in options and the team's once each")
    func optionsListedOnce() async throws {
        let help = try await Self.run("UsersRunner", ["run", "--help"])
        #expect(help.standardOutput.components(separatedBy: "dm-list-sessionless-deactivated:").count - 1 == 1)
        #expect(help.standardOutput.components(separatedBy: "revoke-leaves-mobile-sessions:").count - 1 == 1)
        #expect(help.standardOutput.components(separatedBy: "console-current:").count - 1 == 1)
    }
}
