/// The one normalisation applied to both an item's text and a definition's literal text before
/// they are compared, so that what looks the same in an export matches the same.
///
/// In order:
/// 1. Curly quotes become straight (`‘’‚‛′` to `'`, `“”„‟″` to `"`), en and em dashes and the
///    minus sign become `-`, `…` becomes `...`, and a non-breaking space becomes a space.
/// 2. Arrows become `➜`: `->`, `=>`, `→`, `⟶`, `➔`, `➡`, `›`, and `>` with whitespace on both sides.
/// 3. Every run of whitespace becomes one space, and the ends are trimmed.
/// 4. One trailing `.`, `:` or `;` is dropped ("Log in." reads as "Log in").
/// 5. For comparison only, letters are lower-cased; captured values keep the case of the export.
public enum TextNormalizer {
    /// The normalised text, case preserved (steps 1 to 4).
    public static func normalize(_ text: String) -> String { normalize(text, trimming: true) }

    /// Steps 1 to 3; `trimming: false` keeps edge whitespace (as one space) and trailing
    /// punctuation, for pieces of an expression.
    static func normalize(_ text: String, trimming: Bool) -> String {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        let input = Array(text.unicodeScalars)
        var index = 0
        var pendingSpace = false
        func emit(_ scalar: Unicode.Scalar) {
            if pendingSpace, !scalars.isEmpty || !trimming { scalars.append(" ") }
            pendingSpace = false
            scalars.append(scalar)
        }
        while index < input.count {
            let scalar = input[index]
            let next: Unicode.Scalar? = index + 1 < input.count ? input[index + 1] : nil
            let previousIsSpace = index == 0 || isSpace(input[index - 1])
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}": emit("'")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}": emit("\"")
            case "\u{2013}", "\u{2014}", "\u{2212}": emit("-")
            case "\u{2026}": emit("."); emit("."); emit(".")
            case "\u{2192}", "\u{27F6}", "\u{2794}", "\u{27A1}", "\u{203A}", "\u{279C}": emit("\u{279C}")
            case "-" where next == ">", "=" where next == ">":
                emit("\u{279C}")
                index += 1
            case ">" where previousIsSpace && (next.map(isSpace) ?? true):
                emit("\u{279C}")
            default:
                if isSpace(scalar) { pendingSpace = true } else { emit(scalar) }
            }
            index += 1
        }
        if !trimming, pendingSpace { scalars.append(" ") }
        if trimming, let last = scalars.last, last == "." || last == ":" || last == ";" {
            // Keep "..." and similar: only a single trailing mark is sentence punctuation.
            if scalars.count < 2 || scalars[scalars.count - 2] != last { scalars.removeLast() }
            while scalars.last == " " { scalars.removeLast() }
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }

    /// Lower-cases scalar by scalar, keeping one scalar per scalar so positions line up with the
    /// case-preserved text.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            let value = scalar.value
            return value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar
        }
        let lowered = scalar.properties.lowercaseMapping.unicodeScalars
        return lowered.count == 1 ? lowered.first! : scalar
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{A0}"
            || (!scalar.isASCII && scalar.properties.isWhitespace)
    }
}

/// An item's text prepared for matching: normalised, as scalars, with a folded copy.
struct MatchText {
    let string: String
    let scalars: [Unicode.Scalar]
    let folded: [Unicode.Scalar]
    /// `indices[i]` is the string index of scalar `i`; one extra entry for the end.
    let indices: [String.Index]

    init(normalized string: String) {
        self.string = string
        var scalars: [Unicode.Scalar] = []
        var indices: [String.Index] = []
        let view = string.unicodeScalars
        var index = view.startIndex
        while index != view.endIndex {
            scalars.append(view[index])
            indices.append(index)
            index = view.index(after: index)
        }
        indices.append(view.endIndex)
        self.scalars = scalars
        self.folded = scalars.map(TextNormalizer.fold)
        self.indices = indices
    }

    init(_ raw: String) { self.init(normalized: TextNormalizer.normalize(raw)) }

    var count: Int { scalars.count }

    func text(_ range: Range<Int>) -> String {
        String(string.unicodeScalars[indices[range.lowerBound]..<indices[range.upperBound]])
    }

    /// The scalar offset of a string index of ``string``.
    func offset(of index: String.Index) -> Int {
        var low = 0
        var high = indices.count - 1
        while low < high {
            let mid = (low + high) / 2
            if indices[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func isWordBoundary(_ position: Int) -> Bool {
        if position <= 0 || position >= count { return true }
        return !(isWordScalar(scalars[position - 1]) && isWordScalar(scalars[position]))
    }
}

func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
}
