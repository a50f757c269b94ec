import Foundation
import StepwiseModel

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
    /// first byte, so the columns of a long line (a Zephyr export writes a step's whole HTML on
    /// one) are counted once, not from the line's start for every item. A step's items lie on a
    /// few lines, so a list searched from its end finds the line sooner than hashing would.
    private var found: [(line: Int, state: SearchState)] = []

    private struct SearchState {
        /// Where the next item on the line is looked for, how far columns are counted, and the
        /// column there.
        var searchFrom: Int
        var counted: Int
        var column: Int
    }

    init(source: SourceText) { self.source = source }

    /// Items in document order, each one then its sub-items, located in place.
    mutating func locate<Item: ColumnLocatedItem>(_ items: inout [Item]) {
        for index in items.indices {
            items[index].location = locate(items[index].text, at: items[index].location)
            locate(&items[index].subItems)
        }
    }

    private mutating func locate(_ text: String, at location: SourceLocation) -> SourceLocation {
        guard location.file == source.path, location.column == 1 else { return location }
        let line = source.range(ofLine: location.line)
        let known = found.lastIndex { $0.line == location.line }
        var state = known.map { found[$0].state } ?? SearchState(searchFrom: line.lowerBound, counted: line.lowerBound, column: 1)
        let start = max(line.lowerBound, state.searchFrom)
        guard start < line.upperBound else { return location }
        func match(_ utf8: UnsafeBufferPointer<UInt8>) -> (offset: Int, length: Int)? {
            let (words, firstWord) = Self.anchors(utf8)
            for length in [words, firstWord] where length > 0 {
                if let offset = find(UnsafeBufferPointer(rebasing: utf8[..<length]), in: start..<line.upperBound) {
                    return (offset, length)
                }
            }
            return nil
        }
        // A native string's bytes are looked at in place; only other text is copied to be made contiguous.
        let hit: (offset: Int, length: Int)?
        if let inPlace = text.utf8.withContiguousStorageIfAvailable(match) {
            hit = inPlace
        } else {
            var copy = text
            hit = copy.withUTF8(match)
        }
        guard let match = hit else { return location }
        // The column counts Unicode scalars, as editors do: the bytes that start one.
        source.bytes.withUnsafeBufferPointer { bytes in
            for index in state.counted..<match.offset where bytes[index] & 0xC0 != 0x80 { state.column += 1 }
        }
        state.counted = match.offset
        state.searchFrom = match.offset + match.length
        if let known { found[known].state = state } else { found.append((location.line, state)) }
        return SourceLocation(file: location.file, line: location.line, column: state.column)
    }

    /// What to look for, as lengths of the item's text: its first words up to the first character
    /// a field may write differently (quotes, entities, markup, anything beyond ASCII), then its
    /// first word alone (0 when it is the same).
    static func anchors(_ text: UnsafeBufferPointer<UInt8>) -> (words: Int, firstWord: Int) {
        var length = 0
        while length < text.count && length < 40 {
            let byte = text[length]
            guard byte < 0x80, !isDifferentlyWritten(byte) else { break }
            if byte == UInt8(ascii: " "), length > 0, text[length - 1] == UInt8(ascii: " ") { break }
            length += 1
        }
        while length > 0 && text[length - 1] == UInt8(ascii: " ") { length -= 1 }
        let firstWord = text[..<length].firstIndex(of: UInt8(ascii: " ")) ?? length
        return (length, firstWord < length ? firstWord : 0)
    }

    /// Characters an export may write as an entity, as markup or escaped: `"` `&` `<` `>` `` ` ``
    /// `'` `*` `_` `\` `[` `]` `~` and line ends.
    private static func isDifferentlyWritten(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "`"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "\\"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "~"), 0x0A, 0x0D, 0x09:
            true
        default: false
        }
    }

    /// The first offset of `needle` in `range` of the file: memchr to each candidate first byte,
    /// memcmp for the rest.
    private func find(_ needle: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        guard let first = needle.first, let wanted = needle.baseAddress, needle.count <= range.count else { return nil }
        return source.bytes.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var offset = range.lowerBound
            let last = range.upperBound - needle.count
            while offset <= last, let hit = memchr(base + offset, Int32(first), last - offset + 1) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, wanted, needle.count) == 0 { return index }
                offset = index + 1
            }
            return nil
        }
    }
}

/// An instruction or an expectation, as ``ItemColumns`` sees it: its text, where it is written,
/// and its sub-items.
protocol ColumnLocatedItem {
    var text: String { get }
    var location: SourceLocation { get set }
    var subItems: [Self] { get set }
}

extension Instruction: ColumnLocatedItem {}
extension Expectation: ColumnLocatedItem {}
