import StepwiseModel

/// Reads the plain HTML most exported fields hold (`<p>`, `<br>`, lists, `<strong>`, `<em>`, `<a>`,
/// `<img>`, `<code>`, `<span>`, `<u>` and the common entities) straight into ``RichText``, with exactly the
/// tree libxml2 and ``HTMLParser`` produce for it; anything else is left to them.
///
/// It accepts only what libxml2 reads without any repair: every end tag closes the element
/// opened last, no start tag implicitly closes the open element (libxml2's rules for these tags,
/// such as `<p>` inside `<p>` or `<li>` inside `<li>`), no tag spans a line, no comment, no
/// character reference, no entity outside a fixed list, no control character. On anything else it
/// returns `nil` and the caller parses the fragment with libxml2, so what a user sees never
/// depends on which of the two read it. Building no libxml2 tree makes it several times faster.
struct SimpleHTML {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// libxml2 counts lines from 1 at the start of the fragment.
    private var line = 1
    private var itemLines: [Int] = []
    /// Reused for each text run.
    private var text: [UInt8] = []

    /// Deeper nesting is left to libxml2, which flattens what goes past ``HTMLConverter/maximumDepth``.
    private static let maximumDepth = 24

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The fragment's rich text, or `nil` when it holds anything this reader leaves to libxml2.
    static func convert(_ fragment: UnsafeBufferPointer<UInt8>) -> ConvertedText? {
        var reader = SimpleHTML(fragment)
        guard let content = reader.content(of: nil, depth: 0) else { return nil }
        var result = ConvertedText()
        result.nodes = content.nodes
        result.itemLines = reader.itemLines
        return result
    }

    // MARK: Parsing

    private enum Tag: Equatable {
        case p, br, ul, ol, li, strong, b, em, i, u, span, a, img, code

        /// The tag named by `bytes[range]`, compared case-insensitively as libxml2 lowercases names.
        init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            func named(_ name: StaticString) -> Bool { SimpleHTML.equalsLowercased(bytes, range, name) }
            switch range.count {
            case 1:
                switch bytes[range.lowerBound] | 0x20 {
                case UInt8(ascii: "p"): self = .p
                case UInt8(ascii: "b"): self = .b
                case UInt8(ascii: "i"): self = .i
                case UInt8(ascii: "u"): self = .u
                case UInt8(ascii: "a"): self = .a
                default: return nil
                }
            case 2:
                if named("br") { self = .br } else if named("ul") { self = .ul } else if named("ol") { self = .ol }
                else if named("li") { self = .li } else if named("em") { self = .em } else { return nil }
            case 3:
                if named("img") { self = .img } else { return nil }
            case 4:
                if named("span") { self = .span } else if named("code") { self = .code } else { return nil }
            case 6:
                if named("strong") { self = .strong } else { return nil }
            default: return nil
            }
        }

        /// libxml2's table of start tags that imply the end of the open element, for these tags.
        func isClosed(by new: Tag) -> Bool {
            switch (self, new) {
            case (.a, .a), (.b, .p), (.i, .p), (.u, .p), (.li, .li), (.ol, .ul), (.ul, .ol), (.p, .li), (.p, .ol),
                (.p, .p), (.p, .ul):
                true
            default: false
            }
        }
    }

    /// The content up to the end tag of `tag` (the end of the fragment for `nil`), built as
    /// ``HTMLTreeBuilder`` builds it from libxml2's tree: the nodes, or for a list its items.
    private mutating func content(of tag: Tag?, depth: Int) -> (nodes: [RichText.Node], items: [[RichText.Node]])? {
        let inList = tag == .ul || tag == .ol
        var nodes: [RichText.Node] = []
        var items: [[RichText.Node]] = []
        text.removeAll(keepingCapacity: true)
        // libxml2 merges adjacent text and entities into one text node; this is that node.
        func flush(_ reader: inout SimpleHTML) -> Bool {
            guard !reader.text.isEmpty else { return true }
            let collapsed = reader.text.withUnsafeBufferPointer { HTMLTreeBuilder.collapsingWhitespace($0) }
            reader.text.removeAll(keepingCapacity: true)
            if inList { return collapsed == " " }  // stray text in a list goes to libxml2
            InlineMarkdown.append(collapsed, to: &nodes)
            return true
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"):
                guard flush(&self), index + 1 < bytes.count else { return nil }
                if bytes[index + 1] == UInt8(ascii: "/") {
                    guard let tag, endTag(of: tag) else { return nil }
                    return (nodes, items)
                }
                guard let child = startTag(inside: tag) else { return nil }
                if inList {
                    // Only items: other elements in a list go to libxml2.
                    guard child.tag == .li, child.end == .open else { return nil }
                    itemLines.append(child.line)
                    guard let item = self.content(of: .li, depth: depth + 1) else { return nil }
                    items.append(item.nodes)
                } else if let node = element(child, depth: depth) {
                    guard let built = node else { continue }
                    nodes.append(built)
                } else {
                    return nil
                }
            case UInt8(ascii: "&"):
                guard appendEntity() else { return nil }
            default:
                guard appendText() else { return nil }
            }
        }
        guard flush(&self), tag == nil else { return nil }
        return (nodes, items)
    }

    /// A start tag just read, and what follows it.
    ///
    /// Attribute values are ranges of the fragment, made into strings only by the node that
    /// keeps one: most tags have none, and a tag holding no string is copied and dropped without
    /// any reference counting.
    private struct StartTag {
        enum End { case open, empty }
        var tag: Tag
        var line: Int
        /// The attributes the tree keeps, each the first of its name: `href` of `<a>`, `src` and
        /// `alt` of `<img>`, `start` of `<ol>`.
        var href: Range<Int>?
        var source: Range<Int>?
        var alt: Range<Int>?
        var start: Range<Int>?
        var end: End

        /// Whether this element is one with no content and no end tag.
        var isVoid: Bool { tag == .br || tag == .img }
    }

    /// The content and end tag of an element outside a list, as a node (`.some(nil)` when the
    /// builder drops it), or `nil` for content this reader leaves to libxml2.
    private mutating func element(_ start: StartTag, depth: Int) -> RichText.Node?? {
        if start.tag == .br { return .some(.lineBreak) }
        if start.tag == .img { return .some(.image(source: string(start.source), alt: string(start.alt))) }
        guard start.end == .open, depth + 1 < Self.maximumDepth else { return nil }
        if start.tag == .code {
            // Code is its text alone.
            guard let code = codeText() else { return nil }
            return .some(.code(code))
        }
        guard let content = content(of: start.tag, depth: depth + 1) else { return nil }
        switch start.tag {
        case .p: return .some(.paragraph(content.nodes))
        case .ul, .ol:
            // As the tree builder reads it: the attribute as an integer, else 1.
            let first = start.tag == .ol ? start.start.flatMap { Int(string($0)) } ?? 1 : 1
            return .some(.list(ordered: start.tag == .ol, start: first, items: content.items))
        case .li: return .some(.group(content.nodes))
        case .em, .i: return .some(.emphasis(content.nodes))
        case .strong, .b: return .some(.strong(content.nodes))
        case .a: return .some(.link(destination: string(start.href), content.nodes))
        case .span, .u: return .some(content.nodes.isEmpty ? nil : .group(content.nodes))
        case .br, .img, .code: return nil  // handled above
        }
    }

    /// The attribute value at `range` as written (no reference is ever in one), `""` for none.
    private func string(_ range: Range<Int>?) -> String {
        guard let range else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The text of a `<code>` element up to `</code>`, collapsed; `nil` when it holds an element
    /// or nothing.
    private mutating func codeText() -> String? {
        text.removeAll(keepingCapacity: true)
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"):
                guard !text.isEmpty, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/"), endTag(of: .code)
                else { return nil }
                let collapsed = text.withUnsafeBufferPointer { HTMLTreeBuilder.collapsingWhitespace($0) }
                text.removeAll(keepingCapacity: true)
                return collapsed
            case UInt8(ascii: "&"):
                guard appendEntity() else { return nil }
            default:
                guard appendText() else { return nil }
            }
        }
        return nil
    }

    /// `</tag>` at `index`, exactly, read past.
    private mutating func endTag(of tag: Tag) -> Bool {
        guard let name = name(from: index + 2), Tag(bytes, name) == tag, name.upperBound < bytes.count,
            bytes[name.upperBound] == UInt8(ascii: ">")
        else { return false }
        index = name.upperBound + 1
        return true
    }

    /// A run of text at `index`, up to the next tag or entity, added to `text`.
    private mutating func appendText() -> Bool {
        var end = index
        while end < bytes.count {
            let next = bytes[end]
            if next == UInt8(ascii: "<") || next == UInt8(ascii: "&") { break }
            if next == UInt8(ascii: "\n") {
                line += 1
            } else if next < 0x20 && next != 0x09 {
                return false  // libxml2 drops other control characters and turns CR LF into LF
            } else if next == 0xEF, end + 2 < bytes.count, bytes[end + 1] == 0xBF, bytes[end + 2] >= 0xBE {
                return false  // U+FFFE and U+FFFF, which libxml2 drops
            }
            end += 1
        }
        text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
        index = end
        return true
    }

    /// The start tag at `index`, read past, when libxml2 would read it as written inside `parent`.
    private mutating func startTag(inside parent: Tag?) -> StartTag? {
        guard let name = name(from: index + 1), let tag = Tag(bytes, name) else { return nil }
        if let parent, parent.isClosed(by: tag) { return nil }
        var start = StartTag(tag: tag, line: line, end: .open)
        var cursor = name.upperBound
        // Attributes: ` name="value"`, one space apart, values without references or line breaks.
        while cursor < bytes.count, bytes[cursor] == 0x20 {
            if start.isVoid, cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "/") {
                cursor += 1  // `<br />`
                break
            }
            guard let attribute = self.name(from: cursor + 1), case let attributeEnd = attribute.upperBound,
                attributeEnd + 1 < bytes.count,
                bytes[attributeEnd] == UInt8(ascii: "="), bytes[attributeEnd + 1] == UInt8(ascii: "\"")
            else { return nil }
            var valueEnd = attributeEnd + 2
            while valueEnd < bytes.count, bytes[valueEnd] != UInt8(ascii: "\"") {
                let byte = bytes[valueEnd]
                if byte == UInt8(ascii: "&") || byte < 0x20 { return nil }
                valueEnd += 1
            }
            guard valueEnd < bytes.count else { return nil }
            // libxml2 keeps the first of two attributes with one name.
            let value = (attributeEnd + 2)..<valueEnd
            switch tag {
            case .a where start.href == nil && Self.equalsLowercased(bytes, attribute, "href"): start.href = value
            case .img where start.source == nil && Self.equalsLowercased(bytes, attribute, "src"): start.source = value
            case .img where start.alt == nil && Self.equalsLowercased(bytes, attribute, "alt"): start.alt = value
            case .ol where start.start == nil && Self.equalsLowercased(bytes, attribute, "start"): start.start = value
            default: break
            }
            cursor = valueEnd + 1
        }
        guard cursor < bytes.count else { return nil }
        if bytes[cursor] == UInt8(ascii: "/") {
            // `<br/>`, `<img … />`: the only elements written the XML way that this reader takes.
            guard start.isVoid, cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: ">") else { return nil }
            index = cursor + 2
            start.end = .empty
            return start
        }
        guard bytes[cursor] == UInt8(ascii: ">") else { return nil }
        index = cursor + 1
        if start.isVoid { start.end = .empty }  // an empty element in HTML
        return start
    }

    /// The range of the HTML name (a letter, then letters, digits or `-`) at `start`.
    private func name(from start: Int) -> Range<Int>? {
        guard start < bytes.count, (bytes[start] | 0x20) >= UInt8(ascii: "a") && (bytes[start] | 0x20) <= UInt8(ascii: "z")
        else { return nil }
        var end = start + 1
        while end < bytes.count {
            let byte = bytes[end]
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            guard letter || byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-") else { break }
            end += 1
        }
        return start..<end
    }

    /// Whether `bytes[range]`, with ASCII letters lowercased, is `word` (which is lowercase).
    static func equalsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        for offset in 0..<range.count {
            var byte = bytes[range.lowerBound + offset]
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != word.utf8Start[offset] { return false }
        }
        return true
    }

    /// `&name;` for the entities real exports use; `false` for anything else.
    private mutating func appendEntity() -> Bool {
        var end = index + 1
        while end < bytes.count, end - index <= 8, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return false }
        // Entity names are case-sensitive: `&AMP;` is not `&amp;`.
        let range = (index + 1)..<end
        guard let value = Self.entities.first(where: { name, _ in
            range.count == name.utf8CodeUnitCount
                && (0..<range.count).allSatisfy { bytes[range.lowerBound + $0] == name.utf8Start[$0] }
        })?.text else { return false }
        text.append(contentsOf: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
        index = end + 1
        return true
    }

    /// The entities real exports use, by name, with their text.
    private static let entities: [(name: StaticString, text: StaticString)] = [
        ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", "\u{A0}"),
        ("ndash", "\u{2013}"), ("mdash", "\u{2014}"), ("lsquo", "\u{2018}"), ("rsquo", "\u{2019}"),
        ("sbquo", "\u{201A}"), ("ldquo", "\u{201C}"), ("rdquo", "\u{201D}"), ("bull", "\u{2022}"),
        ("hellip", "\u{2026}"), ("rarr", "\u{2192}"),
    ]
}
