import Foundation
import StepwiseModel

/// What reading one spec file produced: the case (when one could be read) and every diagnostic.
public struct SpecFile: Sendable {
    /// The path as given or found.
    public var path: String
    /// The detected format, `nil` when the content is none of them.
    public var format: ExportFormat?
    public var testCase: TestCase?
    public var diagnostics: [Diagnostic]

    public init(path: String, format: ExportFormat?, testCase: TestCase?, diagnostics: [Diagnostic]) {
        self.path = path
        self.format = format
        self.testCase = testCase
        self.diagnostics = diagnostics
    }

    /// True when some diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// Reads spec files in any supported export format, chosen by content.
public enum SpecReader {
    /// Larger files are refused: a real export is a few kilobytes, and reading a huge file would
    /// only delay the report that it is not a spec.
    public static let maximumFileSize = 16 << 20

    /// `files` without each `X.md` that has an `X.json` beside it: a Zephyr Markdown export and
    /// its JSON record are the same case, and the record is the fuller one (it keeps the calls to
    /// other cases that the Markdown export drops). Order is kept.
    public static func droppingTwins(_ files: [String]) -> (kept: [String], twins: [String]) {
        let jsonStems = Set(files.lazy.filter { $0.hasSuffix(".json") }.map { $0.dropLast(5) })
        var kept: [String] = []
        var twins: [String] = []
        for file in files {
            if file.hasSuffix(".md") && jsonStems.contains(file.dropLast(3)) { twins.append(file) } else { kept.append(file) }
        }
        return (kept, twins)
    }

    /// Every spec file named by `paths`: files as given, directories expanded to every `.md` and
    /// `.json` file under them in path order. Paths that do not exist come back as diagnostics.
    ///
    /// Inside a directory, hidden files and `README.md` files are not specs and are skipped.
    public static func discover(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(
                    Diagnostic(.error, "no such file or directory", at: SourceLocation(file: path, line: 1), code: "path.missing"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = specFiles(under: path)
            if found.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        .error, "no .md or .json spec files in this directory", at: SourceLocation(file: path, line: 1),
                        hint: "pass a directory that holds exported test cases, or the files themselves",
                        code: "path.empty"))
            }
            files.append(contentsOf: found)
        }
        return (files, diagnostics)
    }

    private static func specFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var relative: [String] = []
        while let entry = enumerator.nextObject() as? String {
            let name = entry.split(separator: "/").last.map(String.init) ?? entry
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let lower = name.lowercased()
            guard lower.hasSuffix(".md") || lower.hasSuffix(".json"), lower != "readme.md" else { continue }
            var isDirectory: ObjCBool = false
            let full = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                relative.append(entry)
            }
        }
        // Path order compares path components, so `a/b.md` sorts before `a-b/c.md`.
        // The components are split once per path, not once per comparison.
        let keyed = relative.map { (components: $0.split(separator: "/"), path: $0) }
            .sorted { $0.components.lexicographicallyPrecedes($1.components) }
        return keyed.map { directory.hasSuffix("/") ? directory + $0.path : directory + "/" + $0.path }
    }

    /// Reads one file. Never throws and never traps: every problem is a diagnostic.
    public static func read(path: String) -> SpecFile {
        let start = SourceLocation(file: path, line: 1)
        func failure(_ message: String, hint: String? = nil, code: DiagnosticCode) -> SpecFile {
            SpecFile(path: path, format: nil, testCase: nil, diagnostics: [Diagnostic(.error, message, at: start, hint: hint, code: code)])
        }
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            return failure("cannot read the file: no such file, or no permission", code: "file.unreadable")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            return failure("is a directory, not a spec file", hint: "directories are expanded by discover(_:)", code: "file.directory")
        }
        if let size = attributes[.size] as? Int, size > maximumFileSize {
            return failure(
                "file is \(megabytes(size)), larger than the \(megabytes(maximumFileSize)) a spec file may be",
                hint: "exported test cases are a few kilobytes; is this the right file?", code: "file.too-large")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return failure("cannot read the file: permission denied", code: "file.unreadable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return failure("cannot read the file: \(error.localizedDescription)", code: "file.unreadable")
        }
        return read(bytes: [UInt8](data), path: path)
    }

    /// Reads spec text that has no file (tests, standard input); `path` names it in diagnostics.
    public static func read(contents: String, path: String) -> SpecFile {
        read(bytes: Array(contents.utf8), path: path)
    }

    /// Reads spec bytes; the checks for binary, non-UTF-8 and oversized input happen here.
    public static func read(bytes: [UInt8], path: String) -> SpecFile {
        let start = SourceLocation(file: path, line: 1)
        func failure(_ message: String, at location: SourceLocation? = nil, hint: String? = nil, code: DiagnosticCode) -> SpecFile {
            SpecFile(
                path: path, format: nil, testCase: nil,
                diagnostics: [Diagnostic(.error, message, at: location ?? start, hint: hint, code: code)])
        }
        if bytes.count > maximumFileSize {
            return failure("text is \(megabytes(bytes.count)), larger than the \(megabytes(maximumFileSize)) a spec may be", code: "file.too-large")
        }
        if bytes.allSatisfy(\.isASCIIWhitespace) {
            return failure("file is empty", hint: "an exported test case has at least a key and a title", code: "file.empty")
        }
        if let zero = firstZero(in: bytes, limit: 8192) {
            let source = SourceText(path: path, bytes: bytes)
            return failure(
                "binary file (a NUL byte at offset \(zero)), not a spec", at: source.location(ofByte: zero), code: "file.binary")
        }
        if let bad = firstInvalidUTF8(bytes) {
            let source = SourceText(path: path, bytes: bytes)
            return failure(
                "file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
                at: source.location(ofByte: bad), hint: "exports are UTF-8; convert the file with iconv", code: "file.encoding")
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.replaceSubrange(0..<3, with: []) }
        let source = SourceText(path: path, bytes: body)
        guard let format = detectFormat(source) else {
            return failure(
                "not a test-case export", hint: "expected Zephyr Scale Markdown, Zephyr Scale JSON or Mattermost Markdown",
                code: "format.unknown")
        }
        let (testCase, diagnostics): (TestCase?, [Diagnostic])
        switch format {
        case .zephyrMarkdown:
            var reader = ZephyrMarkdownReader(source: source)
            (testCase, diagnostics) = reader.read()
        case .zephyrJSON:
            var reader = ZephyrJSONReader(source: source)
            (testCase, diagnostics) = reader.read()
        case .mattermostMarkdown:
            var reader = MattermostMarkdownReader(source: source)
            (testCase, diagnostics) = reader.read()
        }
        return SpecFile(path: path, format: format, testCase: testCase, diagnostics: diagnostics)
    }

    /// The format, from the content alone: a JSON object, a Zephyr export (its `### Details` table
    /// or `> <article>` blocks), or other Markdown with a `## KEY: title` heading or front matter.
    static func detectFormat(_ source: SourceText) -> ExportFormat? {
        let bytes = source.bytes
        if let first = bytes.first(where: { !$0.isASCIIWhitespace }), first == UInt8(ascii: "{") { return .zephyrJSON }
        var hasHeading = false
        for line in 1...source.lineCount {
            let text = ZephyrMarkdownReader.trimmed(bytes[source.range(ofLine: line)])
            if ZephyrMarkdownReader.equals(text, "### Details") || ZephyrMarkdownReader.hasPrefix(text, "> <article>") {
                return .zephyrMarkdown
            }
            if ZephyrMarkdownReader.hasPrefix(text, "## ") { hasHeading = true }
        }
        if hasHeading || FrontMatter.locate(in: source) != nil { return .mattermostMarkdown }
        return nil
    }

    /// The offset of the first NUL byte among the first `limit` bytes.
    private static func firstZero(in bytes: [UInt8], limit: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, min(limit, buffer.count)) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        if bytes.withUnsafeBufferPointer(UTF8Check.isValid) { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return offset
            case .emptyInput: return nil
            }
        }
    }

    private static func megabytes(_ count: Int) -> String {
        let tenths = (count * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}
