import Foundation
import StepwiseModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading one spec file produced: the case (when one could be read) and every diagnostic.
public struct SpecFile: Sendable {
    /// The path as given or found.
    public var path: String
    /// The detected format, `nil` when the content is none of them.
    public var format: ExportFormat?
    public var testCase: TestCase?
    public var diagnostics: [Diagnostic]

    public init(path: String, format: ExportFormat?, testCase: TestCase?, diagnostics: [Diagnostic]) {
        self.init(path: path, format: format, testCase: testCase, diagnostics: diagnostics, source: nil)
    }

    /// Every property set here, none changed after: delegating and then setting `source` made
    /// the optimiser copy the whole case and drop the original.
    init(path: String, format: ExportFormat?, testCase: TestCase?, diagnostics: [Diagnostic], source: SourceText?) {
        self.path = path
        self.format = format
        self.testCase = testCase
        self.diagnostics = diagnostics
        self.source = source
    }

    /// True when some diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The text that was read, kept only when there are diagnostics to show lines of, so a
    /// printer need not read the file a second time.
    var source: SourceText?

    /// The text of line `number` (1-based) as read, without its line ending; `nil` when the text
    /// was not kept (no diagnostics, or a file that was not text).
    public func sourceLine(_ number: Int) -> String? {
        guard let source, number >= 1, number <= source.lineCount else { return nil }
        var bytes = source.bytes[source.range(ofLine: number)]
        if bytes.last == 0x0D { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
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

    /// Reads one file. Never throws, never traps and never blocks: every problem is a diagnostic.
    ///
    /// Only a regular file is read (a named pipe would block, a device such as `/dev/zero`
    /// never end), and the size limit applies to the bytes actually read, whatever the size the
    /// file system reports.
    public static func read(path: String) -> SpecFile {
        switch contents(ofFile: path) {
        case .success(let bytes): read(bytes: bytes, path: path)
        case .failure(let problem):
            SpecFile(path: path, format: nil, testCase: nil, diagnostics: [problem.diagnostic(for: path)])
        }
    }

    /// Why the bytes of a file could not be had.
    public struct FileProblem: Error, Sendable {
        public var message: String
        public var hint: String?
        public var code: DiagnosticCode

        func diagnostic(for path: String) -> Diagnostic {
            Diagnostic(.error, message, at: SourceLocation(file: path, line: 1), hint: hint, code: code)
        }
    }

    /// The bytes of a regular file of at most ``maximumFileSize`` bytes, read without blocking on
    /// anything that is not one: the one way Stepwise reads a spec from disk.
    public static func contents(ofFile path: String) -> Result<[UInt8], FileProblem> {
        contents(ofFile: path, limit: maximumFileSize)
    }

    static func contents(ofFile path: String, limit: Int) -> Result<[UInt8], FileProblem> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            let reason = code == ENOENT ? "no such file" : String(cString: strerror(code))
            return .failure(FileProblem(message: "cannot read the file: \(reason)", code: .fileUnreadable))
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return .failure(FileProblem(message: "cannot read the file: \(String(cString: strerror(errno)))", code: .fileUnreadable))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            return .failure(
                FileProblem(message: "is a directory, not a spec file", hint: "a directory given as a path is walked for its specs", code: .fileDirectory))
        default:
            return .failure(
                FileProblem(
                    message: "\(SpecWalk.kind(info.st_mode)), not a regular file, so it is not read",
                    hint: "a spec is a regular file; a link to a device or pipe is not one", code: .fileSpecial))
        }
        func tooLarge(_ size: String) -> Result<[UInt8], FileProblem> {
            .failure(
                FileProblem(
                    message: "file is \(size), larger than the \(megabytes(limit)) a spec file may be",
                    hint: "exported test cases are a few kilobytes; is this the right file?", code: .fileTooLarge))
        }
        if info.st_size > limit { return tooLarge(megabytes(Int(info.st_size))) }
        // One byte more than the limit tells a file at the limit from one past it, whatever
        // st_size said (files in /proc report 0).
        let capacity = limit + 1
        var bytes = [UInt8](repeating: 0, count: min(capacity, max(Int(info.st_size) + 1, 4096)))
        var count = 0
        while count < capacity {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, capacity - bytes.count))) }
            let got = bytes.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(FileProblem(message: "cannot read the file: \(String(cString: strerror(errno)))", code: .fileUnreadable))
            }
            if got == 0 { break }
            count += got
        }
        if count > limit { return tooLarge("over \(megabytes(limit))") }
        bytes.removeSubrange(count...)
        return .success(bytes)
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
            return failure("text is \(megabytes(bytes.count)), larger than the \(megabytes(maximumFileSize)) a spec may be", code: .fileTooLarge)
        }
        if bytes.allSatisfy(\.isASCIIWhitespace) {
            return failure("file is empty", hint: "an exported test case has at least a key and a title", code: .fileEmpty)
        }
        if let zero = firstZero(in: bytes, limit: 8192) {
            let source = SourceText(path: path, bytes: bytes)
            return failure(
                "binary file (a NUL byte at offset \(zero)), not a spec", at: source.location(ofByte: zero), code: .fileBinary)
        }
        if let bad = firstInvalidUTF8(bytes) {
            let source = SourceText(path: path, bytes: bytes)
            return failure(
                "file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
                at: source.location(ofByte: bad), hint: "exports are UTF-8; convert the file with iconv", code: .fileEncoding)
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.replaceSubrange(0..<3, with: []) }
        let source = SourceText(path: path, bytes: body)
        guard let format = detectFormat(source) else {
            return failure(
                "not a test-case export", hint: "expected Zephyr Scale Markdown, Zephyr Scale JSON or Mattermost Markdown",
                code: .formatUnknown)
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
        return SpecFile(path: path, format: format, testCase: testCase, diagnostics: diagnostics, source: diagnostics.isEmpty ? nil : source)
    }

    /// The format, from the content alone: a JSON object, a Zephyr export (its `### Details` table
    /// or `> <article>` blocks), or other Markdown with a `## KEY: title` heading or front matter.
    static func detectFormat(_ source: SourceText) -> ExportFormat? {
        let bytes = source.bytes
        if let first = bytes.first(where: { !$0.isASCIIWhitespace }), first == UInt8(ascii: "{") { return .zephyrJSON }
        var hasHeading = false
        for line in 1...source.lineCount {
            // Through byte ranges, as the Zephyr reader looks at lines: no slice per line.
            let text = ZephyrMarkdownReader.trimmed(bytes, source.range(ofLine: line))
            if ZephyrMarkdownReader.equals(bytes, text, "### Details") || ZephyrMarkdownReader.hasPrefix(bytes, text, "> <article>") {
                return .zephyrMarkdown
            }
            if ZephyrMarkdownReader.hasPrefix(bytes, text, "## ") { hasHeading = true }
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

/// `read(2)`, which `SpecReader.read` hides inside the type.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
