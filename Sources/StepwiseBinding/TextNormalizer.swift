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
    public static func normalize(_ text: String) -> String { isNormalized(text) ? text : normalize(text, trimming: true) }

    /// Whether `text` is its own normalisation: nothing to replace (no `>`, which every arrow
    /// spelling but the canonical `➜` has), only single spaces between words, no trailing
    /// `.`, `:` or `;`. Most of an export's items are; they are then kept as they are, with no
    /// new string made for them.
    static func isNormalized(_ text: String) -> Bool {
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                switch scalar {
                case " " where previous == " ", ">", "\n", "\t", "\r": return false
                default: break
                }
            } else {
                switch scalar {
                case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}", "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}",
                    "\u{2033}", "\u{2013}", "\u{2014}", "\u{2212}", "\u{2026}", "\u{2192}", "\u{27F6}", "\u{2794}", "\u{27A1}",
                    "\u{203A}":
                    return false
                default: if isSpace(scalar) { return false }
                }
            }
            previous = scalar
        }
        // Trailing whitespace is trimmed (the empty text is normal), and so is one trailing mark.
        if previous == " " { return text.isEmpty }
        return previous != "." && previous != ":" && previous != ";"
    }

    /// Steps 1 to 3; `trimming: false` keeps edge whitespace (as one space) and trailing
    /// punctuation, for pieces of an expression.
    static func normalize(_ text: String, trimming: Bool) -> String {
        // Written as UTF-8 bytes: appending scalars to a `String.UnicodeScalarView` was the binder's
        // hottest path. ASCII text, nearly all of an export, never leaves the byte loop.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            if pendingSpace, !bytes.isEmpty || !trimming { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(byte)
        }
        func emit(_ scalar: Unicode.Scalar) {
            if scalar.isASCII { return emit(UInt8(scalar.value)) }
            if pendingSpace, !bytes.isEmpty || !trimming { bytes.append(0x20) }
            pendingSpace = false
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
        let arrow: Unicode.Scalar = "\u{279C}"
        // One scalar of look-ahead from an iterator: indexing the scalar view checked each index
        // three times per scalar.
        var input = text.unicodeScalars.makeIterator()
        var next = input.next()
        var previousIsSpace = true
        while let scalar = next {
            next = input.next()
            let spaceHere = Self.isSpace(scalar)
            switch scalar {
            case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}": emit(UInt8(ascii: "'"))
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}": emit(UInt8(ascii: "\""))
            case "\u{2013}", "\u{2014}", "\u{2212}": emit(UInt8(ascii: "-"))
            case "\u{2026}": for _ in 0..<3 { emit(UInt8(ascii: ".")) }
            case "\u{2192}", "\u{27F6}", "\u{2794}", "\u{27A1}", "\u{203A}", "\u{279C}": emit(arrow)
            case "-" where next == ">", "=" where next == ">":
                emit(arrow)
                next = input.next()
            case ">" where previousIsSpace && (next.map(Self.isSpace) ?? true):
                emit(arrow)
            default:
                if spaceHere { pendingSpace = true } else { emit(scalar) }
            }
            previousIsSpace = spaceHere
        }
        if !trimming, pendingSpace { bytes.append(0x20) }
        if trimming, let last = bytes.last, last == UInt8(ascii: ".") || last == UInt8(ascii: ":") || last == UInt8(ascii: ";") {
            // Keep "..." and similar: only a single trailing mark is sentence punctuation.
            if bytes.count < 2 || bytes[bytes.count - 2] != last { bytes.removeLast() }
            while bytes.last == 0x20 { bytes.removeLast() }
        }
        return String(decoding: bytes, as: UTF8.self)
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
    /// Every scalar is ASCII: offsets are UTF-8 offsets.
    let isASCII: Bool
    /// No letter outside ASCII matches an ASCII letter without case (the Kelvin sign matches "k",
    /// the long s "s"; "ä" or "中" match none): the folded text holds every literal text a
    /// case-insensitive match of an ASCII pattern covers.
    let foldsApartFromASCII: Bool
    /// Every scalar is ASCII or a plain symbol (see ``ScalarSet/isPlainSymbol(_:)``), each a
    /// `Character` of its own: ``FoldedRegex`` matches the text as Swift's `Regex` does. Worked
    /// out for text outside ASCII only when a regex is tried on it (or once, by
    /// ``indexingPairs()``): it counts the text's characters.
    var regexReady: Bool { isASCII || (knownRegexReady ?? Self.isRegexReady(scalars, string)) }
    private var knownRegexReady: Bool?
    /// `indices[i]` is the string index of scalar `i`, with one extra entry for the end; empty
    /// for ASCII text, whose indices are computed from offsets.
    private let indices: [String.Index]
    /// The pairs of folded scalars in the text, for an item tried against many definitions.
    private var pairs: ScalarPairs?

    init(normalized string: String) {
        self.string = string
        if let ascii = Self.asciiScalars(string) {
            scalars = ascii.scalars
            folded = ascii.folded
            isASCII = true
            foldsApartFromASCII = true
            indices = []
            return
        }
        var scalars: [Unicode.Scalar] = []
        var folded: [Unicode.Scalar] = []
        scalars.reserveCapacity(string.utf8.count)
        folded.reserveCapacity(string.utf8.count)
        var ascii = true
        var apart = true
        for scalar in string.unicodeScalars {
            scalars.append(scalar)
            folded.append(TextNormalizer.fold(scalar))
            if !scalar.isASCII {
                ascii = false
                if apart, scalar.properties.changesWhenCaseMapped, Self.mayMatchASCIILetter(scalar) { apart = false }
            }
        }
        self.scalars = scalars
        self.folded = folded
        self.isASCII = ascii
        self.foldsApartFromASCII = apart
        if ascii {
            indices = []
        } else {
            var indices: [String.Index] = []
            indices.reserveCapacity(scalars.count + 1)
            let view = string.unicodeScalars
            var index = view.startIndex
            while index != view.endIndex {
                indices.append(index)
                index = view.index(after: index)
            }
            indices.append(view.endIndex)
            self.indices = indices
        }
    }

    init(_ raw: String) { self.init(normalized: TextNormalizer.normalize(raw)) }

    /// ASCII text's scalars and folded copy, a scalar per byte read in place (most items); `nil`
    /// for any other text.
    private static func asciiScalars(_ string: String) -> (scalars: [Unicode.Scalar], folded: [Unicode.Scalar])? {
        var string = string
        return string.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return (bytes.map { Unicode.Scalar($0) }, bytes.map { Unicode.Scalar($0 >= 65 && $0 <= 90 ? $0 + 32 : $0) })
        }
    }

    var count: Int { scalars.count }

    /// The string index of scalar `offset` (``count`` for the end).
    func index(at offset: Int) -> String.Index {
        isASCII ? string.utf8.index(string.utf8.startIndex, offsetBy: offset) : indices[offset]
    }

    /// The scalars at `range` as a slice of ``string``.
    func substring(_ range: Range<Int>) -> Substring { string[index(at: range.lowerBound)..<index(at: range.upperBound)] }

    func text(_ range: Range<Int>) -> String {
        if range.isEmpty { return "" }
        return String(string.unicodeScalars[index(at: range.lowerBound)..<index(at: range.upperBound)])
    }

    /// The scalar offset of a string index of ``string``.
    func offset(of index: String.Index) -> Int {
        if isASCII { return string.utf8.distance(from: string.utf8.startIndex, to: index) }
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

    /// The pairs of folded scalars the text holds, once ``indexingPairs()`` has noted them.
    var heldPairs: ScalarPairs? { pairs }

    /// The text, with the pairs of scalars it holds noted so that ``contains(_:)`` rules out
    /// most literals without searching.
    func indexingPairs() -> MatchText {
        var indexed = self
        indexed.pairs = ScalarPairs(folded)
        if !isASCII { indexed.knownRegexReady = Self.isRegexReady(scalars, string) }
        return indexed
    }

    /// Whether a case mapping of a scalar outside ASCII (or a mapping of that) has an ASCII
    /// letter: then it may match one without case.
    static func mayMatchASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        func mappings(_ scalar: Unicode.Scalar) -> [String] {
            let properties = scalar.properties
            return [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping]
        }
        func hasASCIILetter(_ text: String) -> Bool {
            text.unicodeScalars.contains { $0.isASCII && $0.properties.isAlphabetic }
        }
        return mappings(scalar).contains { mapped in
            hasASCIILetter(mapped) || mapped.unicodeScalars.contains { mappings($0).contains(where: hasASCIILetter) }
        }
    }

    private static func isRegexReady(_ scalars: [Unicode.Scalar], _ string: String) -> Bool {
        scalars.allSatisfy { $0.isASCII || (!$0.properties.isAlphabetic && ScalarSet.isPlainSymbol($0)) }
            && string.count == scalars.count
    }

    /// Whether `needle` (folded) occurs anywhere in the folded text: the prefilter that spares a
    /// definition's matcher every item that lacks one of its literal words.
    func contains(_ needle: [Unicode.Scalar]) -> Bool {
        guard let first = needle.first, needle.count <= folded.count else { return needle.isEmpty }
        if let pairs, !pairs.mayContain(needle) { return false }
        var start = 0
        let last = folded.count - needle.count
        while start <= last {
            if folded[start] == first {
                var offset = 1
                while offset < needle.count, folded[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}

func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
        let value = scalar.value
        return (value >= 97 && value <= 122) || (value >= 65 && value <= 90) || (value >= 48 && value <= 57) || value == 95
    }
    return scalar.properties.isAlphabetic
}

/// Which pairs of adjacent folded scalars occur in a text, hashed into 1,024 bits: a literal with a
/// pair the text lacks does not occur in it.
struct ScalarPairs: Sendable {
    static let wordCount = 16
    fileprivate(set) var bits = [UInt64](repeating: 0, count: wordCount)

    /// No pair.
    init() {}

    init(_ folded: [Unicode.Scalar]) { Self.insertPairs(of: folded, into: &bits, at: 0) }

    /// Sets the bits of the pairs of `folded` in `words[offset..<offset + 16]`.
    static func insertPairs(of folded: [Unicode.Scalar], into words: inout [UInt64], at offset: Int) {
        guard folded.count >= 2 else { return }
        for index in 1..<folded.count {
            let hash = Self.hash(folded[index - 1], folded[index])
            words[offset + hash >> 6] |= 1 << UInt64(hash & 63)
        }
    }

    private static func hash(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Int {
        Int((first.value &* 31 &+ second.value) & 1023)
    }

    func mayContain(_ literal: [Unicode.Scalar]) -> Bool {
        guard literal.count >= 2 else { return true }
        for index in 1..<literal.count {
            let hash = Self.hash(literal[index - 1], literal[index])
            if bits[hash >> 6] & (1 << UInt64(hash & 63)) == 0 { return false }
        }
        return true
    }

    /// The pairs common to both.
    mutating func formIntersection(_ other: ScalarPairs) {
        for word in 0..<Self.wordCount { bits[word] &= other.bits[word] }
    }

    /// Whether every pair of `words[offset..<offset + 16]` is among these.
    func holds(_ words: UnsafeBufferPointer<UInt64>, at offset: Int) -> Bool {
        bits.withUnsafeBufferPointer { bits in
            for word in 0..<Self.wordCount where words[offset + word] & ~bits[word] != 0 { return false }
            return true
        }
    }
}

/// For each definition, the pairs of folded scalars (see ``ScalarPairs``) that every text it
/// matches holds: those of its required literals, and of a clause of alternatives the pairs all
/// of them share. An item is tried only against the definitions whose pairs it holds, checked
/// for every definition with a few word operations, without copying the definition or calling
/// its matcher: most definitions are ruled out this way.
struct RequiredPairs: Sendable {
    /// Sixteen words per definition.
    private let masks: [UInt64]
    /// A regex's clauses hold only for text that folds apart from ASCII (see
    /// ``MatchText/foldsApartFromASCII``), an expression's literals for any text.
    private let onlyFoldingApart: [Bool]

    /// `clauses[i]` are definition `i`'s: each clause is the literals of which a match holds one.
    init(_ clauses: [(clauses: [[[Unicode.Scalar]]], onlyFoldingApart: Bool)]) {
        var masks = [UInt64](repeating: 0, count: clauses.count * ScalarPairs.wordCount)
        for (index, definition) in clauses.enumerated() {
            let offset = index * ScalarPairs.wordCount
            for clause in definition.clauses {
                guard let first = clause.first else { continue }
                // A clause of one literal (most are) needs its pairs only, not a set of its own.
                guard clause.count > 1 else {
                    ScalarPairs.insertPairs(of: first, into: &masks, at: offset)
                    continue
                }
                var common = ScalarPairs(first)
                for literal in clause.dropFirst() { common.formIntersection(ScalarPairs(literal)) }
                for word in 0..<ScalarPairs.wordCount { masks[offset + word] |= common.bits[word] }
            }
        }
        self.masks = masks
        onlyFoldingApart = clauses.map(\.onlyFoldingApart)
    }

    /// The indices among `candidates` of the definitions `text` may match, in their order.
    func admitted(_ candidates: [Int], _ text: MatchText) -> [Int] {
        guard let pairs = text.heldPairs else { return candidates }
        let apart = text.foldsApartFromASCII
        return masks.withUnsafeBufferPointer { masks in
            candidates.filter { index in
                (!apart && onlyFoldingApart[index]) || pairs.holds(masks, at: index * ScalarPairs.wordCount)
            }
        }
    }
}
