import Foundation
import StepwiseModel

/// Markdown that people typed into a rich-text editor, so it sits as literal text in the HTML:
/// `` `code` `` spans and `[text](url)` links. Reading them as the author meant makes the HTML
/// export and the Markdown export of one case say the same thing.
enum InlineMarkdown {
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
            if scalar == "[", let link = link(in: scalars, at: index) {
                flush()
                nodes.append(.link(destination: link.destination, [.text(link.text)]))
                index = link.end
                continue
            }
            plain.append(scalar)
            index += 1
        }
        flush()
        return nodes
    }

    /// A backtick, or `](`: checked on bytes, since most text holds neither.
    private static func mayHoldMarkdown(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(mayHoldMarkdown) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer(mayHoldMarkdown)
    }

    private static func mayHoldMarkdown(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        if memchr(base, Int32(UInt8(ascii: "`")), bytes.count) != nil { return true }
        // Each `]`, found with memchr, followed by `(`.
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "]")), bytes.count - offset) {
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "(") { return true }
            offset = index + 1
        }
        return false
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

    /// `[text](destination)` with no brackets in the text and no spaces in the destination.
    private static func link(in scalars: [Unicode.Scalar], at start: Int) -> (text: String, destination: String, end: Int)? {
        var index = start + 1
        while index < scalars.count, scalars[index] != "]" {
            if scalars[index] == "[" { return nil }
            index += 1
        }
        let textEnd = index
        guard textEnd > start + 1, textEnd + 1 < scalars.count, scalars[textEnd + 1] == "(" else { return nil }
        index = textEnd + 2
        while index < scalars.count, scalars[index] != ")" {
            if scalars[index] == " " || scalars[index] == "(" { return nil }
            index += 1
        }
        guard index < scalars.count, index > textEnd + 2 else { return nil }
        return (
            String(String.UnicodeScalarView(scalars[(start + 1)..<textEnd])),
            String(String.UnicodeScalarView(scalars[(textEnd + 2)..<index])), index + 1
        )
    }
}
