import CLibXML2
import Foundation
import StepwiseModel
import StepwiseTestSupport

/// A case as the test-management tool shows it, read straight from its Zephyr Scale JSON record
/// without any code of the readers: `JSONSerialization` for the record, libxml2's HTML parser for
/// each field, and of the HTML only its text nodes in document order, with block boundaries and
/// `<br>` as whitespace. It is the independent side of the corpus acceptance tests.
struct ShownCase {
    struct ShownStep {
        /// The called case's key, for a step that calls another case.
        var call: String?
        var action: String?
        var testData: String?
        var expected: String?
        /// The step's custom fields with a value: text fields as shown, multi-selects joined by commas.
        var info: [(name: String, text: String, isText: Bool)]
    }

    var key: String
    var title: String
    var status: String?
    var priority: String?
    var labels: [String]
    var folder: [String]
    var objective: String?
    var precondition: String?
    var steps: [ShownStep]

    init(json path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let record = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw Corpus.Missing(path: path) }
        key = record["key"] as? String ?? ""
        title = record["name"] as? String ?? ""
        status = (record["status"] as? [String: Any])?["name"] as? String
        priority = (record["priority"] as? [String: Any])?["name"] as? String
        labels = record["labels"] as? [String] ?? []
        folder = (record["folder"] as? [String: Any])?["fullNames"] as? [String] ?? []
        objective = Self.text(html: record["objective"])
        precondition = Self.text(html: record["precondition"])
        steps = (record["steps"] as? [[String: Any]] ?? []).map { step in
            if let called = step["testCase"] as? [String: Any] {
                return ShownStep(call: called["testCaseKey"] as? String, info: [])
            }
            let inline = step["inline"] as? [String: Any] ?? [:]
            var info: [(String, String, Bool)] = []
            for (name, value) in Self.orderedFields(inline["customFields"], in: data) {
                if let list = value as? [Any] {
                    let joined = list.compactMap { $0 as? String ?? (($0 as? [String: Any])?["name"] as? String) }.joined(separator: ",")
                    if !joined.isEmpty { info.append((name, joined, false)) }
                } else if let text = Self.text(html: value) {
                    info.append((name, text, true))
                }
            }
            return ShownStep(
                call: nil, action: Self.text(html: inline["description"]), testData: Self.text(html: inline["testData"]),
                expected: Self.text(html: inline["expectedResult"]), info: info)
        }
    }

    /// The custom fields in the record's order (JSONSerialization forgets it): the order in which
    /// their names first appear in the bytes after the step's `customFields` key.
    private static func orderedFields(_ value: Any?, in data: Data) -> [(String, Any)] {
        guard let fields = value as? [String: Any] else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        return fields.sorted { left, right in
            (text.range(of: "\"\(left.key)\"")?.lowerBound ?? text.endIndex) < (text.range(of: "\"\(right.key)\"")?.lowerBound ?? text.endIndex)
        }
    }

    /// Elements the tool lays out as blocks: their boundaries separate words.
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "h1", "h2", "h3", "h4",
        "h5", "h6", "blockquote", "pre", "hr", "article", "section", "header", "footer", "dl", "dt", "dd", "figure",
        "figcaption", "caption",
    ]

    /// What the tool shows of an HTML field: its text nodes in document order, blocks and `<br>`
    /// as line breaks; `nil` for no field, `null`, or nothing visible.
    static func text(html value: Any?) -> String? {
        guard let html = value as? String, !html.isEmpty else { return nil }
        let wrapped = Array("<div>\(html)</div>".utf8)
        let flags: [UInt32] = [
            HTML_PARSE_NONET.rawValue, HTML_PARSE_NOERROR.rawValue, HTML_PARSE_NOWARNING.rawValue, HTML_PARSE_RECOVER.rawValue,
            HTML_PARSE_NODEFDTD.rawValue, UInt32(XML_PARSE_HUGE.rawValue),
        ]
        let options = Int32(flags.reduce(0, |))
        let document = wrapped.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, "UTF-8", options) }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        var out = ""
        func walk(_ node: xmlNodePtr?) {
            var current = node
            while let node = current {
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = node.pointee.content { out += String(cString: content) }
                case XML_ELEMENT_NODE:
                    let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                    let isBlock = blocks.contains(name)
                    if isBlock { out += "\n" }
                    if name != "script", name != "style" { walk(node.pointee.children) }
                    if isBlock { out += "\n" }
                default: break
                }
                current = node.pointee.next
            }
        }
        walk(xmlDocGetRootElement(document))
        return Corpus.shown(out)
    }
}

extension Corpus {
    /// Characters no one sees: zero-width spaces and joiners, the byte-order mark, soft hyphens.
    static let invisible: Set<Character> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]

    /// Text as a reader sees it, for comparing two readings: whitespace of every kind collapsed to
    /// one space, invisible characters dropped, and backticks aside (the tool shows them, the
    /// readers read the spans they delimit as code). `nil` when nothing is left.
    static func shown(_ text: String?) -> String? {
        guard let text else { return nil }
        let kept = text.filter { $0 != "`" && !invisible.contains($0) }
        let collapsed = kept.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }
}
