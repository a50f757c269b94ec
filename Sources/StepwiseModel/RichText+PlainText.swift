extension RichText {
    /// The text a reader sees, without formatting.
    ///
    /// Text nodes in document order; list markers are not included; `<br>` and block boundaries
    /// become line breaks (never more than one in a row, none at either end); inline elements
    /// add no whitespace; table cells are separated by a tab.
    public var plainText: String {
        var writer = PlainTextWriter()
        writer.write(nodes)
        return writer.finish()
    }
}

extension RichText.Node {
    /// ``RichText/plainText`` of this node alone.
    public var plainText: String { RichText([self]).plainText }
}

/// Accumulates plain text, collapsing runs of block boundaries into one line break.
struct PlainTextWriter {
    private var output = ""
    private var pendingBreak = false

    mutating func write(_ nodes: [RichText.Node]) {
        for node in nodes { write(node) }
    }

    mutating func write(_ node: RichText.Node) {
        switch node {
        case .text(let string), .code(let string):
            append(string)
        case .codeBlock(let string, _):
            breakLine()
            append(string)
            breakLine()
        case .paragraph(let children), .heading(_, let children), .blockQuote(let children):
            breakLine()
            write(children)
            breakLine()
        case .emphasis(let children), .strong(let children), .strikethrough(let children),
            .link(_, let children), .group(let children):
            write(children)
        case .image(_, let alt):
            append(alt)
        case .lineBreak:
            breakLine()
        case .thematicBreak:
            breakLine()
        case .list(_, _, let items):
            breakLine()
            for item in items {
                breakLine()
                write(item)
                breakLine()
            }
        case .table(_, let rows):
            breakLine()
            for row in rows {
                breakLine()
                for (index, cell) in row.enumerated() {
                    if index > 0 { append("\t") }
                    write(cell)
                }
                breakLine()
            }
        }
    }

    private mutating func breakLine() {
        trimTrailingSpaces()
        if !output.isEmpty { pendingBreak = true }
    }

    /// Spaces at either end of a line are layout, not text (`<p>  padded  </p>`).
    private mutating func append(_ string: String) {
        var text = Substring(string)
        if output.isEmpty || pendingBreak || endsWithLineFeed {
            text = Self.droppingLeadingSpaces(text)
        }
        guard !text.isEmpty else { return }
        if pendingBreak {
            output.append("\n")
            pendingBreak = false
        }
        output.append(contentsOf: text)
    }

    // The checks below compare Characters, as `hasSuffix` and `drop(while:)` do, but look at bytes
    // first: a space or a line feed next to an ASCII byte is always a Character of its own, and
    // only the rare other case needs the grapheme rules. This runs for every text of every field.

    /// `output.hasSuffix("\n")`: a line feed is its own Character unless a carriage return precedes it.
    private var endsWithLineFeed: Bool {
        let bytes = output.utf8
        guard let last = bytes.last, last == 0x0A else { return false }
        return bytes.dropLast().last != 0x0D
    }

    /// `text.drop { $0 == " " }`.
    private static func droppingLeadingSpaces(_ text: Substring) -> Substring {
        let bytes = text.utf8
        var end = bytes.startIndex
        while end != bytes.endIndex, bytes[end] == 0x20 { end = bytes.index(after: end) }
        if end == bytes.startIndex { return text }
        // A combining mark after the last space would make that space part of another Character.
        if end == bytes.endIndex || bytes[end] < 0x80 { return text[end...] }
        return text.drop { $0 == " " }
    }

    private mutating func trimTrailingSpaces() {
        while true {
            let bytes = output.utf8
            guard let last = bytes.last, last == 0x20 else { return }
            // A space after some non-ASCII characters (Prepend) belongs to their Character.
            if let before = bytes.dropLast().last, before >= 0x80, !output.hasSuffix(" ") { return }
            output.removeLast()
        }
    }

    mutating func finish() -> String {
        trimTrailingSpaces()
        return output
    }
}
