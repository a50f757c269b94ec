import Foundation

/// How spec paths are written in every report: relative to the working directory whenever the
/// spec is under it, however the user spelled it (`specs`, `./specs`, `"$PWD/specs"`,
/// `specs/../specs`), so reports, Allure history and Zephyr sources are the same in every CI
/// workspace. A path outside the working directory stays absolute, made canonical.
enum SpecPath {
    /// `path` as reports show it, for a command started in `directory`.
    static func relative(_ path: String, to directory: String = FileManager.default.currentDirectoryPath) -> String {
        guard path != "-" else { return path }
        // A relative path already written plainly names the same place: nothing to work out.
        if isPlainRelative(path) { return path }
        let base = lexical(directory)
        let absolute = path.hasPrefix("/") ? lexical(path) : lexical(base + "/" + path)
        if let inside = below(absolute, base) { return inside }
        // The shell's "$PWD" may reach the directory through a symlink that getcwd resolves.
        let resolved = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().path
        let resolvedBase = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
        if let inside = below(resolved, resolvedBase) { return inside }
        return absolute
    }

    /// `absolute` relative to `base`, when it is `base` itself (`.`) or under it.
    private static func below(_ absolute: String, _ base: String) -> String? {
        if absolute == base { return "." }
        let prefix = base == "/" ? "/" : base + "/"
        guard absolute.hasPrefix(prefix) else { return nil }
        return String(absolute.dropFirst(prefix.count))
    }

    /// True for a relative path with no empty, `.` or `..` component (`specs/a/MM-T1.md`), the
    /// way `find` and shells list files: written as reports write it already.
    static func isPlainRelative(_ path: String) -> Bool {
        var componentLength = 0
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if componentLength == 0 || componentLength == dots && dots <= 2 { return false }
                componentLength = 0
                dots = 0
            } else {
                componentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return componentLength > 0 && !(componentLength == dots && dots <= 2)
    }

    /// `.` and `..` components and repeated or trailing slashes removed, without touching the disk.
    static func lexical(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
