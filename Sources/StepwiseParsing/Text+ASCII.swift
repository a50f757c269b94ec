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
        guard !target.isEmpty, utf8.contains(target.utf8.first!), firstRange(of: target) != nil else { return self }
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
