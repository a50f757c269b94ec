import CLibXML2
import StepwiseModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One libxml2 parser context, reused for every HTML fragment of a file: creating a context per
/// fragment costs more than parsing a typical fragment. It is created on first use: most files
/// hold only plain HTML, which ``SimpleHTML`` reads without libxml2.
///
/// Not thread-safe (libxml2 contexts are not): each thread has its own, ``forThisThread()``,
/// reused for every file read on that thread (a context costs more to create than most files
/// cost to parse, and `htmlCtxtReadMemory` resets it for every fragment).
final class HTMLParser {
    private var context: htmlParserCtxtPtr?
    private var contextCreated = false

    /// libxml2 must be initialised once before threads use it: its lazy initialisation of the
    /// dictionary lock races, and two readers on two threads then deadlock. A global `let` runs
    /// exactly once, thread-safely.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initialises libxml2 now, before several threads read at once.
    static func prepareForThreads() { _ = initialized }

    init() {
        _ = Self.initialized
    }

    /// The key of each thread's parser; the thread's exit releases it.
    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            if let raw { Unmanaged<HTMLParser>.fromOpaque(raw).release() }
        }
        return key
    }()

    /// The parser of the calling thread, created on its first use there.
    static func forThisThread() -> HTMLParser {
        if let raw = pthread_getspecific(threadKey) { return Unmanaged<HTMLParser>.fromOpaque(raw).takeUnretainedValue() }
        let parser = HTMLParser()
        pthread_setspecific(threadKey, Unmanaged.passRetained(parser).toOpaque())
        return parser
    }

    /// The context, created the first time a fragment needs libxml2.
    private func libxml2Context() -> htmlParserCtxtPtr? {
        if !contextCreated {
            contextCreated = true
            context = htmlNewParserCtxt()
        }
        return context
    }

    deinit {
        if let context { htmlFreeParserCtxt(context) }
    }

    func convert(_ string: String) -> ConvertedText { convert(Array(string.utf8)[...]) }

    func convert(_ fragment: ArraySlice<UInt8>) -> ConvertedText {
        // Without a tag or an entity there is nothing for an HTML parser to do; a quarter of the
        // fields in real exports are such plain text.
        if !fragment.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) {
            let text = fragment.withContiguousStorageIfAvailable { HTMLTreeBuilder.collapsingWhitespace($0) }
                ?? HTMLTreeBuilder.collapsingWhitespace(String(decoding: fragment, as: UTF8.self))
            return ConvertedText(nodes: text.isEmpty ? [] : InlineMarkdown.nodes(from: text))
        }
        if let simple = fragment.withContiguousStorageIfAvailable(SimpleHTML.convert) ?? nil { return simple }
        return convertWithLibXML2(fragment)
    }

    /// The fragment read by libxml2, whatever it holds.
    func convertWithLibXML2(_ fragment: ArraySlice<UInt8>) -> ConvertedText {
        guard let context = libxml2Context() else { return ConvertedText() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(fragment.count + 16)
        buffer.append(contentsOf: "<div>".utf8)
        buffer.append(contentsOf: fragment)
        buffer.append(contentsOf: "</div>".utf8)
        let document: htmlDocPtr? = buffer.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", HTMLConverter.options)
            }
        }
        guard let document else { return ConvertedText() }
        defer { xmlFreeDoc(document) }
        var result = ConvertedText()
        guard let wrapper = HTMLConverter.findWrapper(xmlDocGetRootElement(document)) else { return result }
        var builder = HTMLTreeBuilder()
        result.nodes = builder.children(of: wrapper, depth: 0)
        result.itemLines = builder.itemLines
        result.truncatedDepth = builder.truncated
        return result
    }
}

struct HTMLTreeBuilder {
    var itemLines: [Int] = []
    var truncated = false

    mutating func children(of parent: xmlNodePtr, depth: Int) -> [RichText.Node] {
        var nodes: [RichText.Node] = []
        let dropsBlankText = Self.isContainer(HTMLTag(name: parent.pointee.name))
        var child = parent.pointee.children
        while let node = child {
            child = node.pointee.next
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                guard let content = node.pointee.content else { continue }
                let text = Self.collapsingWhitespace(content)
                if text.isEmpty || (dropsBlankText && text == " ") { continue }
                InlineMarkdown.append(text, to: &nodes)
            case XML_ELEMENT_NODE:
                if depth >= HTMLConverter.maximumDepth {
                    truncated = true
                    // Every word kept, blocks and breaks still apart: one line each.
                    for (index, line) in Self.textLines(of: node, blocksBreak: true).enumerated() {
                        let text = Self.collapsingWhitespace(line)
                        if index > 0, !(nodes.last.map { $0 == .lineBreak } ?? true) { nodes.append(.lineBreak) }
                        if !text.isEmpty, text != " " { nodes.append(.text(text)) }
                    }
                    continue
                }
                if let converted = element(node, depth: depth + 1) { nodes.append(converted) }
            default:
                continue  // comments, processing instructions, entity declarations
            }
        }
        return nodes
    }

    mutating func element(_ node: xmlNodePtr, depth: Int) -> RichText.Node? {
        let tag = HTMLTag(name: node.pointee.name)
        switch tag {
        case .p: return .paragraph(children(of: node, depth: depth))
        case .heading(let level):
            return .heading(level: level, children(of: node, depth: depth))
        case .ul, .ol:
            var items: [[RichText.Node]] = []
            var child = node.pointee.children
            while let item = child {
                child = item.pointee.next
                guard item.pointee.type == XML_ELEMENT_NODE else {
                    // Stray text directly in a list reads as an item of its own.
                    if item.pointee.type == XML_TEXT_NODE, let content = item.pointee.content {
                        let text = Self.collapsingWhitespace(content)
                        if !text.isEmpty, text != " " {
                            itemLines.append(Int(xmlGetLineNo(item)))
                            items.append([.text(text)])
                        }
                    }
                    continue
                }
                if HTMLTag(name: item.pointee.name) == .li {
                    itemLines.append(Int(xmlGetLineNo(item)))
                    items.append(children(of: item, depth: depth + 1))
                } else if let converted = element(item, depth: depth + 1) {
                    itemLines.append(Int(xmlGetLineNo(item)))
                    items.append([converted])
                }
            }
            let start = HTMLConverter.attribute("start", of: node).flatMap { Int($0) } ?? 1
            return .list(ordered: tag == .ol, start: start, items: items)
        case .li:
            // An item outside any list: keep its content.
            return .group(children(of: node, depth: depth))
        case .table:
            var rows: [[[RichText.Node]]] = []
            var header = 0
            collectRows(node, depth: depth, rows: &rows, header: &header, inHead: false)
            return .table(header: header, rows: rows)
        case .blockquote: return .blockQuote(children(of: node, depth: depth))
        case .pre:
            return .codeBlock(Self.textLines(of: node).joined(separator: "\n"), language: nil)
        case .code:
            // A `<br>` inside (`<code><strong>a<br>b</strong></code>`) still breaks the line.
            let lines = Self.textLines(of: node).map { Self.collapsingWhitespace($0) }
            guard lines.count > 1 else { return .code(lines.first ?? "") }
            var parts: [RichText.Node] = []
            for (index, line) in lines.enumerated() {
                if index > 0 { parts.append(.lineBreak) }
                let trimmed = line.trimmingASCIIWhitespace()
                if !trimmed.isEmpty { parts.append(.code(String(trimmed))) }
            }
            return .group(parts)
        case .emphasis: return .emphasis(children(of: node, depth: depth))
        case .strong: return .strong(children(of: node, depth: depth))
        case .strikethrough: return .strikethrough(children(of: node, depth: depth))
        case .a:
            return .link(destination: HTMLConverter.attribute("href", of: node) ?? "", children(of: node, depth: depth))
        case .img:
            return .image(
                source: HTMLConverter.attribute("src", of: node) ?? "", alt: HTMLConverter.attribute("alt", of: node) ?? "")
        case .br: return .lineBreak
        case .hr: return .thematicBreak
        case .hidden, .colgroup: return nil
        case .block, .tr, .td, .th:
            // Block-level containers without a model node of their own: a group that breaks lines.
            let content = children(of: node, depth: depth)
            return content.isEmpty ? nil : .paragraph(content)
        case .thead, .tbody, .tfoot, .other:
            let content = children(of: node, depth: depth)
            return content.isEmpty ? nil : .group(content)
        }
    }

    /// The text of `root` and every descendant, in document order, split at each `<br>`: walked
    /// without recursion, so any depth is safe.
    static func textLines(of root: xmlNodePtr, blocksBreak: Bool = false) -> [String] {
        var lines = [""]
        var next = root.pointee.children
        while let node = next {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { lines[lines.count - 1] += String(cString: content) }
            case XML_ELEMENT_NODE:
                let tag = HTMLTag(name: node.pointee.name)
                if tag == .br || (blocksBreak && Self.breaksLines(tag)) { lines.append("") }
                if let first = node.pointee.children {
                    next = first
                    continue
                }
            default: break
            }
            // The next sibling, else that of the nearest ancestor below `root` that has one.
            var up: xmlNodePtr? = node
            while let current = up, current != root, current.pointee.next == nil { up = current.pointee.parent }
            guard let current = up, current != root else { break }
            next = current.pointee.next
        }
        return lines
    }

    /// Elements whose start is a new line of text when a tree is flattened.
    static func breaksLines(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .p, .heading, .ul, .ol, .li, .table, .tr, .td, .th, .blockquote, .pre, .block, .hr: true
        default: false
        }
    }

    mutating func collectRows(
        _ node: xmlNodePtr, depth: Int, rows: inout [[[RichText.Node]]], header: inout Int, inHead: Bool
    ) {
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            switch HTMLTag(name: current.pointee.name) {
            case .thead:
                collectRows(current, depth: depth, rows: &rows, header: &header, inHead: true)
            case .tbody, .tfoot:
                collectRows(current, depth: depth, rows: &rows, header: &header, inHead: false)
            case .tr:
                var cells: [[RichText.Node]] = []
                var allHeaders = true
                var cell = current.pointee.children
                while let td = cell {
                    cell = td.pointee.next
                    guard td.pointee.type == XML_ELEMENT_NODE else { continue }
                    let cellTag = HTMLTag(name: td.pointee.name)
                    guard cellTag == .td || cellTag == .th else { continue }
                    if cellTag != .th { allHeaders = false }
                    cells.append(children(of: td, depth: depth + 1))
                }
                if (inHead || (allHeaders && !cells.isEmpty)) && rows.count == header { header += 1 }
                rows.append(cells)
            default:
                continue
            }
        }
    }

    static func isContainer(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .ul, .ol, .table, .thead, .tbody, .tfoot, .tr, .colgroup: true
        default: false
        }
    }

    /// HTML whitespace (space, tab, CR, LF, FF) collapsed to one space, as a browser renders it.
    /// Other spaces (NBSP, U+2028) are content and are kept.
    static func collapsingWhitespace(_ content: UnsafePointer<xmlChar>) -> String {
        var length = 0
        while content[length] != 0 { length += 1 }
        return collapsingWhitespace(UnsafeBufferPointer(start: content, count: length))
    }

    static func collapsingWhitespace(_ string: String) -> String {
        var copy = string
        return copy.withUTF8 { collapsingWhitespace($0) }
    }

    static func collapsingWhitespace(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var needsWork = false
        var previousSpace = false
        for byte in bytes {
            let space = byte.isASCIIWhitespace
            if space && (byte != 0x20 || previousSpace) { needsWork = true; break }
            previousSpace = space
        }
        if !needsWork { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        previousSpace = false
        for byte in bytes {
            if byte.isASCIIWhitespace {
                if !previousSpace { out.append(0x20) }
                previousSpace = true
            } else {
                out.append(byte)
                previousSpace = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
