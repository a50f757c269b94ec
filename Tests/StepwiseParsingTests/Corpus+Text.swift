import StepwiseTestSupport

/// The ways the acceptance tests compare texts read from the corpus.
extension Corpus {
    /// Whitespace of every kind collapsed to one space, ends trimmed: the comparison the
    /// acceptance criteria name. A text that is only whitespace (an image-only field) is no text.
    static func collapsed(_ text: String?) -> String? {
        guard let text else { return nil }
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    /// Characters Markdown uses as delimiters and escapes.
    static let delimiters: Set<Character> = ["_", "*", "\\", "`", "[", "]", "<", ">"]

    /// The visible characters other than Markdown delimiters, whitespace dropped.
    static func visible(_ text: String?) -> String? {
        guard let text else { return nil }
        let kept = text.filter { !$0.isWhitespace && !delimiters.contains($0) }
        return kept.isEmpty ? nil : kept
    }

    /// Only the words, lower-cased: what the text says, whatever its formatting.
    static func words(_ text: String?) -> [String] {
        (text ?? "").lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
