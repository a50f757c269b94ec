import Yams

/// The YAML block between `---` lines at the top of a Markdown export.
struct FrontMatter: Sendable {
    enum Value: Sendable, Equatable {
        case null
        case text(String)
        case list([String])

        var text: String? {
            switch self {
            case .null: nil
            case .text(let value): value
            case .list(let values): values.joined(separator: ",")
            }
        }

        var list: [String] {
            switch self {
            case .null: []
            case .text(let value): value.isEmpty ? [] : [value]
            case .list(let values): values
            }
        }
    }

    /// Top-level keys in file order.
    var entries: [(key: String, value: Value)]

    subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }

    /// Why the YAML could not be read, with a position relative to the YAML's first line.
    struct Failure: Error, Sendable {
        var problem: String
        var line: Int
        var column: Int
    }

    /// Byte ranges of the block: its content (between the fences) and everything including the
    /// closing fence. `nil` when the text does not start with a `---` line.
    static func locate(in source: SourceText) -> (content: Range<Int>, end: Int, closingLine: Int)? {
        guard source.lineCount > 1, isFence(source, line: 1) else { return nil }
        for line in 2...source.lineCount where isFence(source, line: line) {
            let content = source.lineStarts[1]..<source.lineStarts[line - 1]
            let end = line < source.lineCount ? source.lineStarts[line] : source.bytes.count
            return (content, end, line)
        }
        return nil
    }

    private static func isFence(_ source: SourceText, line: Int) -> Bool {
        let range = source.range(ofLine: line)
        var end = range.upperBound
        while end > range.lowerBound, source.bytes[end - 1] == 0x20 || source.bytes[end - 1] == 0x09 { end -= 1 }
        return end - range.lowerBound == 3 && source.bytes[range.lowerBound] == UInt8(ascii: "-")
            && source.bytes[range.lowerBound + 1] == UInt8(ascii: "-")
            && source.bytes[range.lowerBound + 2] == UInt8(ascii: "-")
    }

    static func parse(_ yaml: String) throws(Failure) -> FrontMatter {
        var copy = yaml
        let (known, failure) = copy.withUTF8 { bytes in
            simpleMapping(bytes).map { ($0, nil) } ?? (nil, unquotedColonFailure(bytes))
        }
        if let known { return known }
        if let failure { throw failure }
        return try parsedByYAMLParser(yaml)
    }

    /// The front matter as the YAML parser reads it, without the shortcuts of ``parse(_:)``.
    static func parsedByYAMLParser(_ yaml: String) throws(Failure) -> FrontMatter {
        let root: Node?
        do {
            // The encoding is given: by default Yams reads the process environment on every call.
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            throw failure(from: error)
        } catch {
            throw Failure(problem: "\(error)", line: 1, column: 1)
        }
        guard let root else { return FrontMatter(entries: []) }
        guard let mapping = root.mapping else {
            throw Failure(problem: "front matter is not a mapping of keys to values", line: 1, column: 1)
        }
        var entries: [(key: String, value: Value)] = []
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            entries.append((key, value(of: valueNode)))
        }
        return FrontMatter(entries: entries)
    }

    /// Front matter that is only `name: value` lines whose values are plain YAML scalars with no
    /// character YAML could read another way, which is what the Zephyr export writes when the
    /// title is tame. Such text means exactly what it says, so no YAML parser is needed; anything
    /// else goes to Yams.
    static func simpleMapping(_ yaml: String) -> FrontMatter? {
        var copy = yaml
        return copy.withUTF8(simpleMapping)
    }

    /// ``simpleMapping(_:)`` on the UTF-8 bytes, each line checked in one pass.
    private static func simpleMapping(_ bytes: UnsafeBufferPointer<UInt8>) -> FrontMatter? {
        var entries: [(key: String, value: Value)] = []
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            if lineEnd == lineStart { continue }  // empty lines say nothing
            guard let colon = simpleLine(bytes, lineStart..<lineEnd) else { return nil }
            let name = UnsafeBufferPointer(rebasing: bytes[lineStart..<colon])
            // The parser refuses a name given twice: left to it, to say so.
            if entries.contains(where: { $0.key.utf8.elementsEqual(name) }) { return nil }
            entries.append(
                (String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<colon]), as: UTF8.self),
                 .text(String(decoding: UnsafeBufferPointer(rebasing: bytes[(colon + 2)..<lineEnd]), as: UTF8.self))))
        }
        return FrontMatter(entries: entries)
    }

    /// The offset of the colon of a `name: value` line whose value is a plain scalar that means
    /// what it says; `nil` for any other line.
    private static func simpleLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int? {
        guard let colon = nameColon(bytes, line) else { return nil }
        let value = (colon + 2)..<line.upperBound
        guard let first = value.first.map({ bytes[$0] }), let last = value.last.map({ bytes[$0] }), last != 0x20,
            last != 0x0D, last != UInt8(ascii: ":"), !startsNonPlain(first)
        else { return nil }
        var previous: UInt8 = 0
        for index in value {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "#") || (previous == UInt8(ascii: ":") && byte == 0x20) { return nil }
            previous = byte
        }
        // A plain scalar is its text as written, whatever tag YAML resolves it to (a number, a
        // boolean): only the words that mean null read as something else, and they are left to the
        // real parser.
        if isNullWord(UnsafeBufferPointer(rebasing: bytes[value])) { return nil }
        return colon
    }

    /// `null`, `Null`, `NULL` (`~` cannot start a plain value here, and an empty one has no line).
    private static func isNullWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.elementsEqual("null".utf8) || word.elementsEqual("Null".utf8) || word.elementsEqual("NULL".utf8)
    }

    /// The offset of the `: ` after a name of lowercase letters and underscores starting the line.
    private static func nameColon(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Int? {
        var colon = line.lowerBound
        while colon < line.upperBound, bytes[colon] != UInt8(ascii: ":") {
            let byte = bytes[colon]
            guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_") else { return nil }
            colon += 1
        }
        guard colon < line.upperBound, colon > line.lowerBound, colon + 1 < line.upperBound, bytes[colon + 1] == 0x20
        else { return nil }
        return colon
    }

    /// A character that cannot start a plain scalar, or that makes it mean something else.
    private static func startsNonPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: "~"), 0x20:
            true
        default: false
        }
    }

    /// What the YAML parser reports for front matter of simple `name: value` lines where one
    /// value holds a `: ` (or ends with `:`), as the export writes titles such as
    /// `Public: Add a header` unquoted: a plain scalar after a mapping value cannot start another
    /// mapping, so libyaml stops at that colon, "mapping values are not allowed in this context",
    /// at its line and column (1-based, within the YAML). A quarter of real exports have such a
    /// title; predicting the error spares running the parser to have it thrown. Only for
    /// printable ASCII, where the outcome is certain (columns are bytes, no reader errors later);
    /// `nil` for anything else, which goes to the parser.
    private static func unquotedColonFailure(_ bytes: UnsafeBufferPointer<UInt8>) -> Failure? {
        guard bytes.allSatisfy({ $0 == 0x0A || (0x20...0x7E).contains($0) }) else { return nil }
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            if lineEnd == lineStart || simpleLine(bytes, lineStart..<lineEnd) != nil { continue }
            guard let colon = nameColon(bytes, lineStart..<lineEnd) else { return nil }
            let valueStart = colon + 2
            guard valueStart < lineEnd, !startsNonPlain(bytes[valueStart]) else { return nil }
            var index = valueStart
            while index < lineEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: "#") { return nil }
                if byte == UInt8(ascii: ":"), index + 1 == lineEnd || bytes[index + 1] == 0x20 {
                    return Failure(
                        problem: "mapping values are not allowed in this context", line: lineNumber,
                        column: index - lineStart + 1)
                }
                index += 1
            }
            return nil
        }
        return nil
    }

    private static func value(of node: Node) -> Value {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["null", "~", "Null", "NULL", ""].contains(scalar.string) { return .null }
            return .text(scalar.string)
        case .sequence(let sequence):
            return .list(sequence.compactMap { $0.scalar?.string })
        case .mapping, .alias:
            // Nested structure has no place in a case's metadata; aliases are never expanded, so an
            // alias bomb costs nothing.
            return .null
        }
    }

    private static func failure(from error: YamlError) -> Failure {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return Failure(problem: detail, line: mark.line, column: mark.column)
        case .reader(let problem, _, _, _):
            return Failure(problem: problem, line: 1, column: 1)
        default:
            return Failure(problem: "\(error)", line: 1, column: 1)
        }
    }
}
