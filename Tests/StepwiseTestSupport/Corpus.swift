import Foundation

/// The corpus of real exports vendored in `Tests/Corpus` (provenance and licence in its README).
///
/// Every test that reads the corpus goes through here, so a missing or truncated copy fails the
/// test that needed it with the path it looked at; nothing is ever skipped for want of data.
public enum Corpus {
    /// The checkout this file belongs to.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Corpus` in the checkout, or the directory `STEPWISE_CORPUS` names: another export laid
    /// out the same way (`zephyr-export/`, `mm-markdown/`), for running the acceptance comparisons
    /// (`swift test --filter ReadAsShown`) over cases the corpus does not hold.
    public static let root: URL = {
        if let other = ProcessInfo.processInfo.environment["STEPWISE_CORPUS"], !other.isEmpty {
            return URL(fileURLWithPath: other)
        }
        return packageRoot.appendingPathComponent("Tests/Corpus")
    }()

    /// Why a test could not have its data.
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public init(path: String) { self.path = path }
        public var description: String { "the corpus has no files at \(path): it belongs in the repository (Tests/Corpus)" }
    }

    /// A folder of the corpus (`zephyr-export`, `mm-markdown`), which must exist.
    public static func folder(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Missing(path: url.path)
        }
        return url
    }

    /// One file of the corpus by its path inside it, which must exist.
    public static func file(_ path: String) throws -> URL {
        let url = root.appendingPathComponent(path)
        guard FileManager.default.isReadableFile(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }

    /// Every file under `folder` whose name ends in `.ext`, full paths in path order; at least one.
    public static func files(in folder: String, withExtension ext: String) throws -> [String] {
        let base = try self.folder(folder).path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { throw Missing(path: base) }
        var paths: [String] = []
        while let entry = enumerator.nextObject() as? String {
            if entry.hasSuffix("." + ext) { paths.append(base + "/" + entry) }
        }
        guard !paths.isEmpty else { throw Missing(path: base + "/**/*." + ext) }
        return paths.sorted()
    }
}
