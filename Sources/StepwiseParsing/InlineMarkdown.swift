import Foundation
import StepwiseModel

/// Markdown that people typed into a rich-text editor, so it sits as literal text in the HTML.
///
/// Only `` `code` `` spans are read as Markdown: Mattermost's own HTML-to-Markdown converter keeps
/// them as code. Everything else stays the literal text the tester sees and types: links
/// (`[t](u)`), images (`![a](u)`), emphasis (`**`, `*`, `_`) and strikethrough (`~~`) are often
/// the very test data of a case about posting Markdown, and the converter escapes them.
enum InlineMarkdown {
    /// Appends the nodes of `text` to `nodes`: most text holds no backtick and is one text node,
    /// appended without an array of its own.
    static func append(_ text: String, to nodes: inout [RichText.Node]) {
        guard Self.mayHoldMarkdown(text) else {
            nodes.append(.text(text))
            return
        }
        nodes.append(contentsOf: self.nodes(from: text))
    }

    static func nodes(from text: String) -> [RichText.Node] {
        guard Self.mayHoldMarkdown(text) else { return [.text(text)] }
        let scalars = Array(text.unicodeScalars)
        var nodes: [RichText.Node] = []
        var plain = String.UnicodeScalarView()
        var index = 0
        func flush() {
            if !plain.isEmpty { nodes.append(.text(String(plain))) }
            plain = String.UnicodeScalarView()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "`" {
                var run = 0
                while index + run < scalars.count, scalars[index + run] == "`" { run += 1 }
                if let close = closingRun(of: run, in: scalars, from: index + run) {
                    var code = String(String.UnicodeScalarView(scalars[(index + run)..<close]))
                    // CommonMark strips one space on each side when both are there.
                    if code.count >= 2, code.hasPrefix(" "), code.hasSuffix(" "), code.contains(where: { $0 != " " }) {
                        code = String(code.dropFirst().dropLast())
                    }
                    flush()
                    nodes.append(.code(code))
                    index = close + run
                    continue
                }
                plain.append(contentsOf: scalars[index..<(index + run)])
                index += run
                continue
            }
            plain.append(scalar)
            index += 1
        }
        flush()
        return nodes
    }

    /// A backtick, found with memchr: most text holds none.
    private static func mayHoldMarkdown(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(mayHoldMarkdown) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer(mayHoldMarkdown)
    }

    private static func mayHoldMarkdown(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(UInt8(ascii: "`")), bytes.count) != nil
    }

    private static func closingRun(of length: Int, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            guard scalars[index] == "`" else {
                index += 1
                continue
            }
            var run = 0
            while index + run < scalars.count, scalars[index + run] == "`" { run += 1 }
            if run == length { return index }
            index += run
        }
        return nil
    }
}
