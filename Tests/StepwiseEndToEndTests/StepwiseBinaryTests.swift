import Foundation
import SessionBackend
import StepwiseTestSupport
import Testing

/// The real `stepwise` executable: exit codes of the process and what the console shows.
@Suite("stepwise run specs, through the executable", .serialized)
struct StepwiseBinaryTests {
    /// The executable next to the test bundle (`swift build` puts every product in one directory).
    static var executable: URL? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [directory, directory.deletingLastPathComponent()].map { $0.appendingPathComponent("stepwise") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs the executable off the test thread pool; returns its exit status and standard output.
    static func run(_ arguments: [String]) async throws -> (code: Int32, output: String) {
        let binary = try #require(executable, "build the stepwise product before testing (swift build)")
        let output = try await ChildProcess.run(binary.path, arguments)
        return (output.status, output.standardOutput)
    }

    @Test("a green strict run exits 0 and shows every item with status, wall and virtual time, and each redirect time")
    func green() async throws {
        let (code, output) = try await Self.run(["run", Repository.root.appendingPathComponent("specs").path, "--strict", "--jobs", "1"])
        #expect(code == 0)
        #expect(output.contains("✔ MM-T938: Users - Revoke a user's sessions"))
        #expect(output.contains("✔ MM-T940: Users - Revoke all sessions"))
        #expect(output.contains("✔ Step 1 · passed"))
        #expect(output.contains("✔ Automatically after a period of ~2-30 seconds without the user touching the app · "))
        #expect(output.contains("s wall, ") && output.contains("s virtual"))
        #expect(output.contains("note: Edge on Windows (idle), samuel.gitlab by OAuth (GitLab): redirected to /login?redirect_to=%2Fad-1%2Fchannels%2Ftown-square&extra=expired after "))
        #expect(output.contains("10 passed"))
    }

    @Test("a planted fault exits 1 and names the failing item", arguments: [
        ("revoke-leaves-mobile-sessions", "MM-T938", "still has a valid session"),
        ("cancel-still-revokes", "MM-T940", "lost its session although nothing was confirmed"),
    ])
    func fault(_ fault: String, _ key: String, _ message: String) async throws {
        let (code, output) = try await Self.run(["run", Repository.specPath(key), "--strict", "--fault", fault])
        #expect(code == 1)
        #expect(output.contains("✘ \(key)"))
        #expect(output.contains(message))
    }

    @Test("--help lists every planted fault with its summary")
    func help() async throws {
        let (code, output) = try await Self.run(["run", "--help"])
        #expect(code == 0)
        for fault in PlantedFault.allCases { #expect(output.contains("\(fault.name): "), "\(fault.name)") }
    }

    @Test("a Zephyr Markdown export beside its JSON record runs once, as the record, with a note saying so")
    func twins() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("twins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(atPath: Repository.specPath("MM-T938"), toPath: directory.appendingPathComponent("MM-T938.md").path)
        let record = #"{"key":"MM-T938","name":"Users - Revoke a user's sessions","steps":[]}"#
        try record.write(to: directory.appendingPathComponent("MM-T938.json"), atomically: true, encoding: .utf8)

        let (_, output) = try await Self.run(["run", directory.path, "--format", "ndjson"])
        let started = output.split(separator: "\n").filter { $0.contains(#""kind":"caseStarted""#) }
        #expect(started.count == 1)
        #expect(started.first?.contains(#"MM-T938.json""#) == true)
        #expect(output.contains(#""code":"spec.twin""#))
    }

    @Test("an unknown fault is a usage error")
    func unknownFault() async throws {
        let (code, _) = try await Self.run(["run", Repository.specPath("MM-T938"), "--fault", "no-such-fault"])
        #expect(code == 64)
    }
}

/// Cases keep the order the command line gives them in every report, not the order of their keys.
@Suite("plan order in every report, through the executable", .serialized)
struct PlanOrderTests {
    /// Where `later` first appears in `text` comes after where `earlier` does; both must appear.
    static func precedes(_ earlier: String, _ later: String, in text: String) -> Bool {
        guard let first = text.range(of: earlier), let second = text.range(of: later) else { return false }
        return first.lowerBound < second.lowerBound
    }

    @Test("two specs given out of alphabetical order come out in that order in every format")
    func everyFormat() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("plan-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = ["ndjson": "run.ndjson", "json": "run.json", "junit": "junit.xml", "html": "report.html",
                     "markdown": "summary.md", "zephyr": "zephyr.json", "allure": "allure"]
        var arguments = ["run", Repository.specPath("MM-T940"), Repository.specPath("MM-T938"), "--jobs", "1", "--format", "console"]
        for (format, file) in files.sorted(by: { $0.key < $1.key }) {
            arguments += ["--format", "\(format):\(directory.appendingPathComponent(file).path)"]
        }
        let (code, console) = try await StepwiseBinaryTests.run(arguments)
        #expect(code == 0)

        // The console twice: the live lines, then the summary after the blank line.
        let live = console.components(separatedBy: "\nStepwise run ").first ?? ""
        let summary = console.components(separatedBy: "\nStepwise run ").dropFirst().joined()
        #expect(Self.precedes("MM-T940", "MM-T938", in: live), "console live lines")
        #expect(Self.precedes("MM-T940", "MM-T938", in: summary), "console summary")
        for (format, file) in files where format != "allure" {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            #expect(Self.precedes("MM-T940", "MM-T938", in: text), "\(format)")
        }
        // Allure results are one file per case; the viewer orders them by start time.
        let allure = directory.appendingPathComponent("allure")
        var starts: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: allure.path) where name.hasSuffix("-result.json") {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: allure.appendingPathComponent(name)))
            let result = try #require(object as? [String: Any])
            let title = try #require(result["name"] as? String)
            starts[String(title.prefix { $0 != ":" })] = result["start"] as? Int
        }
        let (t940, t938) = (try #require(starts["MM-T940"]), try #require(starts["MM-T938"]))
        #expect(t940 <= t938, "allure start times")
    }
}
