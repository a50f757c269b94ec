import Foundation
import StepwiseTestSupport
import Testing

/// Reports name specs the same way however the path was typed, so that CI history, Allure trends
/// and Zephyr sources follow a case from one workspace to the next.
@Suite("report paths, through the executable", .serialized)
struct StablePathTests {
    /// Every report of one run of `specs` spelled as `spelling`, from the package root, with the
    /// figures that change between runs (times, dates, run IDs, UUIDs) blanked.
    private static func reports(_ spelling: String, in directory: String? = nil, extra: [String] = []) async throws
        -> [String: String]
    {
        let binary = try #require(StepwiseBinaryTests.executable, "build the stepwise product before testing")
        let root = directory ?? Repository.root.path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        let formats = ["ndjson", "json", "junit", "html", "markdown", "zephyr", "allure"]
        // A generous item time limit: on a loaded machine a wall-clock limit would change an outcome between runs.
        var arguments = ["run", spelling, "--jobs", "1", "--fault", "revoke-leaves-mobile-sessions", "--timeout", "600"] + extra
        for format in formats { arguments += ["--format", "\(format):\(out.path)/\(format)"] }
        arguments += ["--format", "console:\(out.path)/console"]
        let result = try await ChildProcess.run(binary.path, arguments, in: root)
        #expect(result.status == 1, "\(result.standardError)")
        var reports: [String: String] = [:]
        let files = FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String } ?? []
        for name in files.sorted() {
            var isDirectory: ObjCBool = false
            let path = out.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else { continue }
            reports[name] = Self.blanked(String(decoding: data, as: UTF8.self))
        }
        // Allure's file names are UUIDs of the run: the set of contents is what must match.
        let allure = reports.filter { $0.key.hasPrefix("allure/") }
        for name in allure.keys { reports[name] = nil }
        for (index, text) in allure.values.sorted().enumerated() { reports["allure/\(index)"] = text }
        return reports
    }

    private static func blanked(_ text: String) -> String {
        text.replacing(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, with: "UUID")
            // The HTML report's script nonce is new on every run.
            .replacing(/nonce(-|=")[0-9A-Za-z]+/, with: "nonce")
            // Session IDs and tokens the fake backend makes up (26 characters, Mattermost's form).
            .replacing(/\b[a-z0-9]{26}\b/, with: "ID")
            // Durations, unit and all: wall time crosses from "950 ms" to "1.02 s" on a loaded machine.
            .replacing(/([0-9]+ min )?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)? (ms|s)\b/, with: "T")
            .replacing(/[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?/, with: "N")
    }

    @Test("run specs, run ./specs and run \"$PWD/specs\" write the same reports but for times")
    func spellings() async throws {
        let plain = try await Self.reports("specs")
        #expect(plain.count >= 8)
        let root = Repository.root.path
        for spelling in ["./specs", "\(root)/specs", "specs/../specs/", "\(root)/./specs"] {
            let other = try await Self.reports(spelling)
            #expect(other.keys.sorted() == plain.keys.sorted(), "\(spelling)")
            for (name, text) in plain.sorted(by: { $0.key < $1.key }) {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let otherLines = (other[name] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                let first = zip(lines, otherLines).first { $0 != $1 }
                #expect(
                    lines.count == otherLines.count && first == nil,
                    "\(name) differs for \(spelling): \(first.map { "\($0.0.prefix(300)) ≠ \($0.1.prefix(300))" } ?? "line count")")
            }
        }
        let junit = try #require(plain["junit"])
        #expect(junit.contains(#"value="specs/MM-TN.md:N""#), "paths relative to the working directory")
        #expect(!junit.contains(root))
    }

    @Test("--root writes paths relative to it: the same reports from any working directory")
    func root() async throws {
        let plain = try await Self.reports("specs")
        let root = Repository.root.path
        let elsewhere = FileManager.default.temporaryDirectory.path
        let rooted = try await Self.reports("\(root)/specs", in: elsewhere, extra: ["--root", root])
        #expect(rooted.keys.sorted() == plain.keys.sorted())
        for (name, text) in plain.sorted(by: { $0.key < $1.key }) {
            #expect(rooted[name] == text, "\(name) differs with --root from another directory")
        }
        let inside = try await Self.reports("specs", extra: ["--root", "specs"])
        let junit = try #require(inside["junit"])
        #expect(junit.contains(#"value="MM-TN.md:N""#), "relative to the root, not the working directory")
        #expect(!junit.contains("specs/MM-T"))
    }
}
