import Foundation
import StepwiseTestSupport
import Testing

/// What users of Cucumber, pytest and Playwright reach for first, through the executable.
@Suite("command-line habits, through the executable", .serialized)
struct CommandLineHabitsTests {
    private static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("habits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func stepwise(_ arguments: [String], in directory: URL? = nil, input: Data = Data()) async throws
        -> ChildProcess.Output
    {
        let binary = try #require(StepwiseBinaryTests.executable, "build the stepwise product before testing")
        return try await ChildProcess.run(binary.path, arguments, in: directory?.path, input: input)
    }

    private static var specs: String { Repository.root.appendingPathComponent("specs").path }

    @Test("usage mistakes exit 64 with a message that says what is wrong, before anything runs", arguments: [
        (["frobnicate"], "error: unknown command 'frobnicate', and no file or directory of that name"),
        (["help", "nosuch"], "error: 'stepwise help nosuch': there is no command 'nosuch'"),
        (["run", "--output", "", "--format", "junit"], "error: --output is empty: give a file path, or - for standard output"),
        (["run", "--shard", "1//2"], "error: --shard must be i/n, two whole numbers with 1 ≤ i ≤ n, such as 2/4; not '1//2'"),
        (["run", "--shard", "+1/+2"], "error: --shard must be i/n, two whole numbers with 1 ≤ i ≤ n, such as 2/4; not '+1/+2'"),
        (["run", "--retries", "1000000"], "error: --retries must be from 0 to 10, not 1000000"),
        (["run", "--name", "Users (Revoke"], "error: --name 'Users (Revoke' is not a regular expression: expected ')'"),
        (["run", "--label", "system-console and (not E2E-1"], "--label:1:20: error: this '(' is never closed\n    system-console and (not E2E-1\n                       ^\n"),
        (["run", "--color", "sometimes"], "error: --color must be auto, always or never, not 'sometimes'"),
        (["run", "--max-failures", "0"], "error: --max-failures must be at least 1, not 0"),
    ] as [([String], String)])
    func usage(arguments: [String], message: String) async throws {
        let result = try await Self.stepwise(arguments + [Self.specs].filter { _ in arguments.first == "run" })
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardError.hasPrefix(message), "\(result.standardError)")
        #expect(result.standardError.components(separatedBy: message).count == 2, "said once: \(result.standardError)")
        #expect(!result.standardOutput.contains("MM-T938"), "nothing ran")
    }

    @Test("a first word that exists as a path is run, not taken for a command")
    func pathNamedLikeACommand() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("frobnicate"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Repository.specPath("MM-T938"), toPath: directory.appendingPathComponent("frobnicate/MM-T938.md").path)
        let result = try await Self.stepwise(["frobnicate"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("✔ MM-T938"))
    }

    @Test("- reads one spec from standard input for run, parse and list, named <stdin>")
    func standardInput() async throws {
        let spec = try Data(contentsOf: URL(fileURLWithPath: Repository.specPath("MM-T938")))
        let run = try await Self.stepwise(["run", "-", "--format", "junit"], input: spec)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains(#"name="MM-T938: Users - Revoke a user's sessions""#))
        #expect(run.standardOutput.contains(#"value="&lt;stdin&gt;:"#))
        let parse = try await Self.stepwise(["parse", "-"], input: spec)
        #expect(parse.status == 0)
        #expect(parse.standardOutput.contains(#""key":"MM-T938""#))
        let list = try await Self.stepwise(["list", "-", Repository.specPath("MM-T940")], input: spec)
        #expect(list.status == 0)
        let rows = list.standardOutput.split(separator: "\n")
        #expect(rows.count == 3 && rows[1].hasPrefix("MM-T938") && rows[2].hasPrefix("MM-T940"), "\(rows)")
        let empty = try await Self.stepwise(["parse", "-"])
        #expect(empty.status == 1)
        #expect(empty.standardError.contains("<stdin>:1:1: error: file is empty"))
    }

    @Test("every run keeps its stream in .stepwise/, and --last-failed re-runs only what failed")
    func lastFailed() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let none = try await Self.stepwise(["run", Self.specs, "--last-failed"], in: directory)
        #expect(none.status == 64)
        #expect(none.standardError.contains("--last-failed: there is no last run here"), "\(none.standardError)")

        let failing = try await Self.stepwise(["run", Self.specs, "--fault", "revoke-leaves-mobile-sessions"], in: directory)
        #expect(failing.status == 1)
        let kept = directory.appendingPathComponent(".stepwise/last-run.ndjson")
        #expect(FileManager.default.fileExists(atPath: kept.path))
        #expect(try String(contentsOf: directory.appendingPathComponent(".stepwise/.gitignore"), encoding: .utf8).contains("*\n"))

        let again = try await Self.stepwise(["run", Self.specs, "--last-failed", "--fault", "revoke-leaves-mobile-sessions"], in: directory)
        #expect(again.status == 1)
        // The fault fails the two revoke cases, MM-T938 and MM-T940, of the ten.
        #expect(again.standardOutput.hasPrefix("[1/2] ✘ MM-T938"), "\(again.standardOutput.prefix(300))")
        #expect(!again.standardOutput.contains("MM-T924"), "only what failed runs")
        #expect(again.standardOutput.contains("\n2 failed in"))

        let fixed = try await Self.stepwise(["run", Self.specs, "--last-failed"], in: directory)
        #expect(fixed.status == 0)
        #expect(fixed.standardOutput.contains("✔ MM-T938") && fixed.standardOutput.contains("\n2 passed in"))
        let nothing = try await Self.stepwise(["run", Self.specs, "--last-failed"], in: directory)
        #expect(nothing.status == 0)
        #expect(nothing.standardError.contains("note: --last-failed: no case failed in the last run"), "\(nothing.standardError)")
    }

    @Test("the run before the last one is kept beside it as previous-run.ndjson; a previous-run.ndjson that is no regular file is left alone")
    func previousRun() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent(".stepwise")
        func runID(_ name: String) throws -> String {
            let first = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8).prefix { $0 != "\n" }
            let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
            return try #require(object?["runID"] as? String)
        }
        _ = try await Self.stepwise(["run", Self.specs], in: directory)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("previous-run.ndjson").path), "one run, nothing before it")
        let first = try runID("last-run.ndjson")
        _ = try await Self.stepwise(["run", Self.specs], in: directory)
        let second = try runID("last-run.ndjson")
        #expect(second != first)
        #expect(try runID("previous-run.ndjson") == first)
        _ = try await Self.stepwise(["run", Self.specs], in: directory)
        #expect(try runID("previous-run.ndjson") == second)
        #expect(try runID("last-run.ndjson") != second)

        let previous = folder.appendingPathComponent("previous-run.ndjson")
        try FileManager.default.removeItem(at: previous)
        try FileManager.default.createDirectory(at: previous, withIntermediateDirectories: false)
        try Data("mine".utf8).write(to: previous.appendingPathComponent("notes.txt"))
        let kept = try await Self.stepwise(["run", Self.specs], in: directory)
        #expect(kept.status == 0)
        #expect(try String(contentsOf: previous.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test("a .stepwise that the user owns (a file, or a link) is never replaced; the run goes on and says so")
    func userOwnsTheName() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let mine = directory.appendingPathComponent(".stepwise")
        try Data("my notes\n".utf8).write(to: mine)
        let result = try await Self.stepwise(["run", Repository.specPath("MM-T938")], in: directory)
        #expect(result.status == 0)
        #expect(result.standardError.contains("note: this run is not kept for --last-failed: .stepwise is a regular file"), "\(result.standardError)")
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes\n")

        try FileManager.default.removeItem(at: mine)
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        let elsewhere = directory.appendingPathComponent("precious.txt")
        try Data("keep\n".utf8).write(to: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: mine.appendingPathComponent("last-run.ndjson").path, withDestinationPath: elsewhere.path)
        let linked = try await Self.stepwise(["run", Repository.specPath("MM-T938")], in: directory)
        #expect(linked.status == 0)
        #expect(linked.standardError.contains("last-run.ndjson is a symbolic link"), "\(linked.standardError)")
        #expect(try String(contentsOf: elsewhere, encoding: .utf8) == "keep\n")
    }

    @Test("bash completion completes spec paths, directories and the values of --format, --clock, --color and --fault")
    func completion() async throws {
        let script = try await Self.stepwise(["--generate-completion-script", "bash"])
        #expect(script.status == 0)
        let text = script.standardOutput
        #expect(text.contains("-o plusdirs -fX '!*.@(md|json)'"), "spec paths")
        #expect(text.contains("'console'$'\\n''ndjson'$'\\n''json'$'\\n''junit'$'\\n''html'$'\\n''markdown'$'\\n''allure'$'\\n''zephyr'"))
        #expect(text.contains("'virtual'$'\\n''real'"))
        #expect(text.contains("'auto'$'\\n''always'$'\\n''never'"))
        #expect(text.contains("---completion run -- --fault"))
        // What the script asks the executable for when completing --fault: the libraries' faults.
        let faults = try await Self.stepwise(["---completion", "run", "--", "--fault", "3", "0", "stepwise", "run", "--fault", ""])
        #expect(faults.status == 0)
        #expect(faults.standardOutput.split(separator: "\n").contains("revoke-leaves-mobile-sessions"))
    }

    @Test("--max-failures: the cases never started are in every report as not run, saying why; Zephyr leaves them out")
    func maxFailures() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await Self.stepwise(
            [
                "run", Self.specs, "--jobs", "1", "--max-failures", "1", "--fault", "revoke-leaves-mobile-sessions",
                "--format", "console", "--format", "junit:junit.xml", "--format", "markdown:summary.md", "--format", "zephyr:zephyr.json",
                "--format", "json:run.json",
            ], in: directory)
        #expect(result.status == 1, "\(result.standardError)")
        let reason = "not run: the run stopped after 1 failed case (--max-failures 1)"
        #expect(result.standardOutput.contains(reason))
        let junit = try String(contentsOf: directory.appendingPathComponent("junit.xml"), encoding: .utf8)
        let skipped = junit.components(separatedBy: "<skipped message=\"\(reason)\"").count - 1
        #expect(skipped > 0, "\(junit.prefix(400))")
        let markdown = try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(markdown.contains("skipped"))
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("run.json"))) as? [String: Any]
        let cases = try #require(record?["cases"] as? [[String: Any]])
        #expect(cases.count == 10, "every case is reported")
        let notRun = cases.filter { ($0["message"] as? String) == reason }
        #expect(notRun.count == skipped && notRun.allSatisfy { ($0["status"] as? String) == "skipped" })
        let zephyr = try String(contentsOf: directory.appendingPathComponent("zephyr.json"), encoding: .utf8)
        for notStarted in notRun { #expect(!zephyr.contains("\"\((notStarted["key"] as? String) ?? "?")\"")) }
    }
}
