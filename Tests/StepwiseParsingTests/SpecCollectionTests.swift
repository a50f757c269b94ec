import Foundation
import StepwiseModel
import Testing
@testable import StepwiseParsing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding specs under paths: every entry a walk meets is either read or reported, never hung on
/// nor passed over in silence, and each file is read once.
@Suite("Finding spec files", .timeLimit(.minutes(1)))
struct SpecCollectionTests {
    /// A directory with one good spec, `good.md`, and whatever `setUp` adds.
    private func directory(_ setUp: (String) throws -> Void) throws -> (URL, SpecCollection) {
        let directory = try Fixtures.temporaryDirectory()
        try Data(Fixtures.zephyr(key: "MM-T1", action: "Go").utf8).write(to: directory.appendingPathComponent("good.md"))
        try setUp(directory.path)
        return (directory, SpecCollection(paths: [directory.path]))
    }

    private func codes(_ collection: SpecCollection) -> [String] { collection.diagnostics.compactMap(\.code?.rawValue) }

    @Test("a named pipe among the specs is reported, not opened, and the others are read")
    func fifo() throws {
        let (directory, collection) = try directory { try #require(mkfifo($0 + "/pipe.md", 0o644) == 0) }
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(collection.files == [directory.path + "/good.md"])
        #expect(codes(collection) == ["file.special"])
        #expect(collection.diagnostics[0].location == SourceLocation(file: directory.path + "/pipe.md", line: 1))
        #expect(collection.diagnostics[0].message.contains("named pipe"))
        #expect(collection.diagnostics[0].severity == .error)
        // Named on its own, it is refused without blocking too.
        let read = SpecReader.read(path: directory.path + "/pipe.md")
        #expect(read.diagnostics.map(\.code) == ["file.special"])
        #expect(SpecCollection(paths: [directory.path + "/pipe.md"]).diagnostics.map(\.code) == ["file.special"])
        #expect(collection.readAll().map { $0.testCase?.key } == ["MM-T1"])
    }

    @Test("a spec that is a link to /dev/zero, and a device named as a path, are refused")
    func devices() throws {
        let (directory, collection) = try directory { try #require(symlink("/dev/zero", $0 + "/zero.md") == 0) }
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(collection.files == [directory.path + "/good.md"])
        #expect(codes(collection) == ["file.special"])
        #expect(collection.diagnostics[0].message.contains("character device"))
        #expect(SpecReader.read(path: directory.path + "/zero.md").diagnostics.map(\.code) == ["file.special"])
        #expect(SpecReader.read(path: "/dev/null").diagnostics.map(\.code) == ["file.special"])
        #expect(SpecCollection(paths: ["/dev/zero"]).diagnostics.map(\.code) == ["file.special"])
    }

    @Test("a file name that is not UTF-8 is reported with its bad byte shown, and the others are read")
    func invalidName() throws {
        let (directory, collection) = try directory { path in
            let name = Array(path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".md".utf8) + [0]
            let descriptor = name.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: name.count) { open($0, O_CREAT | O_WRONLY, 0o644) }
            }
            try #require(descriptor >= 0)
            close(descriptor)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(collection.files == [directory.path + "/good.md"])
        #expect(codes(collection) == ["path.encoding"])
        #expect(collection.diagnostics[0].location?.file == directory.path + "/caf\\xE9.md")
    }

    @Test("a dangling link is reported with where it points")
    func danglingLink() throws {
        let (directory, collection) = try directory { try #require(symlink("gone.md", $0 + "/moved.md") == 0) }
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(collection.files == [directory.path + "/good.md"])
        #expect(codes(collection) == ["path.dangling-symlink"])
        #expect(collection.diagnostics[0].message.contains("'gone.md'"))
        #expect(SpecCollection(paths: [directory.path + "/moved.md"]).diagnostics.map(\.code) == ["path.dangling-symlink"])
    }

    @Test("links that loop among themselves are an error; a folder link back to an ancestor is walked once, with a warning")
    func loops() throws {
        let (directory, collection) = try directory { path in
            try #require(symlink("b.md", path + "/a.md") == 0)
            try #require(symlink("a.md", path + "/b.md") == 0)
            try FileManager.default.createDirectory(atPath: path + "/sub", withIntermediateDirectories: false)
            try Data(Fixtures.zephyr(key: "MM-T2", action: "Go").utf8).write(to: URL(fileURLWithPath: path + "/sub/two.md"))
            try #require(symlink("..", path + "/sub/up") == 0)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(collection.files == [directory.path + "/good.md", directory.path + "/sub/two.md"])
        #expect(codes(collection) == ["path.symlink-loop", "path.symlink-loop", "path.symlink-loop"])
        #expect(collection.diagnostics.map(\.severity) == [.error, .error, .warning])
        #expect(collection.diagnostics[2].location?.file == directory.path + "/sub/up")
        #expect(collection.diagnostics[2].message.contains("leads back to \(directory.path)"))
    }

    @Test("a directory given as a link is followed, links to folders inside are walked, and a file reached twice is read once")
    func linkedDirectories() throws {
        let (directory, _) = try directory { path in
            try FileManager.default.createDirectory(atPath: path + "/real", withIntermediateDirectories: false)
            try Data(Fixtures.zephyr(key: "MM-T3", action: "Go").utf8).write(to: URL(fileURLWithPath: path + "/real/three.md"))
            try #require(symlink("real", path + "/alias") == 0)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.path + "-link"
        try #require(symlink(directory.path, link) == 0)
        defer { unlink(link) }
        let collection = SpecCollection(paths: [link, directory.path + "/good.md", "\(directory.path)/../\(directory.lastPathComponent)/real"])
        #expect(collection.diagnostics.isEmpty)
        // alias/three.md and real/three.md are the same file: found under alias first, kept there.
        #expect(collection.files == [link + "/alias/three.md", link + "/good.md"])
    }

    @Test("the size limit counts the bytes read, not the size the file system reports")
    func sizeLimit() throws {
        // Files in /proc report a size of 0 whatever they hold.
        let procfs = "/proc/self/status"
        var info = stat()
        try #require(stat(procfs, &info) == 0 && info.st_size == 0, "\(procfs) is not a zero-size /proc file here")
        let smallLimit = SpecReader.contents(ofFile: procfs, limit: 16)
        guard case .failure(let problem) = smallLimit else {
            Issue.record("a /proc file over the limit was read")
            return
        }
        #expect(problem.code == "file.too-large")
        guard case .success(let bytes) = SpecReader.contents(ofFile: procfs) else {
            Issue.record("a /proc file under the limit was not read")
            return
        }
        #expect(bytes.count > 16)
        // A sparse file past the limit is refused before anything is read.
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let huge = directory.appendingPathComponent("huge.md").path
        #expect(FileManager.default.createFile(atPath: huge, contents: nil))
        #expect(truncate(huge, off_t(SpecReader.maximumFileSize + 1)) == 0)
        #expect(SpecReader.read(path: huge).diagnostics.map(\.code) == ["file.too-large"])
    }

    @Test("Markdown exports beside their JSON record are left out when asked, and listed as twins")
    func twins() throws {
        let (directory, _) = try directory { path in
            try Data("{}".utf8).write(to: URL(fileURLWithPath: path + "/good.json"))
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let kept = SpecCollection(paths: [directory.path])
        #expect(kept.files.map { URL(fileURLWithPath: $0).lastPathComponent } == ["good.json", "good.md"])
        let dropped = SpecCollection(paths: [directory.path], twins: .dropped)
        #expect(dropped.files == [directory.path + "/good.json"])
        #expect(dropped.twins == [directory.path + "/good.md"])
    }

    @Test("files are handed over in order while later ones are still being read, whatever the number of jobs", arguments: [1, 2, 7])
    func orderedStreaming(_ jobs: Int) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<300 {
            try Data(Fixtures.zephyr(key: "MM-T\(index)", action: "Go").utf8)
                .write(to: directory.appendingPathComponent(String(format: "%04d.md", index)))
        }
        let collection = SpecCollection(paths: [directory.path])
        var keys: [String] = []
        collection.read(jobs: jobs, transform: { $0.testCase?.key ?? "-" }) { keys.append($0) }
        #expect(keys == (0..<300).map { "MM-T\($0)" })
    }
}
