import Foundation
@testable import StepwiseReporting
import Testing

@Suite("atomic report files", .serialized)
struct AtomicFileTests {
    @Test("a temporary file is registered while it is written, so an interrupted run can remove it")
    func registry() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pending = directory.appendingPathComponent(AtomicFile.temporaryName(for: "report.html"))
        try Data("half a report".utf8).write(to: pending)
        TemporaryFiles.register(pending.path)
        #expect(TemporaryFiles.current.contains(pending.path))
        // Only this test's files: other tests write reports at the same time.
        #expect(TemporaryFiles.remove { $0.hasPrefix(directory.path) } == 1)
        #expect(!FileManager.default.fileExists(atPath: pending.path))
        try AtomicFile.write("whole", to: directory.appendingPathComponent("report.html").path)
        #expect(!TemporaryFiles.current.contains { $0.hasPrefix(directory.path) }, "a finished write leaves nothing registered")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.html"])
    }

    @Test("temporary names carry the target's name and this process's ID, and are hidden")
    func names() {
        let name = AtomicFile.temporaryName(for: "junit.xml")
        #expect(name.hasPrefix(".junit.xml.stepwise-\(getpid())-") && name.hasSuffix(".tmp"))
    }

    @Test("a failed write leaves the old report as it was and no temporary file")
    func failedWrite() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer {
            chmod(directory.path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        let path = directory.appendingPathComponent("report.json").path
        try AtomicFile.write("old", to: path)
        guard getuid() != 0 else {
            // root writes into a read-only directory anyway; check the other failure: a directory in the way.
            let blocked = directory.appendingPathComponent("blocked").path
            try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
            #expect(throws: ReporterError.self) { try AtomicFile.write("new", to: blocked) }
            return
        }
        chmod(directory.path, 0o555)
        #expect(throws: (any Error).self) { try AtomicFile.write("new", to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test("a path splits into its folder and its name, relative, absolute or with doubled slashes")
    func split() {
        #expect(AtomicFile.split("out/junit.xml") == ("out", "junit.xml"))
        #expect(AtomicFile.split("junit.xml") == (".", "junit.xml"))
        #expect(AtomicFile.split("/junit.xml") == ("/", "junit.xml"))
        #expect(AtomicFile.split("/srv/a//b.xml") == ("/srv/a", "b.xml"))
    }

    @Test("a report in folders that do not exist yet makes them; a file in the way fails with the system's reason")
    func missingFolders() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let nested = directory.appendingPathComponent("reports/ci/junit.xml").path
        try AtomicFile.write("made", to: nested)
        #expect(try String(contentsOfFile: nested, encoding: .utf8) == "made")
        try AtomicFile.write("again", to: nested)
        #expect(try String(contentsOfFile: nested, encoding: .utf8) == "again")
        let file = directory.appendingPathComponent("plain").path
        try AtomicFile.write("a file", to: file)
        let error = try #require(throws: CocoaError.self) { try AtomicFile.write("x", to: file + "/inside/report.xml") }
        #expect((error.userInfo[NSUnderlyingErrorKey] as? POSIXError)?.code == .ENOTDIR)
    }
}
