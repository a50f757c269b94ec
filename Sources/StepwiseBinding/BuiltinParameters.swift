/// The scanners and converters behind ``ParameterRegistry/standard``.
enum BuiltinParameters {
    static let all: [ParameterType] = [int, float, word, string, anything, list, durationType, periodType]

    static let numberWords: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
    ]

    static func digits(_ text: MatchText, from start: Int) -> Int {
        var end = start
        while end < text.count, ("0"..."9").contains(text.scalars[end]) { end += 1 }
        return end
    }

    /// The end of a run of letters, for number words.
    static func letters(_ text: MatchText, from start: Int) -> Int {
        var end = start
        while end < text.count, text.scalars[end].properties.isAlphabetic { end += 1 }
        return end
    }

    static let int = ParameterType(
        name: "int", as: Int.self,
        scan: { text, start in
            var index = start
            if index < text.count, text.scalars[index] == "-" { index += 1 }
            let end = digits(text, from: index)
            if end > index { return text.isWordBoundary(end) ? [end] : [] }
            let wordEnd = letters(text, from: start)
            let spelled = text.text(start..<wordEnd).lowercased()
            guard wordEnd > start, numberWords[spelled] != nil, spelled != "a", spelled != "an"
            else { return [] }
            return [wordEnd]
        },
        convert: { raw in
            if let value = Int(raw) ?? numberWords[raw.lowercased()] { return value }
            throw StepFailure("'\(raw)' is not a whole number")
        })

    static let float = ParameterType(
        name: "float", as: Double.self,
        scan: { text, start in
            var index = start
            if index < text.count, text.scalars[index] == "-" { index += 1 }
            var end = digits(text, from: index)
            guard end > index else { return [] }
            if end + 1 < text.count, text.scalars[end] == ".", ("0"..."9").contains(text.scalars[end + 1]) {
                end = digits(text, from: end + 1)
            }
            return text.isWordBoundary(end) ? [end] : []
        },
        convert: { raw in
            guard let value = Double(raw) else { throw StepFailure("'\(raw)' is not a number") }
            return value
        })

    static let word = ParameterType(
        name: "word", as: String.self,
        scan: { text, start in
            var end = start
            while end < text.count, text.scalars[end] != " " { end += 1 }
            guard end > start else { return [] }
            // "On Browser1, login as": a word followed by sentence punctuation is the word without
            // it, as a reader takes it; the punctuation is tried as part of the word only if the
            // rest of the expression needs it.
            if end - start > 1, ",;:.!?".unicodeScalars.contains(text.scalars[end - 1]) { return [end - 1, end] }
            return [end]
        },
        convert: { $0 })

    static let string = ParameterType(
        name: "string", as: String.self,
        scan: { text, start in
            guard start < text.count else { return [] }
            let quote = text.scalars[start]
            guard quote == "\"" || quote == "'" else { return [] }
            var end = start + 1
            while end < text.count, text.scalars[end] != quote { end += 1 }
            return end < text.count ? [end + 1] : []
        },
        convert: { String($0.dropFirst().dropLast()) })

    /// Every end from the longest to the shortest, so the rest of the expression decides.
    static func everyEnd(_ text: MatchText, from start: Int) -> [Int] {
        start < text.count ? Array(stride(from: text.count, to: start, by: -1)) : []
    }

    static let anything = ParameterType(name: "", as: String.self, scan: everyEnd, convert: { $0 })

    static let list = ParameterType(
        name: "list", as: [String].self, scan: everyEnd,
        convert: { raw in
            var items: [String] = []
            for chunk in raw.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                var rest = Substring(chunk)
                while let range = rest.range(of: " and ") ?? rest.range(of: " or ") {
                    items.append(String(rest[..<range.lowerBound]))
                    rest = rest[range.upperBound...]
                }
                items.append(String(rest))
            }
            return items.map { item in
                var trimmed = Substring(item).drop { $0 == " " }
                for prefix in ["and ", "or "] where trimmed.hasPrefix(prefix) { trimmed = trimmed.dropFirst(prefix.count) }
                while trimmed.last == " " { trimmed = trimmed.dropLast() }
                return String(trimmed)
            }.filter { !$0.isEmpty }
        })

    static let unitPattern =
        "(milliseconds?|millis|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?)"
    /// A number in digits, or spelled and followed by a space ("an hour", never the "an" of "and").
    static let numberPattern = "(\\d+(?:\\.\\d+)?|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?=\\s))"

    static let duration = BuiltinPattern("(~\\s*|about |approximately |around )?\(numberPattern)\\s*\(unitPattern)\\b")
    static let period = BuiltinPattern(
        "(~\\s*|about |approximately |around |over |more than |at least |under |less than |up to |within |at most )?"
            + "\(numberPattern)(?:\\s*(?:-|to)\\s*\(numberPattern))?\\s*\(unitPattern)\\b")

    /// `pattern` is only tried at a position that can start a span.
    static func scanner(_ pattern: BuiltinPattern) -> @Sendable (MatchText, Int) -> [Int] {
        { text, start in
            guard start < text.count, text.isWordBoundary(start) || text.scalars[start] == "~" else { return [] }
            // Most positions cannot start a span of time: rule them out before running the pattern,
            // which the snippet generator and phrase matching try at every word.
            guard canStartSpan(text, at: start), let end = pattern.prefixMatch(text, at: start) else { return [] }
            return [end]
        }
    }

    /// The words a duration or a period can begin with: spelled numbers and qualifiers.
    static let spanLeadWords: Set<String> = [
        "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "about", "approximately", "around", "over", "more", "at", "under", "less", "up", "within",
    ]

    /// Whether a duration or a period could start at `start`: a `~`, a digit, or a lead word.
    static func canStartSpan(_ text: MatchText, at start: Int) -> Bool {
        let first = text.scalars[start]
        if first == "~" || ("0"..."9").contains(first) { return true }
        // Lead words are ASCII: a word starting otherwise is none of them.
        guard first.isASCII, isWordScalar(first) else { return false }
        var word = ""
        var position = start
        while position < text.count, word.unicodeScalars.count <= 13 {
            let scalar = text.folded[position]
            guard scalar.isASCII ? isWordScalar(scalar) && !("0"..."9").contains(scalar) && scalar != "_" : scalar.properties.isAlphabetic
            else { break }
            word.unicodeScalars.append(scalar)
            position += 1
        }
        return spanLeadWords.contains(word)
    }

    static func amount(_ number: String) -> Double? {
        Double(number) ?? numberWords[number.lowercased()].map(Double.init)
    }

    static func seconds(_ amount: Double, unit: String) -> Duration {
        let unit = unit.lowercased()
        let factor: Double =
            switch unit {
            case "ms", "millis", "millisecond", "milliseconds": 0.001
            case "m", "min", "mins", "minute", "minutes": 60
            case "h", "hr", "hrs", "hour", "hours": 3600
            case "d", "day", "days": 86_400
            case "week", "weeks": 604_800
            default: 1
            }
        return .milliseconds(Int64((amount * factor * 1000).rounded()))
    }

    static let durationType = ParameterType(
        name: "duration", as: Duration.self, scan: scanner(duration),
        convert: { raw in
            guard let match = duration.wholeMatch(raw), let number = match[1], let value = amount(number),
                let unit = match[2]
            else { throw StepFailure("'\(raw)' is not a duration") }
            return seconds(value, unit: unit)
        })

    static let periodType = ParameterType(
        name: "period", as: DurationRange.self, scan: scanner(period),
        convert: { raw in
            guard let match = period.wholeMatch(raw), let first = match[1].flatMap(amount), let unit = match[3]
            else { throw StepFailure("'\(raw)' is not a span of time") }
            let qualifier = (match[0] ?? "").lowercased().split(separator: " ").joined(separator: " ")
            let low = seconds(first, unit: unit)
            let high = match[2].flatMap(amount).map { seconds($0, unit: unit) }
            let approximate = qualifier.hasPrefix("~") || ["about", "approximately", "around"].contains(qualifier)
            switch qualifier {
            case "over", "more than", "at least":
                return DurationRange(lowerBound: high ?? low, upperBound: nil)
            case "under", "less than", "up to", "within", "at most":
                return DurationRange(lowerBound: .zero, upperBound: high ?? low)
            default:
                return DurationRange(lowerBound: low, upperBound: high ?? low, isApproximate: approximate)
            }
        })
}

/// A pattern of the built-in parameter types, matched by ``FoldedRegex`` where it reads the text
/// and by Swift's `Regex` (built when first needed) otherwise.
struct BuiltinPattern: Sendable {
    let folded: FoldedRegex
    let swift: LazyRegex<AnyRegexOutput>

    init(_ pattern: String) {
        guard let folded = FoldedRegex(pattern) else { preconditionFailure("a built-in pattern is not read: \(pattern)") }
        self.folded = folded
        swift = LazyRegex { try? Regex(pattern).ignoresCase() }
    }

    /// The end of the match that starts at `start`, or `nil`.
    func prefixMatch(_ text: MatchText, at start: Int) -> Int? {
        folded.reads(text) ? folded.prefixMatch(text, at: start) : swiftPrefixMatch(text, at: start)
    }

    /// Each capture's text when the whole of `raw` (normalised text) matches, or `nil`.
    func wholeMatch(_ raw: String) -> [String?]? {
        let text = MatchText(normalized: raw)
        guard folded.reads(text) else { return swiftWholeMatch(raw) }
        return folded.match(text, whole: true).map { found in found.captures.map { $0.map(text.text) } }
    }

    // Swift's matching apart, never inlined: a function that may call it makes the types of its
    // regex and match when it starts, the first time at run time, even for text read above.

    @inline(never)
    private func swiftPrefixMatch(_ text: MatchText, at start: Int) -> Int? {
        let slice = text.string[text.index(at: start)...]
        guard let match = try? swift.regex?.prefixMatch(in: slice) else { return nil }
        return text.offset(of: match.range.upperBound)
    }

    @inline(never)
    private func swiftWholeMatch(_ raw: String) -> [String?]? {
        guard let match = try? swift.regex?.wholeMatch(in: raw) else { return nil }
        return match.output.dropFirst().map { $0.substring.map(String.init) }
    }
}
