extension String {
    /// The string without leading and trailing white space (Unicode's `White_Space`).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Whether one of the string's space-separated words is `word`: what
    /// `split(separator: " ").contains(word)` says for the ASCII role lists of the API, read on
    /// the bytes without making the words (the console asks it of every user row it shows).
    func containsWord(_ word: String) -> Bool {
        var text = self
        var word = word
        return text.withUTF8 { bytes in
            word.withUTF8 { wanted in
                guard !wanted.isEmpty else { return false }
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: " ") { end += 1 }
                    if end - start == wanted.count, bytes[start..<end].elementsEqual(wanted) { return true }
                    start = end + 1
                }
                return false
            }
        }
    }
}
