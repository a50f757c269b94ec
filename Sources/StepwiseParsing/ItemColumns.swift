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
    /// Per line, the byte offset after the last item found on it.
    private var searchFrom: [Int: Int] = [:]

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
        let start = max(line.lowerBound, searchFrom[location.line] ?? line.lowerBound)
        guard start < line.upperBound else { return location }
        for anchor in Self.anchors(text) {
            if let found = find(anchor, in: start..<line.upperBound) {
                searchFrom[location.line] = found + anchor.count
                return source.location(ofByte: found)
            }
        }
        return location
    }

    /// What to look for: the item's first words up to the first character a field may write
    /// differently (quotes, entities, markup, anything beyond ASCII), then its first word alone.
    static func anchors(_ text: String) -> [[UInt8]] {
        var words: [UInt8] = []
        for byte in text.utf8 {
            guard byte < 0x80, !differentlyWritten.contains(byte), words.count < 40 else { break }
            if byte == UInt8(ascii: " "), words.last == UInt8(ascii: " ") { break }
            words.append(byte)
        }
        while words.last == UInt8(ascii: " ") { words.removeLast() }
        guard !words.isEmpty else { return [] }
        let first = Array(words.prefix { $0 != UInt8(ascii: " ") })
        return first.count < words.count ? [words, first] : [words]
    }

    /// Characters an export may write as an entity, as markup or escaped: `"` `&` `<` `>` `` ` ``
    /// `'` `*` `_` `\` `[` `]` `~` and line ends.
    private static let differentlyWritten: Set<UInt8> = Set(#""&<>`'*_\[]~"#.utf8).union([0x0A, 0x0D, 0x09])

    private func find(_ needle: [UInt8], in range: Range<Int>) -> Int? {
        guard let first = needle.first, needle.count <= range.count else { return nil }
        let bytes = source.bytes
        var index = range.lowerBound
        let last = range.upperBound - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
