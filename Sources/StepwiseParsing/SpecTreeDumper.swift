import StepwiseModel

/// Renders what a reader made of a file as an indented tree: metadata, every step's rich text
/// node by node, its instructions and expectations with their lines, and the diagnostics.
///
/// It is what `stepwise parse --format tree` prints and what the golden tests compare.
public enum SpecTreeDumper {
    public static func dump(_ file: SpecFile) -> String {
        var out = TreeOutput()
        out.line(0, "file \(file.path) format=\(file.format?.rawValue ?? "unknown")")
        if let testCase = file.testCase { dump(testCase, into: &out) }
        for diagnostic in file.diagnostics {
            let place = diagnostic.location.map { "\($0.line):\($0.column)" } ?? "-"
            out.line(1, "\(diagnostic.severity.rawValue) \(place) [\(diagnostic.code ?? "")] \(diagnostic.message)")
        }
        return out.text
    }

    private static func dump(_ testCase: TestCase, into out: inout TreeOutput) {
        out.line(1, "case \(quoted(testCase.key)) title=\(quoted(testCase.title)) @\(testCase.location.line)")
        if let status = testCase.status { out.line(2, "status \(quoted(status))") }
        if let priority = testCase.priority { out.line(2, "priority \(quoted(priority))") }
        if !testCase.folder.isEmpty { out.line(2, "folder \(testCase.folder.map(quoted).joined(separator: " / "))") }
        if !testCase.labels.isEmpty { out.line(2, "labels \(testCase.labels.map(quoted).joined(separator: ", "))") }
        if let component = testCase.component { out.line(2, "component \(quoted(component))") }
        if let created = testCase.createdOn { out.line(2, "created \(created)") }
        for field in testCase.fields { out.line(2, "field \(quoted(field.name)) = \(quoted(field.value.plainText))") }
        if let objective = testCase.objective { out.line(2, "objective"); dump(objective.nodes, depth: 3, into: &out) }
        if let precondition = testCase.precondition {
            out.line(2, "precondition")
            dump(precondition.nodes, depth: 3, into: &out)
        }
        for step in testCase.steps {
            var header = "step \(step.number) @\(step.location.line)"
            if let call = step.call { header += " call=\(call.key)" + (call.name.map { " \(quoted($0))" } ?? "") }
            out.line(2, header)
            for (name, text) in [("action", step.action), ("testData", step.testData), ("expected", step.expected)] {
                guard let text else { continue }
                out.line(3, name)
                dump(text.nodes, depth: 4, into: &out)
            }
            for field in step.info { out.line(3, "info \(quoted(field.name)) = \(quoted(field.value.plainText))") }
            for instruction in step.instructions { dump(instruction, depth: 3, into: &out) }
            for expectation in step.expectations { dump(expectation, depth: 3, into: &out) }
        }
    }

    private static func dump(_ instruction: Instruction, depth: Int, into out: inout TreeOutput) {
        out.line(depth, "instruction \(instruction.number) @\(instruction.location.line) \(quoted(instruction.text))")
        for note in instruction.notes { out.line(depth + 1, "note \(quoted(note))") }
        for sub in instruction.subItems { dump(sub, depth: depth + 1, into: &out) }
    }

    private static func dump(_ expectation: Expectation, depth: Int, into out: inout TreeOutput) {
        var header = "expectation \(expectation.number) @\(expectation.location.line)"
        if let instruction = expectation.instruction { header += " on=\(instruction)" }
        out.line(depth, header + " \(quoted(expectation.text))")
        for note in expectation.notes { out.line(depth + 1, "note \(quoted(note))") }
        for sub in expectation.subItems { dump(sub, depth: depth + 1, into: &out) }
    }

    private static func dump(_ nodes: [RichText.Node], depth: Int, into out: inout TreeOutput) {
        for node in nodes { dump(node, depth: depth, into: &out) }
    }

    private static func dump(_ node: RichText.Node, depth: Int, into out: inout TreeOutput) {
        switch node {
        case .text(let text): out.line(depth, "text \(quoted(text))")
        case .code(let text): out.line(depth, "code \(quoted(text))")
        case .codeBlock(let text, let language): out.line(depth, "codeBlock\(language.map { " \($0)" } ?? "") \(quoted(text))")
        case .paragraph(let children): out.line(depth, "paragraph"); dump(children, depth: depth + 1, into: &out)
        case .heading(let level, let children): out.line(depth, "heading \(level)"); dump(children, depth: depth + 1, into: &out)
        case .blockQuote(let children): out.line(depth, "blockQuote"); dump(children, depth: depth + 1, into: &out)
        case .emphasis(let children): out.line(depth, "emphasis"); dump(children, depth: depth + 1, into: &out)
        case .strong(let children): out.line(depth, "strong"); dump(children, depth: depth + 1, into: &out)
        case .strikethrough(let children): out.line(depth, "strikethrough"); dump(children, depth: depth + 1, into: &out)
        case .group(let children): out.line(depth, "group"); dump(children, depth: depth + 1, into: &out)
        case .link(let destination, let children):
            out.line(depth, "link \(quoted(destination))")
            dump(children, depth: depth + 1, into: &out)
        case .image(let source, let alt): out.line(depth, "image \(quoted(source)) alt=\(quoted(alt))")
        case .lineBreak: out.line(depth, "lineBreak")
        case .thematicBreak: out.line(depth, "thematicBreak")
        case .list(let ordered, let start, let items):
            out.line(depth, ordered ? "list ordered start=\(start)" : "list bullet")
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
        var text = text
        return text.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + 2)
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
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        "\\u{\(String(value, radix: 16, uppercase: true))}"
    }
}

private struct TreeOutput {
    var text = ""

    init() { text.reserveCapacity(16 << 10) }

    mutating func line(_ depth: Int, _ content: String) {
        for _ in 0..<depth { text += "  " }
        text += content
        text += "\n"
    }
}
