import StepwiseModel

/// Reads the plain HTML most exported fields hold (`<p>`, `<br>`, lists, `<strong>`, `<em>`, `<a>`,
/// `<code>`, `<span>`, `<u>` and the common entities) straight into ``RichText``, with exactly the
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
        guard let children = reader.content(of: nil, depth: 0) else { return nil }
        var result = ConvertedText()
        result.nodes = reader.nodes(children, dropsBlankText: false)
        result.itemLines = reader.itemLines
        return result
    }

    // MARK: Parsing

    private enum Tag: Equatable {
        case p, br, ul, ol, li, strong, b, em, i, u, span, a, code

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

    /// A node as libxml2's tree holds it: adjacent text (entities included) merged into one.
    private enum Child {
        /// Already collapsed as ``HTMLTreeBuilder`` collapses text.
        case text(String)
        case element(Element)
    }

    private struct Element {
        var tag: Tag
        var line: Int
        var href: String?
        var children: [Child]
    }

    /// Children up to the end tag of `tag` (the end of the fragment for `nil`).
    private mutating func content(of tag: Tag?, depth: Int) -> [Child]? {
        var children: [Child] = []
        text.removeAll(keepingCapacity: true)
        func flush(_ reader: inout SimpleHTML) {
            guard !reader.text.isEmpty else { return }
            let collapsed = reader.text.withUnsafeBufferPointer { HTMLTreeBuilder.collapsingWhitespace($0) }
            children.append(.text(collapsed))
            reader.text.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "<"):
                flush(&self)
                guard index + 1 < bytes.count else { return nil }
                if bytes[index + 1] == UInt8(ascii: "/") {
                    guard let tag, let name = name(from: index + 2), Tag(bytes, name) == tag, name.upperBound < bytes.count,
                        bytes[name.upperBound] == UInt8(ascii: ">")
                    else { return nil }
                    index = name.upperBound + 1
                    return children
                }
                guard let element = element(inside: tag, depth: depth) else { return nil }
                children.append(.element(element))
            case UInt8(ascii: "&"):
                guard appendEntity() else { return nil }
            default:
                // A run of text, appended at once.
                var end = index
                while end < bytes.count {
                    let next = bytes[end]
                    if next == UInt8(ascii: "<") || next == UInt8(ascii: "&") { break }
                    if next == UInt8(ascii: "\n") {
                        line += 1
                    } else if next < 0x20 && next != 0x09 {
                        return nil  // libxml2 drops other control characters and turns CR LF into LF
                    } else if next == 0xEF, end + 2 < bytes.count, bytes[end + 1] == 0xBF, bytes[end + 2] >= 0xBE {
                        return nil  // U+FFFE and U+FFFF, which libxml2 drops
                    }
                    end += 1
                }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
        }
        flush(&self)
        return tag == nil ? children : nil
    }

    /// A start tag at `index` and, unless it is empty, its content and end tag.
    private mutating func element(inside parent: Tag?, depth: Int) -> Element? {
        guard depth < Self.maximumDepth, let name = name(from: index + 1), let tag = Tag(bytes, name) else { return nil }
        if let parent, parent.isClosed(by: tag) { return nil }
        var element = Element(tag: tag, line: line, href: nil, children: [])
        var cursor = name.upperBound
        // Attributes: ` name="value"`, one space apart, values without references or line breaks.
        while cursor < bytes.count, bytes[cursor] == 0x20 {
            if tag == .br, cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "/") {
                cursor += 1  // `<br />`
                break
            }
            guard tag != .ol, let attribute = self.name(from: cursor + 1), case let attributeEnd = attribute.upperBound,
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
            if tag == .a, element.href == nil, Self.equalsLowercased(bytes, attribute, "href") {
                element.href = String(decoding: bytes[(attributeEnd + 2)..<valueEnd], as: UTF8.self)
            }
            cursor = valueEnd + 1
        }
        guard cursor < bytes.count else { return nil }
        if bytes[cursor] == UInt8(ascii: "/") {
            // `<br/>` and `<br />`: the only element written the XML way that this reader takes.
            guard tag == .br, cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: ">") else { return nil }
            index = cursor + 2
            return element
        }
        guard bytes[cursor] == UInt8(ascii: ">") else { return nil }
        index = cursor + 1
        if tag == .br { return element }
        guard let children = content(of: tag, depth: depth + 1) else { return nil }
        switch tag {
        case .ul, .ol:
            // Only items and blank text: stray text or other elements in a list go to libxml2.
            for child in children {
                switch child {
                case .text(let text) where text.isEmpty || text == " ": continue
                case .element(let item) where item.tag == .li: continue
                default: return nil
                }
            }
        case .code:
            // Code is its text alone.
            guard children.count == 1, case .text = children[0] else { return nil }
        default:
            break
        }
        element.children = children
        return element
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

    // MARK: Building, as HTMLTreeBuilder builds from libxml2's tree

    private mutating func nodes(_ children: [Child], dropsBlankText: Bool) -> [RichText.Node] {
        var nodes: [RichText.Node] = []
        for child in children {
            switch child {
            case .text(let text):
                if text.isEmpty || (dropsBlankText && text == " ") { continue }
                nodes.append(contentsOf: InlineMarkdown.nodes(from: text))
            case .element(let element):
                if let node = node(element) { nodes.append(node) }
            }
        }
        return nodes
    }

    private mutating func node(_ element: Element) -> RichText.Node? {
        switch element.tag {
        case .p: return .paragraph(nodes(element.children, dropsBlankText: false))
        case .ul, .ol:
            var items: [[RichText.Node]] = []
            for case .element(let item) in element.children {
                itemLines.append(item.line)
                items.append(nodes(item.children, dropsBlankText: false))
            }
            return .list(ordered: element.tag == .ol, start: 1, items: items)
        case .li: return .group(nodes(element.children, dropsBlankText: false))
        case .code:
            guard case .text(let text) = element.children[0] else { return nil }
            return .code(text)
        case .em, .i: return .emphasis(nodes(element.children, dropsBlankText: false))
        case .strong, .b: return .strong(nodes(element.children, dropsBlankText: false))
        case .a: return .link(destination: element.href ?? "", nodes(element.children, dropsBlankText: false))
        case .br: return .lineBreak
        case .span, .u:
            let content = nodes(element.children, dropsBlankText: false)
            return content.isEmpty ? nil : .group(content)
        }
    }
}
