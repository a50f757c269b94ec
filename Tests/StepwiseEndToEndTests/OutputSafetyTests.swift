import Foundation
import StepwiseTestSupport
import Testing

/// Reports go only where they can be written whole, and a failed write is an error, never a crash.
@Suite("output safety, through the executable", .serialized)
struct OutputSafetyTests {
    private static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `stepwise ARGUMENTS` through a shell so that `redirect` (such as `> /dev/full`) applies.
    private static func shell(_ arguments: [String], redirect: String = "", in directory: URL) async throws
        -> ChildProcess.Output
    {
        let binary = try #require(StepwiseBinaryTests.executable, "build the stepwise product before testing")
        let quoted = ([binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try await ChildProcess.run("/bin/sh", ["-c", quoted.joined(separator: " ") + " " + redirect], in: directory.path)
    }

    private static var specs: String { Repository.root.appendingPathComponent("specs").path }

    @Test("a report path that is a device, a FIFO or a directory is refused before the run, exit 64")
    func specialFiles() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(mkfifo(directory.appendingPathComponent("fifo").path, 0o644) == 0)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("dir"), withIntermediateDirectories: true)
        for (format, path, kind) in [
            ("json", "/dev/null", "a character device"), ("junit", "fifo", "a FIFO"), ("html", "dir", "a directory"),
        ] {
            let result = try await Self.shell(["run", Self.specs, "--format", "\(format):\(path)"], in: directory)
            #expect(result.status == 64, "\(path): \(result.standardError)")
            #expect(result.standardError.contains("it is \(kind), not a regular file"), "\(result.standardError)")
            #expect(!result.standardOutput.contains("MM-T938"), "nothing ran")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
        let render = try await Self.shell(
            ["render", "nothing.ndjson", "--format", "json", "--output", "/dev/null"], in: directory)
        #expect(render.status == 64)
    }

    @Test("a symlinked report path is written through: the link stays, its target gets the report")
    func symlink() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.xml")
        try Data().write(to: target)
        try FileManager.default.createSymbolicLink(
            atPath: directory.appendingPathComponent("junit.xml").path, withDestinationPath: "real.xml")
        let result = try await Self.shell(["run", Self.specs, "--format", "junit:junit.xml"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("junit.xml").path)
        #expect(link == "real.xml")
        #expect(String(decoding: try Data(contentsOf: target), as: UTF8.self).contains("<testsuites"))
    }

    @Test("two reports to one path, however spelled, are refused, exit 64")
    func samePath() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for pair in [["json:a.json", "junit:a.json"], ["json:a.json", "junit:./a.json"], ["html:out/../a.json", "json:a.json"]] {
            let result = try await Self.shell(
                ["run", Self.specs] + pair.flatMap { ["--format", $0] }, in: directory)
            #expect(result.status == 64, "\(pair)")
            #expect(result.standardError.contains("one would overwrite the other"), "\(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.json").path))
    }

    @Test(
        "a failed write to standard output or error is an error and exit 1, not a crash",
        arguments: [
            (["parse", "specs/MM-T938.md"], "> /dev/full"), (["lint", "specs"], "2> /dev/full"),
            (["list", "specs"], "> /dev/full"), (["run", "specs"], "> /dev/full"),
            (["run", "specs", "--format", "json"], "> /dev/full"), (["run", "specs", "--format", "ndjson"], "> /dev/full"),
            (["run", "specs", "--dry-run"], "> /dev/full"),
        ])
    func fullDisk(arguments: [String], redirect: String) async throws {
        let result = try await Self.shell(arguments, redirect: redirect, in: Repository.root)
        #expect(result.status == 1, "\(arguments) \(redirect): exit \(result.status)\n\(result.standardError.suffix(500))")
        if redirect.hasPrefix(">") {
            #expect(result.standardError.contains("cannot write to standard output: No space left on device"))
        }
    }

    @Test("--output '' is a usage error before the run")
    func emptyOutput() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await Self.shell(["run", Self.specs, "--format", "junit", "--output", ""], in: directory)
        #expect(result.status == 64)
        #expect(result.standardError.contains("--output is empty"))
    }

    @Test("temporary files left by a killed run are removed by the next write beside them")
    func strays() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A PID far above any the kernel hands out, and 0.1's naming with a UUID.
        let strays = [".a.json.stepwise-2147483600-7.tmp", ".a.json.12345678-1234-1234-1234-123456789ABC.tmp"]
        for name in strays { try Data("half".utf8).write(to: directory.appendingPathComponent(name)) }
        try Data().write(to: directory.appendingPathComponent(".other.stepwise-2147483600-7.tmp"))
        let result = try await Self.shell(["run", Self.specs, "--format", "json:a.json"], in: directory)
        #expect(result.status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(
            left == [".other.stepwise-2147483600-7.tmp", ".stepwise", "a.json"],
            "only a.json's strays are its to remove (.stepwise/ keeps the run for --last-failed)")
    }

    @Test("an Allure results directory gets every file of a run or none, and no staging directory stays")
    func allureAllOrNothing() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await Self.shell(["run", Self.specs, "--format", "allure:results"], in: directory)
        #expect(result.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("results").path)
        let specCount = try FileManager.default.contentsOfDirectory(atPath: Self.specs).count { $0.hasSuffix(".md") }
        #expect(files.filter { $0.hasSuffix("-result.json") }.count == specCount)
        #expect(!files.contains { $0.hasPrefix(".") }, "\(files)")
        // A results directory that cannot take files gets none.
        let locked = directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: locked.appendingPathComponent(".allure-results.stepwise-2147483600-1.tmp"), withIntermediateDirectories: true)
        let again = try await Self.shell(["run", Self.specs, "--format", "allure:locked"], in: directory)
        #expect(again.status == 0)
        let lockedFiles = try FileManager.default.contentsOfDirectory(atPath: locked.path)
        #expect(!lockedFiles.contains { $0.hasPrefix(".") }, "a killed run's staging directory is removed: \(lockedFiles)")
    }

    @Test("run takes --tms-link for Allure's tms links, as render does")
    func runTMSLink() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try await Self.shell(
            ["run", Self.specs, "--format", "allure:results", "--tms-link", "https://jira.example.com/testCase/{}"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("results").path)
        let texts = try files.filter { $0.hasSuffix("-result.json") }.map {
            try String(contentsOf: directory.appendingPathComponent("results/\($0)"), encoding: .utf8)
        }
        #expect(texts.contains { $0.contains("https://jira.example.com/testCase/MM-T938") })
    }
}
