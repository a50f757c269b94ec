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
        let (code, output) = try await Self.run(["run", SpecRun.packageRoot.appendingPathComponent("specs").path, "--strict", "--jobs", "1"])
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
        let (code, output) = try await Self.run(["run", SpecRun.specPath(key), "--strict", "--fault", fault])
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
        try FileManager.default.copyItem(atPath: SpecRun.specPath("MM-T938"), toPath: directory.appendingPathComponent("MM-T938.md").path)
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
        let (code, _) = try await Self.run(["run", SpecRun.specPath("MM-T938"), "--fault", "no-such-fault"])
        #expect(code == 64)
    }
}
