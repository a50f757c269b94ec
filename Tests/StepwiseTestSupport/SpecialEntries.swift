import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The special entries every reading command must survive, made in a fresh temporary directory.
public enum SpecialEntries {
    /// What went wrong making the directory: the system call and its error.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A fresh temporary directory holding `specs/MM-T938.md` beside a named pipe (`pipe.md`), a
    /// link to `/dev/zero` (`zero.md`), a dangling link (`dangling.md`) and two links in a loop
    /// (`loop-a.md`, `loop-b.md`). The caller removes it.
    public static func directory(named prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.path
        try FileManager.default.copyItem(
            atPath: Corpus.packageRoot.appendingPathComponent("specs/MM-T938.md").path, toPath: path + "/MM-T938.md")
        try check(mkfifo(path + "/pipe.md", 0o644), "mkfifo pipe.md")
        try check(symlink("/dev/zero", path + "/zero.md"), "symlink zero.md")
        try check(symlink("nowhere.md", path + "/dangling.md"), "symlink dangling.md")
        try check(symlink("loop-b.md", path + "/loop-a.md"), "symlink loop-a.md")
        try check(symlink("loop-a.md", path + "/loop-b.md"), "symlink loop-b.md")
        return directory
    }

    private static func check(_ result: Int32, _ call: String) throws {
        if result != 0 { throw Failure(description: "\(call): \(String(cString: strerror(errno)))") }
    }
}
