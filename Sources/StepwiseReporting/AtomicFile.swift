import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers never see half of one: a temporary file beside the target, then a
/// rename.
///
/// - Only regular files are replaced: a device, FIFO, socket or directory at the path is refused
///   (`/dev/null` stays a device, even for root).
/// - A symlink is written through: its target is replaced, and the link stays.
/// - The temporary file is `.NAME.stepwise-PID-RANDOM.tmp`, registered with ``TemporaryFiles`` so
///   that SIGINT and SIGTERM remove it; one left by a process that was killed outright (SIGKILL)
///   is removed by the next write beside it, as its process no longer exists.
public enum AtomicFile {
    /// Writes `data` to `path` all at once: into a temporary file beside it, then renamed over it.
    /// Throws, leaving the old file as it was, when `path` is not a regular file to write (a
    /// directory, a device, a FIFO) or the write fails.
    ///
    /// `synced: false` renames the temporary file without waiting for its data to reach the disk
    /// (no `fsync`): for files worth less than that wait, such as the stream a run keeps for
    /// `--last-failed`. Readers still see the old file or the new one, never half of one.
    public static func write(_ data: Data, to path: String, synced: Bool = true) throws {
        let target = try writableTarget(path)
        let (directory, name) = split(target)
        try makeDirectories(directory)
        removeStrays(named: name, in: directory)
        let temporary = (directory == "/" ? "/" : directory + "/") + temporaryName(for: name)
        // A signal waits for this file to be in place (or gone): none is half there when the process ends.
        try TemporaryFiles.whileWriting {
            TemporaryFiles.register(temporary)
            defer { TemporaryFiles.unregister(temporary) }
            do {
                if synced {
                    try data.write(to: URL(fileURLWithPath: temporary))
                } else {
                    try writeUnsynced(data, to: temporary)
                }
                if rename(temporary, target) != 0 {
                    throw ReporterError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
            } catch {
                unlink(temporary)
                throw error
            }
        }
    }

    /// The folder a file path is in and the file's name: `("out", "junit.xml")` for
    /// `out/junit.xml`, `(".", "junit.xml")` for `junit.xml`, `("/", "x")` for `/x`.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let name = String(path[path.index(after: slash)...])
        var directory = path[..<slash]
        while directory.hasSuffix("/") { directory = directory.dropLast() }
        return (directory.isEmpty ? "/" : String(directory), name)
    }

    /// `directory` and every missing folder above it, as `mkdir -p` makes them; a file in the
    /// way fails as `Data.write(to:)` does, with the system's error underneath.
    static func makeDirectories(_ directory: String) throws {
        func isDirectory() -> Bool {
            var info = stat()
            return stat(directory, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        }
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw writeFailure(directory, ENOTDIR) }
            return
        }
        let parent = split(directory).directory
        if parent != directory { try makeDirectories(parent) }
        if mkdir(directory, 0o777) != 0, !(errno == EEXIST && isDirectory()) { throw writeFailure(directory, errno) }
    }

    /// Creates `path` and writes `data` into it, leaving it to the system's write-back. Fails as
    /// `Data.write(to:)` does, with the system's error underneath.
    private static func writeUnsynced(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw writeFailure(path, errno) }
        defer { close(descriptor) }
        if let failed = data.withUnsafeBytes({ writeAll($0, to: descriptor) }) { throw writeFailure(path, failed) }
    }

    /// The error `Data.write(to:)` throws for `path`, with the system's `code` underneath.
    private static func writeFailure(_ path: String, _ code: Int32) -> CocoaError {
        CocoaError(
            .fileWriteUnknown,
            userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)])
    }

    /// Writes `text` as UTF-8, as the data variant does.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// What a report written to `path` replaces: the path itself, or the file a symlink at it
    /// points to (however many links deep). Throws when that is anything but a regular file or
    /// nothing yet.
    public static func writableTarget(_ path: String) throws -> String {
        guard !path.isEmpty else { throw ReporterError(message: "a report path is empty") }
        var target = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(target, &info) == 0 else { return target }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return target
            case S_IFLNK:
                guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target) else {
                    return target
                }
                target = destination.hasPrefix("/")
                    ? destination : URL(fileURLWithPath: target).deletingLastPathComponent().appendingPathComponent(destination).path
            default:
                throw ReporterError(message: "cannot write \(path): it is \(kind(info.st_mode)), not a regular file")
            }
        }
        throw ReporterError(message: "cannot write \(path): too many levels of symbolic links")
    }

    /// `a directory`, `a character device`, … for messages.
    public static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a special file"
        }
    }

    static let marker = ".stepwise-"

    /// `.junit.xml.stepwise-4242-1f2e3d4c.tmp`: hidden, named after its target and its process.
    static func temporaryName(for name: String) -> String {
        ".\(name)\(marker)\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Removes temporary files for `name` in `directory` left by processes that no longer run
    /// (and 0.1's `.NAME.UUID.tmp` files, whose process cannot be known).
    static func removeStrays(named name: String, in directory: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        let prefix = ".\(name)"
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let middle = entry.dropFirst(prefix.count).dropLast(".tmp".count)
            if middle.hasPrefix(marker) {
                let pid = middle.dropFirst(marker.count).prefix { $0.isNumber }
                guard let pid = Int32(pid), !isRunning(pid) else { continue }
            } else if middle.wholeMatch(of: /\.[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/) == nil {
                continue
            }
            try? FileManager.default.removeItem(atPath: directory + "/" + entry)
        }
    }

    static func isRunning(_ pid: Int32) -> Bool {
        pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }
}

/// Temporary files and directories of this process that are not yet renamed into place, so that
/// an interrupted run removes them (``TemporaryFiles/removeAll()``, called on SIGINT and SIGTERM).
public enum TemporaryFiles {
    private static let paths = Mutex<Set<String>>([])
    /// Held while a temporary file is made, filled and renamed into place; recursive, so that a
    /// write may nest inside a larger one (a directory of results moved into place).
    private static let writing = NSRecursiveLock()

    /// Runs `body`, one step of writing a report, so that an interruption comes before or after it, never inside.
    public static func whileWriting<Result>(_ body: () throws -> Result) rethrows -> Result {
        writing.lock()
        defer { writing.unlock() }
        return try body()
    }

    /// For SIGINT and SIGTERM: waits for the write under way to finish, removes every temporary
    /// file, and keeps writing stopped (the lock is never released) until the process ends.
    @discardableResult
    public static func removeAllAndStopWriting() -> Int {
        writing.lock()
        return removeAll()
    }

    /// Records a temporary file or directory of this process, to be removed if the run is
    /// interrupted before it is renamed into place.
    public static func register(_ path: String) { paths.withLock { _ = $0.insert(path) } }
    /// Forgets a path recorded by ``register(_:)``, once it was renamed into place or removed.
    public static func unregister(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    /// Removes every registered file or directory; returns how many there were.
    @discardableResult
    public static func removeAll() -> Int {
        remove { _ in true }
    }

    /// Removes the registered paths that `selected` picks; returns how many.
    @discardableResult
    static func remove(where selected: (String) -> Bool) -> Int {
        let chosen = paths.withLock { paths in
            let chosen = paths.filter(selected)
            paths.subtract(chosen)
            return chosen
        }
        for path in chosen { try? FileManager.default.removeItem(atPath: path) }
        return chosen.count
    }

    /// The registered paths, for tests.
    static var current: Set<String> { paths.withLock { $0 } }
}
