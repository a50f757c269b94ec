import Foundation
import StepwiseModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The spec files that paths name: found, each once, and read. Every command that takes spec
/// paths (`run`, `report`, `parse`, `list`, `lint`) turns them into cases through this one type.
///
/// A directory means every `.md` and `.json` file under it, in path order; hidden entries and
/// `README.md` are not specs. Symbolic links are followed, to files and to directories, and a
/// link that leads back into a directory being walked is not walked again. A file reached twice
/// (named twice, or through a link) is read once, where it is first found.
///
/// Nothing the walk meets can stop it or hang it: a missing path, an empty directory, a named
/// pipe, a device, a socket, a dangling link, a link loop, a directory it may not read and a
/// file name that is not UTF-8 each become a located diagnostic with a stable code, in
/// ``diagnostics``, and every other file is still found.
public struct SpecCollection: Sendable {
    /// What to do with a Zephyr Markdown export that has its JSON record beside it.
    public enum Twins: Sendable {
        /// Read both (`parse`, `list`, `lint` show every file).
        case kept
        /// Read the record only: it is the same case and keeps the calls the Markdown drops (`run`, `report`).
        case dropped
    }

    /// The files to read, in the order found.
    public let files: [String]
    /// The Markdown exports left out because their JSON record is read instead (with ``Twins/dropped``).
    public let twins: [String]
    /// The problems with the paths and the entries under them, in the order met.
    public let diagnostics: [Diagnostic]

    /// Finds the spec files under `paths`.
    ///
    /// - Parameters:
    ///   - paths: files and directories, as given; a directory means every spec under it, in path order.
    ///   - twins: whether a Markdown export whose JSON record lies beside it is read too.
    ///   - naming: how a found path is written from then on, in ``files``, in what is
    ///     read and in diagnostics (the command line writes paths relative to the working directory).
    public init(paths: [String], twins: Twins = .kept, naming: (String) -> String = { $0 }) {
        var walk = SpecWalk()
        for path in paths { walk.add(path) }
        let found = walk.files.map(naming)
        switch twins {
        case .kept:
            (files, self.twins) = (found, [])
        case .dropped:
            (files, self.twins) = SpecReader.droppingTwins(found)
        }
        diagnostics = walk.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if let location = diagnostic.location { diagnostic.location?.file = naming(location.file) }
            return diagnostic
        }
    }

    /// Reads every file, `jobs` at a time, and hands each to `body` on the calling thread in the
    /// order of ``files``, as soon as it and every file before it are read.
    public func read(jobs: Int = SpecReader.defaultJobs, _ body: (SpecFile) -> Void) {
        read(jobs: jobs, transform: { $0 }, body)
    }

    /// Reads every file and applies `transform` to it on the reading thread (formatting output,
    /// say, so that it overlaps with reading), then hands the results to `body` on the calling
    /// thread in the order of ``files``.
    public func read<Result: Sendable>(
        jobs: Int = SpecReader.defaultJobs, transform: @escaping @Sendable (SpecFile) -> Result, _ body: (Result) -> Void
    ) {
        let files = self.files
        SpecReader.orderedMap(count: files.count, jobs: jobs, { transform(SpecReader.read(path: files[$0])) }, body)
    }

    /// Every file read, in the order of ``files``.
    public func readAll(jobs: Int = SpecReader.defaultJobs) -> [SpecFile] {
        var all: [SpecFile] = []
        all.reserveCapacity(files.count)
        read(jobs: jobs) { all.append($0) }
        return all
    }
}

/// The walk behind ``SpecCollection``: POSIX directory reads, so that a name that is not UTF-8
/// is seen (and reported) rather than silently dropped, and entry types come from the directory
/// itself without a `stat` per file.
struct SpecWalk {
    private(set) var files: [String] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Files already found, by inode, each with its device: a dictionary keyed by a type of the
    /// standard library, where a set of ``FileIdentity`` made the runtime look up its conformance
    /// (a search of every conformance in the program) before the first spec was read.
    private var seen: [UInt64: [FileIdentity]] = [:]
    /// Spec files met, counting those met before: a directory whose specs were all found
    /// already is not an empty one.
    private var met = 0

    struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// One path as given on the command line.
    mutating func add(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            unreachable(path, errno: errno, asGiven: true)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            let before = (met, diagnostics.count)
            walk(path, ancestors: [])
            if met == before.0, diagnostics.count == before.1 {
                diagnostics.append(
                    Diagnostic(
                        .error, "no .md or .json spec files in this directory", at: Self.location(path),
                        hint: "pass a directory that holds exported test cases, or the files themselves", code: .pathEmpty))
            }
        case S_IFREG:
            found(path, identity: FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        default:
            special(path, mode: info.st_mode)
        }
    }

    private mutating func found(_ path: String, identity: FileIdentity) {
        met += 1
        guard seen[identity.inode]?.contains(identity) != true else { return }
        seen[identity.inode, default: []].append(identity)
        files.append(path)
    }

    /// Every entry of `directory`, in name order, directories walked where they sort.
    private mutating func walk(_ directory: String, ancestors: [FileIdentity]) {
        guard let stream = opendir(directory) else {
            diagnostics.append(
                Diagnostic(
                    .error, "cannot read the directory: \(String(cString: strerror(errno)))", at: Self.location(directory),
                    hint: "the specs under it are not read; give the directory read and search permission", code: .pathUnreadable))
            return
        }
        var info = stat()
        let device: UInt64
        if fstat(dirfd(stream), &info) == 0 {
            device = UInt64(info.st_dev)
        } else {
            device = 0
        }
        let ancestors = ancestors + [FileIdentity(device: device, inode: UInt64(info.st_ino))]
        let base = directory.hasSuffix("/") ? directory : directory + "/"

        struct Entry {
            var name: String
            var type: UInt8
            var inode: UInt64
        }
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let (name, valid, type, inode) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (String, Bool, UInt8, UInt64) in
                let bytes = raw.prefix { $0 != 0 }
                let name = String(validating: bytes, as: UTF8.self)
                return (name ?? Self.escaped(bytes), name != nil, entry.pointee.d_type, UInt64(entry.pointee.d_ino))
            }
            if name.hasPrefix(".") { continue }
            guard valid else {
                // Only what could be a spec or a folder of specs is worth a word.
                if type == UInt8(DT_DIR) || Self.isSpecName(name) || type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) {
                    diagnostics.append(
                        Diagnostic(
                            .error, "the name is not valid UTF-8, so it is not read", at: Self.location(base + name),
                            hint: "rename it in UTF-8 (convmv or mv can)", code: .pathEncoding))
                }
                continue
            }
            entries.append(Entry(name: name, type: type, inode: inode))
        }
        closedir(stream)
        entries.sort { $0.name < $1.name }

        for entry in entries {
            let path = base + entry.name
            var type = entry.type
            var identity = FileIdentity(device: device, inode: entry.inode)
            var mode: mode_t = 0
            if type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) {
                var target = stat()
                guard stat(path, &target) == 0 else {
                    unreachable(path, errno: errno, asGiven: false)
                    continue
                }
                mode = target.st_mode
                identity = FileIdentity(device: UInt64(target.st_dev), inode: UInt64(target.st_ino))
                switch target.st_mode & S_IFMT {
                case S_IFDIR: type = UInt8(DT_DIR)
                case S_IFREG: type = UInt8(DT_REG)
                default: type = UInt8(DT_UNKNOWN)
                }
            }
            switch type {
            case UInt8(DT_DIR):
                if entry.type == UInt8(DT_LNK), let ancestor = ancestors.firstIndex(of: identity) {
                    diagnostics.append(
                        Diagnostic(
                            .warning, "the link leads back to \(ancestorPath(directory, ancestors.count - 1 - ancestor)), so it is not followed",
                            at: Self.location(path), hint: "the specs there are read once, where they are", code: .pathSymlinkLoop))
                    continue
                }
                walk(path, ancestors: ancestors)
            case UInt8(DT_REG):
                if Self.isSpecName(entry.name) { found(path, identity: identity) }
            default:
                guard Self.isSpecName(entry.name) else { continue }
                if mode == 0 {
                    var info = stat()
                    if stat(path, &info) == 0 { mode = info.st_mode }
                }
                special(path, mode: mode)
            }
        }
    }

    /// `directory` with `levels` trailing components removed: the ancestor a link points back to.
    private func ancestorPath(_ directory: String, _ levels: Int) -> String {
        var path = Substring(directory.hasSuffix("/") ? String(directory.dropLast()) : directory)
        for _ in 0..<levels {
            guard let slash = path.lastIndex(of: "/") else { break }
            path = path[..<slash]
        }
        return String(path)
    }

    /// An entry that `stat` cannot reach: missing, a dangling link, a loop of links, no permission.
    private mutating func unreachable(_ path: String, errno code: Int32, asGiven: Bool) {
        var link = stat()
        let isLink = lstat(path, &link) == 0 && link.st_mode & S_IFMT == S_IFLNK
        if code == ELOOP {
            diagnostics.append(
                Diagnostic(
                    .error, "the symbolic links loop: following them never reaches a file", at: Self.location(path),
                    hint: "point the link at a file or directory", code: .pathSymlinkLoop))
        } else if isLink, code == ENOENT || code == ENOTDIR {
            diagnostics.append(
                Diagnostic(
                    .error, "the symbolic link points at \(Self.linkTarget(path)), which does not exist", at: Self.location(path),
                    hint: "remove the link or restore what it points at", code: .pathDanglingSymlink))
        } else if asGiven, code == ENOENT || code == ENOTDIR {
            diagnostics.append(Diagnostic(.error, "no such file or directory", at: Self.location(path), code: .pathMissing))
        } else {
            diagnostics.append(
                Diagnostic(
                    .error, "cannot read it: \(String(cString: strerror(code)))", at: Self.location(path),
                    hint: "give the file (and the folders above it) read permission", code: .pathUnreadable))
        }
    }

    /// A spec-named entry that is not a regular file: reading it could block (a pipe), never end
    /// (`/dev/zero`) or mean nothing (a socket).
    private mutating func special(_ path: String, mode: mode_t) {
        diagnostics.append(
            Diagnostic(
                .error, "\(Self.kind(mode)), not a regular file, so it is not read", at: Self.location(path),
                hint: "a spec is a regular file; a link to a device or pipe is not one", code: .fileSpecial))
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a directory"
        default: "not a file"
        }
    }

    static func isSpecName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return (lower.hasSuffix(".md") || lower.hasSuffix(".json")) && lower != "readme.md"
    }

    static func location(_ path: String) -> SourceLocation { SourceLocation(file: path, line: 1) }

    /// A name that is not UTF-8, shown with each byte that is not part of a valid sequence as `\xFF`.
    static func escaped(_ name: some Collection<UInt8>) -> String {
        let bytes = Array(name)
        var text = ""
        var start = 0
        while start < bytes.count {
            // The longest valid sequence from `start` (at most one scalar's four bytes), else one byte.
            var length = min(4, bytes.count - start)
            while length > 0, String(validating: bytes[start..<start + length], as: UTF8.self) == nil { length -= 1 }
            if length == 0 {
                text += "\\x" + String(bytes[start], radix: 16, uppercase: true)
                start += 1
            } else {
                text += String(decoding: bytes[start..<start + length], as: UTF8.self)
                start += length
            }
        }
        return text
    }

    static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "a missing target" }
        return "'" + String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) + "'"
    }
}
