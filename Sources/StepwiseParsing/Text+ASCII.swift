// Small byte- and text-level helpers the readers share, kept off Foundation on purpose: they
// run for every line of every file.

extension UInt8 {
    var isASCIIWhitespace: Bool {
        self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0C
    }
}

extension StringProtocol {
    /// The text without leading and trailing ASCII whitespace, found on UTF-8 bytes.
    func trimmingASCIIWhitespace() -> Substring {
        let whole = Substring(self)
        let bytes = whole.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start].isASCIIWhitespace { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)].isASCIIWhitespace { end = bytes.index(before: end) }
        return whole[start..<end]
    }
}

extension Unicode.Scalar {
    var isASCIIWhitespaceScalar: Bool { value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0x0C }
}

extension String {
    /// Plain substring replacement, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, containsBytes(of: target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}

extension String {
    /// Whether the UTF-8 of `target` occurs in this string's UTF-8: a byte search, far cheaper
    /// than a `Character` search, for the common answer "no". Only a guard for targets whose
    /// characters have no other canonically equivalent spelling (as the ASCII ones used here):
    /// a "yes" is confirmed by the `Character`-level search that follows it.
    func containsBytes(of target: String) -> Bool {
        var haystack = self
        var needle = target
        return haystack.withUTF8 { text in
            needle.withUTF8 { word in
                guard let first = word.first, word.count <= text.count else { return word.isEmpty }
                var index = 0
                while index + word.count <= text.count {
                    if text[index] == first {
                        var offset = 1
                        while offset < word.count, text[index + offset] == word[offset] { offset += 1 }
                        if offset == word.count { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}

extension String {
    /// `firstRange(of: target)` for an ASCII target, found on bytes. A byte match is the
    /// `Character` match when ASCII bytes (or the ends) surround it, since only non-ASCII
    /// characters join a neighbour into one `Character`; any other match is left to `firstRange`.
    func firstRange(ofASCII target: StaticString) -> Range<Index>? {
        let bytes = utf8
        let count = target.utf8CodeUnitCount
        var start = bytes.startIndex
        while start != bytes.endIndex {
            var matched = 0
            var cursor = start
            while matched < count, cursor != bytes.endIndex, bytes[cursor] == target.utf8Start[matched] {
                matched += 1
                cursor = bytes.index(after: cursor)
            }
            if matched == count {
                let before = start == bytes.startIndex ? nil : bytes[bytes.index(before: start)]
                let after = cursor == bytes.endIndex ? nil : bytes[cursor]
                guard (before ?? 0) < 0x80, (after ?? 0) < 0x80 else { return firstRange(of: String(describing: target)) }
                return start..<cursor
            }
            start = bytes.index(after: start)
        }
        return nil
    }
}

extension ArraySlice<UInt8> {
    func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard self.count >= count else { return false }
        var index = endIndex - count
        for offset in 0..<count {
            if self[index] != suffix.utf8Start[offset] { return false }
            index += 1
        }
        return true
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
