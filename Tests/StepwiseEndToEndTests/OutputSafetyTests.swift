import Foundation
import StepwiseTestSupport
import Synchronization
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

    /// Every entry under `directory` whose name marks it a temporary file or staging directory.
    private static func temporaries(under directory: URL) -> [String] {
        let names = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        return names.filter { $0.split(separator: "/").contains { $0.hasSuffix(".tmp") } }
    }

    @Test("SIGTERM while reports are written: the process ends 143, no temporary file stays, no file of the user's is half written")
    func terminatedWhileWriting() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Enough cases that writing the reports takes a while: 150 copies of one spec.
        let specs = directory.appendingPathComponent("specs")
        try FileManager.default.createDirectory(at: specs, withIntermediateDirectories: true)
        let spec = try String(contentsOfFile: Repository.specPath("MM-T938"), encoding: .utf8)
        for index in 0..<150 {
            try spec.replacingOccurrences(of: "MM-T938", with: "MM-T\(10_000 + index)")
                .write(to: specs.appendingPathComponent("MM-T\(10_000 + index).md"), atomically: false, encoding: .utf8)
        }
        let out = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let mine = "<testsuites>mine</testsuites>\n"
        try mine.write(to: out.appendingPathComponent("junit.xml"), atomically: false, encoding: .utf8)
        try "notes\n".write(to: out.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        let binary = try #require(StepwiseBinaryTests.executable, "build the stepwise product before testing")
        let arguments = [
            "run", "specs", "--jobs", "2", "--quiet", "--format", "allure:out/allure", "--format", "html:out/report.html",
            "--format", "junit:out/junit.xml", "--format", "json:out/run.json", "--format", "ndjson:out/run.ndjson",
        ]
        var interrupted = 0
        for attempt in 0..<10 where interrupted == 0 {
            let started = Mutex<pid_t?>(nil)
            let ended = Mutex(false)
            let child = Task {
                defer { ended.withLock { $0 = true } }
                return try await ChildProcess.run(binary.path, arguments, in: directory.path) { pid in started.withLock { $0 = pid } }
            }
            var pid: Int32?
            var signalled = false
            // Polls until the run writes or ends: a run that wrote its reports between two polls
            // costs this attempt its own duration, not the whole polling budget.
            for _ in 0..<20_000 where !ended.withLock({ $0 }) {
                if pid == nil { pid = started.withLock { $0 } }
                // The moment a report's temporary file or staging directory exists, the run is writing.
                if let pid, !Self.temporaries(under: out).isEmpty {
                    signalled = kill(pid, SIGTERM) == 0
                    break
                }
                try await Task.sleep(for: .milliseconds(1))
            }
            // A run that outlives its signal by far is a hang: ended, and failed below.
            let watchdog = Task { [pid] in
                try await Task.sleep(for: .seconds(60))
                if let pid { kill(pid, SIGKILL) }
            }
            let result = try await child.value
            watchdog.cancel()
            #expect(result.status != 128 + SIGKILL, "attempt \(attempt): the run did not end on SIGTERM")
            if signalled, result.status == 128 + SIGTERM { interrupted += 1 }
            #expect(Self.temporaries(under: out).isEmpty, "attempt \(attempt): \(Self.temporaries(under: out))")
            #expect(try String(contentsOf: out.appendingPathComponent("notes.txt"), encoding: .utf8) == "notes\n")
            let junit = try String(contentsOf: out.appendingPathComponent("junit.xml"), encoding: .utf8)
            #expect(junit == mine || (junit.hasPrefix("<?xml") && junit.hasSuffix("</testsuites>\n")), "the old report or the whole new one")
            let results = (try? FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("allure").path)) ?? []
            let count = results.count { $0.hasSuffix("-result.json") }
            #expect(count == 0 || count == 150, "Allure results all or none: \(count)")
        }
        #expect(interrupted > 0, "a SIGTERM reached the run while it wrote its reports")
    }
}
