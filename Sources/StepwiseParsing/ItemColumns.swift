import StepwiseModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gives each item the column where its own text starts on its line, so the items of a step
/// written on one line (`<ol><li>…</li><li>…</li></ol>` in an HTML field, `1. …<br>2. …`) each
/// point at their own text instead of all at column 1.
///
/// The readers know each item's line; the text an item shows is the field's text with markup
/// removed, entities decoded and spaces collapsed, so its column is found by looking for the
/// item's first words, as written, on that line, after the items found there before it. An item
/// whose words cannot be found as written (an entity or markup inside its first word) keeps
/// column 1.
struct ItemColumns {
    let source: SourceText
    /// Per line, the byte offset after the last item found on it, and the column of that item's
    /// first byte, so the columns of a long line are counted once, not once per item.
    private var found: [Int: (searchFrom: Int, counted: Int, column: Int)] = [:]

    init(source: SourceText) { self.source = source }

    mutating func locate(_ instructions: [Instruction]) -> [Instruction] { locate(instructions, \.text, \.location, \.subItems) }

    mutating func locate(_ expectations: [Expectation]) -> [Expectation] { locate(expectations, \.text, \.location, \.subItems) }

    /// Items in document order: each one, then its sub-items.
    private mutating func locate<Item>(
        _ items: [Item], _ text: KeyPath<Item, String>, _ location: WritableKeyPath<Item, SourceLocation>,
        _ subItems: WritableKeyPath<Item, [Item]>
    ) -> [Item] {
        items.map { item in
            var located = item
            located[keyPath: location] = locate(item[keyPath: text], at: item[keyPath: location])
            located[keyPath: subItems] = locate(item[keyPath: subItems], text, location, subItems)
            return located
        }
    }

    private mutating func locate(_ text: String, at location: SourceLocation) -> SourceLocation {
        guard location.file == source.path, location.column == 1 else { return location }
        let line = source.range(ofLine: location.line)
        var state = found[location.line] ?? (line.lowerBound, line.lowerBound, 1)
        let start = max(line.lowerBound, state.searchFrom)
        guard start < line.upperBound else { return location }
        var copy = text
        let match: (offset: Int, length: Int)? = copy.withUTF8 { utf8 in
            let (words, first) = Self.anchorLengths(utf8)
            guard words > 0, let base = utf8.baseAddress else { return nil }
            if let offset = find(base, words, in: start..<line.upperBound) { return (offset, words) }
            if first < words, let offset = find(base, first, in: start..<line.upperBound) { return (offset, first) }
            return nil
        }
        guard let match else { return location }
        // The column counts Unicode scalars, as editors do: the bytes that start one.
        source.bytes.withUnsafeBufferPointer { bytes in
            for index in state.counted..<match.offset where bytes[index] & 0xC0 != 0x80 { state.column += 1 }
        }
        state.counted = match.offset
        state.searchFrom = match.offset + match.length
        found[location.line] = state
        return SourceLocation(file: location.file, line: location.line, column: state.column)
    }

    /// What to look for: the item's first words up to the first character a field may write
    /// differently (quotes, entities, markup, anything beyond ASCII), then its first word alone.
    static func anchors(_ text: String) -> [[UInt8]] {
        var copy = text
        return copy.withUTF8 { utf8 in
            let (words, first) = anchorLengths(utf8)
            guard words > 0 else { return [] }
            return first < words ? [Array(utf8.prefix(words)), Array(utf8.prefix(first))] : [Array(utf8.prefix(words))]
        }
    }

    /// The lengths of the two anchors of ``anchors(_:)`` in `utf8`: the first words, and the first
    /// word alone (equal when there is one word); 0 when there is nothing to look for.
    private static func anchorLengths(_ utf8: UnsafeBufferPointer<UInt8>) -> (words: Int, first: Int) {
        var count = 0
        while count < utf8.count, count < 40 {
            let byte = utf8[count]
            guard byte < 0x80, !isDifferentlyWritten(byte) else { break }
            if byte == UInt8(ascii: " "), count > 0, utf8[count - 1] == UInt8(ascii: " ") { break }
            count += 1
        }
        while count > 0, utf8[count - 1] == UInt8(ascii: " ") { count -= 1 }
        var first = 0
        while first < count, utf8[first] != UInt8(ascii: " ") { first += 1 }
        return (count, first)
    }

    /// Characters an export may write as an entity, as markup or escaped: `"` `&` `<` `>` `` ` ``
    /// `'` `*` `_` `\` `[` `]` `~` and line ends.
    private static func isDifferentlyWritten(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"), UInt8(ascii: "'"),
            UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "~"), 0x0A,
            0x0D, 0x09:
            true
        default: false
        }
    }

    /// The first offset in `range` of the source where the `count` bytes at `needle` are written.
    private func find(_ needle: UnsafePointer<UInt8>, _ count: Int, in range: Range<Int>) -> Int? {
        guard count > 0, count <= range.count else { return nil }
        return source.bytes.withUnsafeBufferPointer { bytes in
            let first = needle[0]
            var index = range.lowerBound
            let last = range.upperBound - count
            while index <= last {
                if bytes[index] == first, memcmp(bytes.baseAddress! + index, needle, count) == 0 { return index }
                index += 1
            }
            return nil
        }
    }
}
