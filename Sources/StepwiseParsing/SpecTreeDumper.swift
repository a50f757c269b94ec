import StepwiseModel

/// Renders what a reader made of a file as an indented tree: metadata, every step's rich text
/// node by node, its instructions and expectations with their lines, and the diagnostics.
///
/// It is what `stepwise parse --format tree` prints and what the golden tests compare.
public enum SpecTreeDumper {
    public static func dump(_ file: SpecFile) -> String { String(decoding: dumpBytes(file), as: UTF8.self) }

    /// The dump as UTF-8 bytes, built front to back: each line's parts are appended as they are,
    /// quoted text in runs between the characters it escapes.
    public static func dumpBytes(_ file: SpecFile) -> [UInt8] {
        var out = TreeOutput()
        out.line(0, "file \(file.path) format=\(file.format?.rawValue ?? "unknown")")
        if let testCase = file.testCase { dump(testCase, into: &out) }
        for diagnostic in file.diagnostics {
            let place = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"
            out.line(1, "\(diagnostic.severity.rawValue) \(place) [\(diagnostic.code ?? "")] \(diagnostic.message)")
        }
        return out.bytes
    }

    private static func dump(_ testCase: TestCase, into out: inout TreeOutput) {
        out.begin(1, "case ")
        out.quoted(testCase.key)
        out.append(" title=")
        out.quoted(testCase.title)
        out.append(" @")
        out.number(testCase.location.line)
        out.end()
        if let status = testCase.status { out.quotedLine(2, "status ", status) }
        if let priority = testCase.priority { out.quotedLine(2, "priority ", priority) }
        if !testCase.folder.isEmpty { out.line(2, "folder \(testCase.folder.map(quoted).joined(separator: " / "))") }
        if !testCase.labels.isEmpty { out.line(2, "labels \(testCase.labels.map(quoted).joined(separator: ", "))") }
        if let component = testCase.component { out.quotedLine(2, "component ", component) }
        if let created = testCase.createdOn { out.line(2, "created \(created)") }
        for field in testCase.fields { dump(field, label: "field ", depth: 2, into: &out) }
        if let objective = testCase.objective { out.line(2, "objective"); dump(objective.nodes, depth: 3, into: &out) }
        if let precondition = testCase.precondition {
            out.line(2, "precondition")
            dump(precondition.nodes, depth: 3, into: &out)
        }
        // Steps, items and nodes are read in place by index: a `for … in` copies each one out,
        // retaining and releasing every string and array it holds.
        for index in testCase.steps.indices {
            dump(testCase.steps[index], into: &out)
        }
    }

    private static func dump(_ step: Step, into out: inout TreeOutput) {
        out.begin(2, "step ")
        out.append(step.number)
        out.append(" @")
        out.number(step.location.line)
        if let call = step.call {
            out.append(" call=")
            out.append(call.key)
            if let name = call.name {
                out.append(" ")
                out.quoted(name)
            }
        }
        out.end()
        if let action = step.action { out.line(3, "action"); dump(action.nodes, depth: 4, into: &out) }
        if let testData = step.testData { out.line(3, "testData"); dump(testData.nodes, depth: 4, into: &out) }
        if let expected = step.expected { out.line(3, "expected"); dump(expected.nodes, depth: 4, into: &out) }
        for field in step.info { dump(field, label: "info ", depth: 3, into: &out) }
        for index in step.instructions.indices { dump(step.instructions[index], depth: 3, into: &out) }
        for index in step.expectations.indices { dump(step.expectations[index], depth: 3, into: &out) }
    }

    private static func dump(_ field: Field, label: StaticString, depth: Int, into out: inout TreeOutput) {
        out.begin(depth, label)
        out.quoted(field.name)
        out.append(" = ")
        out.quoted(field.value.plainText)
        out.end()
    }

    private static func dump(_ instruction: Instruction, depth: Int, into out: inout TreeOutput) {
        out.begin(depth, "instruction ")
        out.number(instruction.number)
        out.append(" @")
        out.number(instruction.location.line)
        out.append(" ")
        out.quoted(instruction.text)
        out.end()
        for note in instruction.notes { out.quotedLine(depth + 1, "note ", note) }
        for index in instruction.subItems.indices { dump(instruction.subItems[index], depth: depth + 1, into: &out) }
    }

    private static func dump(_ expectation: Expectation, depth: Int, into out: inout TreeOutput) {
        out.begin(depth, "expectation ")
        out.number(expectation.number)
        out.append(" @")
        out.number(expectation.location.line)
        if let instruction = expectation.instruction {
            out.append(" on=")
            out.number(instruction)
        }
        out.append(" ")
        out.quoted(expectation.text)
        out.end()
        for note in expectation.notes { out.quotedLine(depth + 1, "note ", note) }
        for index in expectation.subItems.indices { dump(expectation.subItems[index], depth: depth + 1, into: &out) }
    }

    private static func dump(_ nodes: [RichText.Node], depth: Int, into out: inout TreeOutput) {
        for index in nodes.indices { dump(nodes[index], depth: depth, into: &out) }
    }

    private static func dump(_ node: RichText.Node, depth: Int, into out: inout TreeOutput) {
        switch node {
        case .text(let text): out.quotedLine(depth, "text ", text)
        case .code(let text): out.quotedLine(depth, "code ", text)
        case .codeBlock(let text, let language):
            out.begin(depth, "codeBlock")
            if let language {
                out.append(" ")
                out.append(language)
            }
            out.append(" ")
            out.quoted(text)
            out.end()
        case .paragraph(let children): out.line(depth, "paragraph"); dump(children, depth: depth + 1, into: &out)
        case .heading(let level, let children):
            out.begin(depth, "heading ")
            out.number(level)
            out.end()
            dump(children, depth: depth + 1, into: &out)
        case .blockQuote(let children): out.line(depth, "blockQuote"); dump(children, depth: depth + 1, into: &out)
        case .emphasis(let children): out.line(depth, "emphasis"); dump(children, depth: depth + 1, into: &out)
        case .strong(let children): out.line(depth, "strong"); dump(children, depth: depth + 1, into: &out)
        case .strikethrough(let children): out.line(depth, "strikethrough"); dump(children, depth: depth + 1, into: &out)
        case .group(let children): out.line(depth, "group"); dump(children, depth: depth + 1, into: &out)
        case .link(let destination, let children):
            out.quotedLine(depth, "link ", destination)
            dump(children, depth: depth + 1, into: &out)
        case .image(let source, let alt):
            out.begin(depth, "image ")
            out.quoted(source)
            out.append(" alt=")
            out.quoted(alt)
            out.end()
        case .lineBreak: out.line(depth, "lineBreak")
        case .thematicBreak: out.line(depth, "thematicBreak")
        case .list(let ordered, let start, let items):
            if ordered {
                out.begin(depth, "list ordered start=")
                out.number(start)
                out.end()
            } else {
                out.line(depth, "list bullet")
            }
            for item in items {
                out.line(depth + 1, "item")
                dump(item, depth: depth + 2, into: &out)
            }
        case .table(let header, let rows):
            out.line(depth, "table header=\(header)")
            for row in rows {
                out.line(depth + 1, "row")
                for cell in row {
                    out.line(depth + 2, "cell")
                    dump(cell, depth: depth + 3, into: &out)
                }
            }
        }
    }

    /// A Swift-style string literal, so invisible characters show: `"`, `\\`, `\n`, `\t` and `\r`
    /// escaped, and every other control character, U+007F–U+00A0, U+2000–U+200F, U+2028–U+202F
    /// and U+FEFF as `\u{…}`. Text is copied in runs between the characters to escape.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 2)
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            var start = 0
            var index = 0
            func escape(_ escaped: String, length: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                out.append(contentsOf: escaped.utf8)
                index += length
                start = index
            }
            while index < utf8.count {
                let byte = utf8[index]
                // Printable ASCII other than `"` and `\` is copied as it is: nearly every byte.
                if byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                let rest = utf8.count - index
                switch byte {
                case UInt8(ascii: "\""): escape("\\\"", length: 1)
                case UInt8(ascii: "\\"): escape("\\\\", length: 1)
                case UInt8(ascii: "\n"): escape("\\n", length: 1)
                case UInt8(ascii: "\t"): escape("\\t", length: 1)
                case UInt8(ascii: "\r"): escape("\\r", length: 1)
                case 0..<0x20, 0x7F: escape(unicodeEscape(UInt32(byte)), length: 1)
                case 0xC2 where rest >= 2 && utf8[index + 1] <= 0xA0:
                    // U+0080–U+00A0
                    escape(unicodeEscape(UInt32(utf8[index + 1])), length: 2)
                case 0xE2 where rest >= 3 && utf8[index + 1] == 0x80 && (utf8[index + 2] <= 0x8F || (0xA8...0xAF).contains(utf8[index + 2])):
                    // U+2000–U+200F, U+2028–U+202F
                    escape(unicodeEscape(0x2000 + UInt32(utf8[index + 2] & 0x3F)), length: 3)
                case 0xEF where rest >= 3 && utf8[index + 1] == 0xBB && utf8[index + 2] == 0xBF:
                    escape(unicodeEscape(0xFEFF), length: 3)
                default:
                    index += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
            out.append(UInt8(ascii: "\""))
        }
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        "\\u{\(String(value, radix: 16, uppercase: true))}"
    }
}

/// The dump's bytes, a line at a time: `begin` indents and starts it, `end` ends it.
private struct TreeOutput {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(16 << 10) }

    mutating func begin(_ depth: Int, _ start: StaticString) {
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
        append(start)
    }

    mutating func append(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func quoted(_ text: String) { SpecTreeDumper.appendQuoted(text, to: &bytes) }

    /// The decimal digits of `value`, written without making a string.
    mutating func number(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    mutating func end() { bytes.append(0x0A) }

    mutating func line(_ depth: Int, _ content: StaticString) {
        begin(depth, content)
        end()
    }

    mutating func line(_ depth: Int, _ content: String) {
        begin(depth, "")
        append(content)
        end()
    }

    mutating func quotedLine(_ depth: Int, _ label: StaticString, _ text: String) {
        begin(depth, label)
        quoted(text)
        end()
    }
}
