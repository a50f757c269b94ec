import CCmarkGFM
import StepwiseModel

/// One top-level block of a Markdown document, converted, with the line it starts on.
struct MarkdownBlock: Sendable {
    var node: RichText.Node
    /// 1-based line in the document.
    var line: Int
    /// Lines of the list items inside, in pre-order (absolute lines).
    var itemLines: [Int]
    /// An HTML comment block: no content, but it does say where things are.
    var isComment: Bool
}

/// Converts CommonMark + GFM tables to ``RichText`` through cmark-gfm.
enum MarkdownConverter {
    /// cmark-gfm's extension registry is global and must be filled once, before any parse; a
    /// global `let` is initialised exactly once, thread-safely.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// Registers the extensions now, before several threads read at once.
    static func prepareForThreads() { _ = registered }

    /// Parses a whole document and returns its top-level blocks.
    static func blocks(_ bytes: UnsafeBufferPointer<UInt8>) -> (blocks: [MarkdownBlock], truncatedDepth: Bool) {
        _ = registered
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return ([], false) }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        bytes.withMemoryRebound(to: CChar.self) { chars in
            cmark_parser_feed(parser, chars.baseAddress, chars.count)
        }
        guard let document = cmark_parser_finish(parser) else { return ([], false) }
        defer { cmark_node_free(document) }
        var builder = MarkdownBuilder(source: bytes)
        var blocks: [MarkdownBlock] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            child = cmark_node_next(node)
            let line = Int(cmark_node_get_start_line(node))
            if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                if literal.trimmingASCIIWhitespace().hasPrefix("<!--") {
                    blocks.append(MarkdownBlock(node: .group([]), line: line, itemLines: [], isComment: true))
                    continue
                }
            }
            builder.itemLines.removeAll(keepingCapacity: true)
            guard let converted = builder.convert(node, depth: 0) else { continue }
            blocks.append(MarkdownBlock(node: converted, line: line, itemLines: builder.itemLines, isComment: false))
        }
        return (blocks, builder.truncated)
    }
}

private struct MarkdownBuilder {
    var itemLines: [Int] = []
    var truncated = false
    /// The document, for what cmark's text nodes forget: which characters were escaped.
    let source: UnsafeBufferPointer<UInt8>
    /// Byte offset of each line's first byte.
    let lineStarts: [Int]
    /// Where the last text node with delimiters was found in the source.
    var textCursor = 0
    /// Source offsets of escaped delimiters the tool's own sync made text (see ``syncedDelimiters(lines:)``).
    var syncedDelimiters: Set<Int> = []

    init(source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        var starts = [0]
        for (index, byte) in source.enumerated() where byte == 0x0A { starts.append(index + 1) }
        lineStarts = starts
    }

    mutating func children(of parent: OpaquePointer, depth: Int) -> [RichText.Node] {
        var nodes: [RichText.Node] = []
        var child = cmark_node_first_child(parent)
        while let node = child {
            child = cmark_node_next(node)
            if depth >= HTMLConverter.maximumDepth {
                truncated = true
                let type = cmark_node_get_type(node)
                let separated = type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK || cmark_node_first_child(node) != nil
                let text = Self.flattenedText(node)
                // Words on either side of a break or a block stay apart.
                if separated, case .text(let previous)? = nodes.last, !previous.hasSuffix(" ") { nodes[nodes.count - 1] = .text(previous + " ") }
                if !text.isEmpty { nodes.append(.text(separated ? text + " " : text)) }
                continue
            }
            if let converted = convert(node, depth: depth + 1) {
                // Adjacent text runs (cmark splits text at escapes and entities) read as one.
                if case .text(let next) = converted, case .text(let previous)? = nodes.last {
                    nodes[nodes.count - 1] = .text(previous + next)
                } else {
                    nodes.append(converted)
                }
            }
        }
        return nodes
    }

    mutating func convert(_ node: OpaquePointer, depth: Int) -> RichText.Node? {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_PARAGRAPH:
            syncedDelimiters = syncedDelimiters(
                lines: Int(cmark_node_get_start_line(node))...max(Int(cmark_node_get_start_line(node)), Int(cmark_node_get_end_line(node))))
            defer { syncedDelimiters = [] }
            var content = children(of: node, depth: depth)
            // The Mattermost converter writes every `<br>` as a `\` hard break, also at the end of
            // a paragraph, where CommonMark keeps the backslash as text: it is a line break.
            if case .text(let last)? = content.last, last.hasSuffix("\\") {
                let trimmed = String(last.dropLast())
                content[content.count - 1] = .text(trimmed)
                if trimmed.isEmpty { content.removeLast() }
            }
            return .paragraph(content)
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), children(of: node, depth: depth))
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote(children(of: node, depth: depth))
        case CMARK_NODE_LIST:
            var items: [[RichText.Node]] = []
            var child = cmark_node_first_child(node)
            while let item = child {
                child = cmark_node_next(item)
                itemLines.append(Int(cmark_node_get_start_line(item)))
                if depth >= HTMLConverter.maximumDepth {
                    truncated = true
                    items.append([.text(Self.flattenedText(item))])
                } else {
                    items.append(children(of: item, depth: depth + 1))
                }
            }
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            return .list(ordered: ordered, start: ordered ? Int(cmark_node_get_list_start(node)) : 1, items: items)
        case CMARK_NODE_ITEM: return .group(children(of: node, depth: depth))
        case CMARK_NODE_CODE_BLOCK:
            var literal = Self.literal(node)
            if literal.hasSuffix("\n") { literal.removeLast() }
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            return .codeBlock(literal, language: info.isEmpty ? nil : info)
        case CMARK_NODE_HTML_BLOCK:
            let literal = Self.literal(node)
            let converted = HTMLConverter.convert(literal)
            let base = Int(cmark_node_get_start_line(node)) - 1
            itemLines.append(contentsOf: converted.itemLines.map { $0 + base })
            if converted.truncatedDepth { truncated = true }
            return converted.nodes.isEmpty ? nil : .group(converted.nodes)
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(droppingConverterDelimiters(node))
        case CMARK_NODE_SOFTBREAK: return .text(" ")
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(Self.convertedCode(Self.literal(node)))
        case CMARK_NODE_HTML_INLINE: return Self.inlineHTML(Self.literal(node))
        case CMARK_NODE_EMPH: return .emphasis(children(of: node, depth: depth))
        case CMARK_NODE_STRONG: return .strong(children(of: node, depth: depth))
        case CMARK_NODE_LINK:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return .link(destination: url, children(of: node, depth: depth))
        case CMARK_NODE_IMAGE:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return .image(source: url, alt: RichText(children(of: node, depth: depth)).plainText)
        default:
            return extensionNode(node, depth: depth)
        }
    }

    mutating func extensionNode(_ node: OpaquePointer, depth: Int) -> RichText.Node? {
        let typeName = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
        switch typeName {
        case "table":
            var rows: [[[RichText.Node]]] = []
            var header = 0
            var row = cmark_node_first_child(node)
            while let current = row {
                row = cmark_node_next(current)
                var cells: [[RichText.Node]] = []
                var cell = cmark_node_first_child(current)
                while let currentCell = cell {
                    cell = cmark_node_next(currentCell)
                    cells.append(children(of: currentCell, depth: depth + 1))
                }
                if cmark_gfm_extensions_get_table_row_is_header(current) != 0, rows.count == header { header += 1 }
                rows.append(cells)
            }
            return .table(header: header, rows: rows)
        case "strikethrough": return .strikethrough(children(of: node, depth: depth))
        default:
            let content = children(of: node, depth: depth)
            return content.isEmpty ? nil : .group(content)
        }
    }

    /// The text of a text node without the emphasis delimiters Mattermost's HTML-to-Markdown
    /// converter wrote where CommonMark cannot pair them.
    ///
    /// The converter (remark) writes `<em>/zendesk connect </em>command` as `_/zendesk connect _command`
    /// and `<strong>a </strong><strong>b</strong>` as `**a ****b**`: delimiters with a space
    /// inside, which CommonMark leaves as literal text. It escapes every `*` and every `_` not
    /// between two letters that is text (`\*`, `\_`), so an unescaped run of `*`, `_` or `~~`
    /// that could open or close emphasis (flanking on one side only) and that cmark left unpaired
    /// is one of those delimiters, never text; it is dropped, as a reader of the HTML sees no
    /// asterisk there. Escaped characters and runs inside words (`open_full_form`) stay.
    mutating func droppingConverterDelimiters(_ node: OpaquePointer) -> String {
        let literal = Self.literal(node)
        guard literal.utf8.contains(where: { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "~") })
        else { return literal }
        // cmark's inline positions drift after a line break, but never run ahead of the text: the
        // text is found in the source from there on, escapes allowed, after the text found before.
        let line = Int(cmark_node_get_start_line(node))
        guard line >= 1, line <= lineStarts.count else { return literal }
        let text = Array(literal.utf8)
        var escaped = [Bool](repeating: false, count: text.count)
        var sourceAt = [Int](repeating: 0, count: text.count)
        let from = max(textCursor, lineStarts[line - 1])
        var found = false
        var candidate = from
        while !found, candidate < min(source.count, from + 65_536) {
            if source[candidate] == text[0] || source[candidate] == UInt8(ascii: "\\") {
                if let end = match(text, at: candidate, escaped: &escaped, sourceAt: &sourceAt) {
                    textCursor = end
                    found = true
                    break
                }
            }
            candidate += 1
        }
        guard found else { return literal }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var k = 0
        while k < text.count {
            let byte = text[k]
            if escaped[k], syncedDelimiters.contains(sourceAt[k]) {
                k += 1
                continue
            }
            guard !escaped[k], byte == UInt8(ascii: "_") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "~") else {
                out.append(byte)
                k += 1
                continue
            }
            var end = k
            while end < text.count, text[end] == byte, !escaped[end] { end += 1 }
            let before = sourceAt[k] > 0 ? sourceByte(before: sourceAt[k]) : 0x20
            let afterIndex = sourceAt[end - 1] + 1
            let after = afterIndex < source.count ? sourceByte(at: afterIndex) : 0x20
            let left = Self.isFlanking(next: after, previous: before)
            let right = Self.isFlanking(next: before, previous: after)
            let isDelimiter = (left != right) && (byte != UInt8(ascii: "~") || end - k == 2)
            if !isDelimiter { out.append(contentsOf: text[k..<end]) }
            k = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An escaped run of `*`, `_` or `~` on a line (see ``syncedDelimiters(lines:)``).
    struct Run {
        var char: UInt8
        var offsets: [Int]
        var before: UInt8
        var after: UInt8
        /// An unescaped run of the same character touches it: the two were one run the sync split.
        var touchesDelimiter = false
        /// The second half of a doubled run whose first half closed a pair read as synced.
        var splitFromSynced = false
        /// The run is all its line holds (`\_\_` alone: an emphasis of nothing).
        var alone = false
        /// Only a typed list number is before it on its line (`2\. \_Click`, `2.\_ Type`).
        var afterListNumber = false
    }

    /// The escaped delimiters of a paragraph that the tool's own sync made text, as source offsets.
    ///
    /// The tool turns the file back into HTML with a CommonMark renderer, which leaves the
    /// delimiters the converter wrote with a space inside (`**File Sharing **and`) as literal
    /// characters; its next export then escapes them as the text they have become
    /// (`\*\*File Sharing \*\*and`). So a pair of escaped runs of the same `*`, `_` or `~` on one
    /// line that CommonMark could not pair if they were not escaped (the opener followed by a space,
    /// the closer preceded by one, or punctuation on the wrong side) is read as the emphasis it was
    /// written for: both are dropped. Escaped runs CommonMark would pair (`\*\*Bold\*\*` in a case
    /// about typing Markdown) were typed as text and stay, as does a run with no partner on its line
    /// (`\*.md`, `\_redirect`) and an escaped `_` between two letters or digits.
    ///
    /// The sync pairs delimiters by CommonMark's rules, not the converter's, so some leftovers have
    /// an unescaped neighbour and are read as synced too:
    /// - an escaped run touching an unescaped run of its character, which the sync split from it
    ///   (`_/test test-command_\_ valid navigate-external \_`), even with spaces inside both ends;
    /// - a pair CommonMark's rule of three keeps apart: an opener and a run twice its length that
    ///   could both open and close (`\*\*T\*\*\*\*oday`, from `<strong>T</strong><strong>oday…`);
    /// - an unpaired escaped run whose partner is an unescaped delimiter the sync paired elsewhere
    ///   (``partnersUnescaped(_:among:runs:)``: `\*\*Team-A **to`, `Go to** Channel-A \*\*and`);
    /// - a lone `\_` right after a typed list number (`2\. \_Click`, `2.\_ Type`): the editor put the
    ///   number's dot in italics (`2<em>. </em>Click`) and the sync lost its partner;
    /// - `\_\_` (or `\*\*\*\*`) alone on its line: an empty emphasis (`<em></em>`).
    private func syncedDelimiters(lines: ClosedRange<Int>) -> Set<Int> {
        var dropped: Set<Int> = []
        guard lines.lowerBound >= 1, lines.upperBound <= lineStarts.count else { return dropped }
        let backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`")
        for line in lines {
            let start = lineStarts[line - 1]
            var end = line < lineStarts.count ? lineStarts[line] - 1 : source.count
            if end > start, source[end - 1] == 0x0D { end -= 1 }
            guard (start..<end).contains(where: { source[$0] == backslash }) else { continue }
            var runs: [Run] = []
            /// Unescaped runs of `*` and `_` outside code spans: the converter's (or the sync's) delimiters.
            var plainRuns: [(char: UInt8, start: Int, end: Int)] = []
            var i = start
            func byteBefore(_ offset: Int) -> UInt8 { offset > start ? sourceByte(before: offset) : 0x20 }
            /// The character after `offset`, looking through an escape; a space at the end of the line.
            func byteAt(_ offset: Int) -> UInt8 {
                guard offset < end else { return 0x20 }
                if source[offset] == backslash { return offset + 1 < end ? sourceByte(at: offset + 1) : 0x20 }
                return sourceByte(at: offset)
            }
            while i < end {
                let byte = source[i]
                if byte == backtick {
                    // A code span: its backslashes are no escapes.
                    var width = 0
                    while i + width < end, source[i + width] == backtick { width += 1 }
                    var j = i + width
                    var closed = false
                    while j < end {
                        if source[j] == backtick {
                            var other = 0
                            while j + other < end, source[j + other] == backtick { other += 1 }
                            if other == width {
                                closed = true
                                j += other
                                break
                            }
                            j += other
                        } else {
                            j += 1
                        }
                    }
                    i = closed ? j : i + width
                    continue
                }
                if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") {
                    var j = i
                    while j < end, source[j] == byte { j += 1 }
                    plainRuns.append((byte, i, j))
                    i = j
                    continue
                }
                guard byte == backslash, i + 1 < end else {
                    i += 1
                    continue
                }
                let char = source[i + 1]
                guard char == UInt8(ascii: "*") || char == UInt8(ascii: "_") || char == UInt8(ascii: "~") else {
                    i += 2
                    continue
                }
                var offsets: [Int] = []
                var j = i
                while j + 1 < end, source[j] == backslash, source[j + 1] == char {
                    offsets.append(j + 1)
                    j += 2
                }
                let touches = (i > start && source[i - 1] == char) || (j < end && source[j] == char)
                var run = Run(char: char, offsets: offsets, before: byteBefore(i), after: byteAt(j), touchesDelimiter: touches)
                var lineEnd = end
                while lineEnd > j, Self.isSpace(source[lineEnd - 1]) { lineEnd -= 1 }
                run.alone = i == start && j == lineEnd
                run.afterListNumber = Self.isListNumber(source[start..<i])
                runs.append(run)
                i = j
            }
            var pending: [UInt8: Run] = [:]
            var spaced: [UInt8: Run] = [:]
            for var run in runs {
                // The converter writes `<strong>` as `**`, `<em>` as `_` and `<del>` as `~~`: other
                // runs (`\*`, `\*\*\*`) were typed as text. A run twice as long is a closer and an opener.
                let unit = run.char == UInt8(ascii: "_") ? 1 : 2
                guard run.offsets.count == unit || run.offsets.count == 2 * unit else { continue }
                if run.char == UInt8(ascii: "_"), Self.isAlphanumeric(run.before), Self.isAlphanumeric(run.after) { continue }
                // Two runs with only spaces between them are an emphasis of a space (`--channel \_ \_`).
                if let previous = spaced[run.char], run.offsets.count == previous.offsets.count {
                    spaced[run.char] = nil
                    let between = (previous.offsets.last! + 1)..<(run.offsets.first! - 1)
                    if !between.isEmpty, between.allSatisfy({ Self.isSpace(sourceByte(at: $0)) }) {
                        dropped.formUnion(previous.offsets)
                        dropped.formUnion(run.offsets)
                        continue
                    }
                }
                spaced[run.char] = nil
                guard let opener = pending[run.char] else {
                    // A run with a space on both sides opens nothing (`use \*\* for`).
                    if run.offsets.count == unit, Self.isSpace(run.before), Self.isSpace(run.after) {
                        spaced[run.char] = run
                        continue
                    }
                    pending[run.char] = run
                    continue
                }
                let count = opener.offsets.count
                guard run.offsets.count == count || run.offsets.count == 2 * count else {
                    pending[run.char] = run
                    continue
                }
                // A run twice as long closes the pending one and opens the next (`\*\*\*\*`).
                var closer = run
                if run.offsets.count == 2 * count {
                    closer.offsets = Array(run.offsets.prefix(count))
                    closer.after = run.char
                    run.offsets = Array(run.offsets.suffix(count))
                    run.before = run.char
                }
                let opens = Self.isFlanking(next: opener.after, previous: opener.before)
                var closes = Self.isFlanking(next: closer.before, previous: closer.after)
                // CommonMark's rule of three: a run that can both open and close never closes an opener
                // of half its length (`**T****oday`, from `<strong>T</strong><strong>oday</strong>`).
                if closer.offsets != run.offsets, Self.isFlanking(next: run.after, previous: closer.before),
                    Self.isFlanking(next: closer.before, previous: run.after)
                {
                    closes = false
                }
                let underscoreInWord = opener.char == UInt8(ascii: "_") && (Self.isAlphanumeric(opener.before) || Self.isAlphanumeric(closer.after))
                let inside = (opener.offsets.last! + 1)..<(closer.offsets.first! - 1)
                let hasText = inside.contains { !Self.isSpace(sourceByte(at: $0)) && source[$0] != backslash }
                // Emphasis hugs its text on one side at least, or its opener is stuck to the word before
                // (`Type\_ /test … \_`); `\*\* text \*\*` is decoration typed as text.
                let hugs = !Self.isSpace(opener.after) || !Self.isSpace(closer.before) || Self.isAlphanumeric(opener.before)
                let synced: Bool
                // A run touching a real delimiter of its character was split from it by the sync: synced.
                let touches = opener.touchesDelimiter || closer.touchesDelimiter
                if hasText {
                    synced = (hugs || touches) && (!opens || !closes || underscoreInWord || touches)
                } else {
                    // Emphasis of nothing but a space (`mattermost.com\_ \_with`, `--channel \_ \_`).
                    synced = !inside.isEmpty
                }
                if synced {
                    dropped.formUnion(opener.offsets)
                    dropped.formUnion(closer.offsets)
                }
                let split = closer.offsets != run.offsets
                run.splitFromSynced = split && synced
                pending[run.char] = split ? run : nil
            }
            // Left unpaired at the end of the line: a whole doubled run beside a word (`\_\_mmctl`,
            // `(\*\*\*\*System`) is an empty emphasis (`<u></u>`), and the second half of a run whose
            // first half closed a synced pair belongs to it.
            for run in pending.values {
                let unit = run.char == UInt8(ascii: "_") ? 1 : 2
                let empty = run.offsets.count == 2 * unit && (run.alone || !(Self.isSpace(run.before) && Self.isSpace(run.after)))
                // `2<em>. </em>Click`, a typed list number whose dot is in italics, comes out as a lone
                // `\_` beside the number (`2\. \_Click`, `2.\_ Type`): the sync lost its partner.
                let listNumber = run.char == UInt8(ascii: "_") && run.offsets.count == 1 && run.afterListNumber
                if empty || run.splitFromSynced || listNumber || partnersUnescaped(run, among: plainRuns, runs: runs) {
                    dropped.formUnion(run.offsets)
                }
            }
        }
        return dropped
    }

    /// True when an escaped run left unpaired was the partner of an unescaped delimiter beside it: the
    /// converter wrote both (`<strong>Team-A </strong>to` as `**Team-A **to`), the sync paired the
    /// unescaped one with another delimiter instead and made this one text (`\*\*Team-A **to`,
    /// `Go to** Channel-A \*\*and`, `\_Enable … command _option`). Its partner is the nearest run of
    /// the same character and length on the line, unescaped, with a space just inside the pair, and
    /// with no further run of that character beyond it on the line (one there would be its own
    /// partner: `\_redirect _x_` keeps its underscore).
    private func partnersUnescaped(_ run: Run, among plain: [(char: UInt8, start: Int, end: Int)], runs: [Run]) -> Bool {
        guard let first = run.offsets.first, let last = run.offsets.last else { return false }
        let length = run.offsets.count
        let same = plain.filter { $0.char == run.char }
        let escapedSame = runs.filter { $0.char == run.char }
        // The partner after the run: the next run of the character on the line is unescaped.
        if let next = same.first(where: { $0.start > last }),
            !escapedSame.contains(where: { ($0.offsets.first ?? 0) > last && ($0.offsets.first ?? 0) < next.start }),
            next.end - next.start == length, !same.contains(where: { $0.start > next.start }),
            !escapedSame.contains(where: { ($0.offsets.first ?? 0) > next.start }),
            Self.isSpace(sourceByte(before: next.start)) || Self.isSpace(run.after)
        {
            return true
        }
        // The partner before it.
        if let previous = same.last(where: { $0.end <= first }),
            !escapedSame.contains(where: { ($0.offsets.last ?? 0) < first && ($0.offsets.last ?? 0) > previous.end }),
            previous.end - previous.start == length, !same.contains(where: { $0.end <= previous.start }),
            !escapedSame.contains(where: { ($0.offsets.last ?? 0) < previous.start }),
            Self.isSpace(sourceByte(at: previous.end)) || Self.isSpace(run.before)
        {
            return true
        }
        return false
    }

    /// True for what a typed list number leaves before an item's text: `2.`, `2\.`, `12.` and a space.
    private static func isListNumber(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var rest = bytes[...]
        while let last = rest.last, last == 0x20 { rest = rest.dropLast() }
        guard rest.last == UInt8(ascii: ".") else { return false }
        rest = rest.dropLast()
        if rest.last == UInt8(ascii: "\\") { rest = rest.dropLast() }
        return !rest.isEmpty && rest.count <= 3 && rest.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The byte before `offset`, a no-break space (which CommonMark counts as whitespace) read as a space.
    private func sourceByte(before offset: Int) -> UInt8 {
        if offset >= 2, source[offset - 1] == 0xA0, source[offset - 2] == 0xC2 { return 0x20 }
        return source[offset - 1]
    }

    /// The byte at `offset`, a no-break space read as a space.
    private func sourceByte(at offset: Int) -> UInt8 {
        if source[offset] == 0xC2, offset + 1 < source.count, source[offset + 1] == 0xA0 { return 0x20 }
        return source[offset]
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    /// Matches `text` against the source at `start`, where `\\` before punctuation is an escape;
    /// returns the offset after the match.
    private func match(_ text: [UInt8], at start: Int, escaped: inout [Bool], sourceAt: inout [Int]) -> Int? {
        var i = start
        var j = 0
        while j < text.count {
            guard i < source.count else { return nil }
            if source[i] == UInt8(ascii: "\\"), i + 1 < source.count, source[i + 1] == text[j], Self.isPunctuation(text[j]) {
                escaped[j] = true
                sourceAt[j] = i + 1
                i += 2
            } else if source[i] == text[j] {
                escaped[j] = false
                sourceAt[j] = i
                i += 1
            } else {
                return nil
            }
            j += 1
        }
        return i
    }

    /// CommonMark's left-flanking test (right-flanking with the neighbours swapped): the run is not
    /// followed by whitespace, and not by punctuation unless whitespace or punctuation precedes it.
    private static func isFlanking(next: UInt8, previous: UInt8) -> Bool {
        if isSpace(next) { return false }
        if isPunctuation(next) { return isSpace(previous) || isPunctuation(previous) }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func isPunctuation(_ byte: UInt8) -> Bool { byte < 0x80 && escapable.contains(Unicode.Scalar(byte)) }

    /// Inline HTML in Markdown: `<br>` breaks the line, comments and formatting tags vanish, and
    /// anything else (`<teamName>`, `<!here>`) is text the author meant literally.
    static func inlineHTML(_ literal: String) -> RichText.Node? {
        let lower = literal.lowercased()
        if lower.hasPrefix("<br") { return .lineBreak }
        if lower.hasPrefix("<!--") { return nil }
        let formatting = [
            "b", "i", "u", "em", "strong", "span", "sup", "sub", "s", "del", "mark", "small", "code", "kbd", "a", "p",
            "div", "img",
        ]
        var name = lower.dropFirst()
        if name.hasPrefix("/") { name = name.dropFirst() }
        let tag = name.prefix { $0.isLetter || $0.isNumber }
        if formatting.contains(String(tag)) { return nil }
        return .text(literal)
    }

    /// A code span's text, read as the Mattermost converter wrote it.
    ///
    /// The converter writes `<code>` as a code span with its text as it is, but most code spans in
    /// the format are backticks a tester typed into the rich-text editor, which the converter
    /// treated as text: it escaped the text's punctuation inside them (`\_`, `\.`) and wrote the
    /// emphasis in them with unescaped delimiters (`` `<em>pluginkeyvaluestore</em>` `` is exported
    /// as `` `_pluginkeyvaluestore_` ``). So:
    /// - the escapes are undone (`MM\_FLAG` is `MM_FLAG`);
    /// - an unescaped `_` at both ends of the span, around text holding no other unescaped `_`
    ///   (`` `_error-404_` ``, `` `_MM\_FLAG\_ON_` ``), and unescaped `**` at both ends of a span
    ///   that holds escapes, are the emphasis they were written for: dropped. An escaped pair is
    ///   text a tester typed (`` `\_id\_` `` reads `_id_`), unless a space just inside it shows the
    ///   tool's own sync made text of emphasis the converter wrote with a space inside
    ///   (`` `\_navigate-external \_` ``, from `<em>navigate-external </em>`);
    /// - a backslash before a space is the converter's `\` line break (a `<br>`) that the sync
    ///   folded into the span when it spanned two lines (`` `Enter\ 6\. On the new line` ``): a
    ///   line break. (Every `\ ` inside a code span of the corpus and of other exports is one.)
    /// `__init__` and `__` stay as they are: runs at the ends longer than the delimiter, or with
    /// nothing inside, are text.
    static func convertedCode(_ code: String) -> String {
        guard code.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "_") }) else { return code }
        // The span's characters, each marked escaped or not.
        var scalars: [Unicode.Scalar] = []
        var escaped: [Bool] = []
        var hasEscapes = false
        var iterator = code.unicodeScalars.makeIterator()
        var pending = iterator.next()
        while let scalar = pending {
            pending = iterator.next()
            if scalar == "\\", let next = pending {
                if Self.escapable.contains(next) {
                    scalars.append(next)
                    escaped.append(true)
                    hasEscapes = true
                    pending = iterator.next()
                    continue
                }
                if next == " " {
                    scalars.append("\n")
                    escaped.append(true)
                    pending = iterator.next()
                    continue
                }
            }
            scalars.append(scalar)
            escaped.append(false)
        }
        var lower = 0
        var upper = scalars.count
        func isUnderscore(_ index: Int) -> Bool { scalars[index] == "_" }
        func isSpace(_ index: Int) -> Bool { scalars[index] == " " || scalars[index] == "\u{A0}" }
        if upper - lower >= 3, isUnderscore(lower), isUnderscore(upper - 1), escaped[lower] == escaped[upper - 1] {
            let inner = (lower + 1)..<(upper - 1)
            let innerHasUnescapedUnderscore = inner.contains { isUnderscore($0) && !escaped[$0] }
            if !escaped[lower] {
                // Unescaped: the converter's delimiters, unless the inner text starts with a space or
                // holds another one (`__init__`).
                if !innerHasUnescapedUnderscore, !isSpace(inner.lowerBound), !isUnderscore(inner.lowerBound),
                    !isUnderscore(inner.upperBound - 1)
                {
                    lower += 1
                    upper -= 1
                }
            } else if isSpace(inner.lowerBound) != isSpace(inner.upperBound - 1), !isUnderscore(inner.lowerBound),
                !isUnderscore(inner.upperBound - 1)
            {
                // Escaped with a space just inside at one end: synced emphasis.
                lower += 1
                upper -= 1
            }
        }
        if hasEscapes, upper - lower > 4, scalars[lower] == "*", scalars[lower + 1] == "*", !escaped[lower],
            scalars[upper - 1] == "*", scalars[upper - 2] == "*", !escaped[upper - 1],
            !" *_".unicodeScalars.contains(scalars[lower + 2]), !" *_".unicodeScalars.contains(scalars[upper - 3])
        {
            lower += 2
            upper -= 2
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[lower..<upper])
        return String(out)
    }

    /// The characters CommonMark lets a backslash escape.
    static let escapable = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// Text of a subtree, walked with cmark's own iterator instead of recursion.
    static func flattenedText(_ root: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(root) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER
            else { continue }
            switch cmark_node_get_type(node) {
            // Blocks and breaks keep words apart: "Open" and "the console" must not become "Openthe console".
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_LINEBREAK,
                CMARK_NODE_SOFTBREAK, CMARK_NODE_BLOCK_QUOTE:
                if !text.isEmpty, !text.hasSuffix(" ") { text += " " }
            default: break
            }
            if let literal = cmark_node_get_literal(node) { text += String(cString: literal) }
        }
        return text.trimmingASCIIWhitespace().isEmpty ? "" : String(text.trimmingASCIIWhitespace())
    }
}
