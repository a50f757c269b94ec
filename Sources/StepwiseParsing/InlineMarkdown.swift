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
        // On the UTF-8 bytes: a backtick is one byte, never part of another scalar, so runs and
        // the text between them are found exactly as among scalars, without decoding any.
        var copy = text
        return copy.withUTF8 { bytes in
            var nodes: [RichText.Node] = []
            var plainStart = 0
            var index = 0
            func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            while index < bytes.count {
                guard bytes[index] == Self.backtick else {
                    index += 1
                    continue
                }
                var run = 0
                while index + run < bytes.count, bytes[index + run] == Self.backtick { run += 1 }
                guard let close = closingRun(of: run, in: bytes, from: index + run) else {
                    index += run  // an unclosed run stays text
                    continue
                }
                var code = string((index + run)..<close)
                // CommonMark strips one space on each side when both are there.
                if code.count >= 2, code.hasPrefix(" "), code.hasSuffix(" "), code.contains(where: { $0 != " " }) {
                    code = String(code.dropFirst().dropLast())
                }
                if plainStart < index { nodes.append(.text(string(plainStart..<index))) }
                nodes.append(.code(code))
                index = close + run
                plainStart = index
            }
            if plainStart < bytes.count { nodes.append(.text(string(plainStart..<bytes.count))) }
            return nodes
        }
    }

    private static let backtick = UInt8(ascii: "`")

    /// A backtick, found with memchr: most text holds none.
    private static func mayHoldMarkdown(_ text: String) -> Bool {
        if let answer = text.utf8.withContiguousStorageIfAvailable(mayHoldMarkdown) { return answer }
        return Array(text.utf8).withUnsafeBufferPointer(mayHoldMarkdown)
    }

    private static func mayHoldMarkdown(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(UInt8(ascii: "`")), bytes.count) != nil
    }

    /// The start of the next run of exactly `length` backticks from `start`.
    private static func closingRun(of length: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            guard bytes[index] == backtick else {
                index += 1
                continue
            }
            var run = 0
            while index + run < bytes.count, bytes[index + run] == backtick { run += 1 }
            if run == length { return index }
            index += run
        }
        return nil
    }
}
