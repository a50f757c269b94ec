import Synchronization

/// A definition's Swift `Regex`, parsed the first time an item reaches it, with the literal text
/// every match must contain so that items lacking it never run the regex.
package final class RegexMatcher: Sendable {
    typealias Match = @Sendable (String, MatchScope) -> (Range<String.Index>, [String], [any Sendable])?
    private struct Built: Sendable {
        var match: Match
        /// Every clause must hold: the text contains at least one of its literals.
        var required: [[[Unicode.Scalar]]]
    }

    private let make: @Sendable () -> Built
    private let built = Mutex<Built?>(nil)

    package init<Output: Sendable>(_ regex: @escaping @Sendable () -> Regex<Output>) {
        make = {
            let original = regex()
            let required = RequiredLiterals.clauses(pattern: original._literalPattern)
            let ignoringCase = SendableRegex(original.ignoresCase())
            return Built(
                match: { text, scope in
                    let found: Regex<Output>.Match? =
                        switch scope {
                        case .item: try? ignoringCase.regex.wholeMatch(in: text)
                        case .phrase: try? ignoringCase.regex.firstMatch(in: text)
                        }
                    guard let found else { return nil }
                    let rendered = Regex<AnyRegexOutput>.Match(found).output.dropFirst().compactMap {
                        $0.substring.map(String.init)
                    }
                    return (found.range, rendered, [found.output])
                },
                required: required)
        }
    }

    private var current: Built {
        built.withLock { built in
            if let built { return built }
            let made = make()
            built = made
            return made
        }
    }

    /// Range (in scalar offsets), rendered captures and the typed output, or `nil`.
    func match(_ text: MatchText, scope: MatchScope) -> (Range<Int>, [String], [any Sendable])? {
        let regex = current
        // Case-insensitive matching folds a few non-ASCII letters differently from lower-casing
        // (the long s matches "s"), so only text whose letters are all ASCII is filtered.
        if text.hasOnlyASCIILetters, !regex.required.allSatisfy({ $0.contains(where: text.contains) }) { return nil }
        guard let (range, rendered, values) = regex.match(text.string, scope) else { return nil }
        return (text.offset(of: range.lowerBound)..<text.offset(of: range.upperBound), rendered, values)
    }
}

/// The runs of literal text a regex pattern cannot match without, folded; conservative: a
/// pattern it does not understand requires nothing.
enum RequiredLiterals {
    static func of(pattern: String?) -> [[Unicode.Scalar]] {
        guard let pattern else { return [] }
        let scalars = Array(pattern.unicodeScalars)
        // Options that change what the rest means (extended syntax, quoting) are not worth reading.
        if pattern.contains("\\Q") || pattern.contains("\n") { return [] }
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        func flush() {
            if run.count >= 2 { runs.append(run) }
            run = []
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "|":
                return []
            case "(":
                if index + 1 < scalars.count, scalars[index + 1] == "?", index + 2 < scalars.count,
                    scalars[index + 2] != ":"
                {
                    // (?i), (?x), lookarounds, named groups: give up rather than read them wrong.
                    return []
                }
                guard let close = closing(scalars, from: index) else { return [] }
                flush()
                index = close + 1
                skipQuantifier(scalars, &index)
                continue
            case "[":
                guard let close = closingBracket(scalars, from: index) else { return [] }
                flush()
                index = close + 1
                skipQuantifier(scalars, &index)
                continue
            case "\\":
                guard index + 1 < scalars.count else { return [] }
                let escaped = scalars[index + 1]
                index += 2
                if escaped.properties.isAlphabetic || ("0"..."9").contains(escaped) || !escaped.isASCII {
                    // \b, \d, \s, \w, \u{...}, back-references: not literal text.
                    flush()
                    skipQuantifier(scalars, &index)
                    continue
                }
                literal(escaped, scalars, &index, &run, &runs)
                continue
            case ".", "^", "$", ")", "*", "+", "?", "{":
                flush()
                index += 1
                skipQuantifier(scalars, &index)
                continue
            default:
                index += 1
                if !scalar.isASCII {
                    flush()
                    skipQuantifier(scalars, &index)
                    continue
                }
                literal(scalar, scalars, &index, &run, &runs)
            }
        }
        flush()
        return runs.sorted { $0.count > $1.count }
    }

    /// What every match must contain, as clauses that must all hold, each a set of literals of
    /// which the text must contain one: the literals of ``of(pattern:)``, those of the groups a
    /// match cannot skip, and for an alternation one literal of each branch. Conservative like
    /// ``of(pattern:)``: what it cannot read requires nothing.
    static func clauses(pattern: String?) -> [[[Unicode.Scalar]]] {
        guard let pattern, !pattern.contains("\\Q"), !pattern.contains("\n") else { return [] }
        return clauses(Array(pattern.unicodeScalars))
    }

    private static func clauses(_ scalars: [Unicode.Scalar]) -> [[[Unicode.Scalar]]] {
        guard let branches = topLevelBranches(scalars) else { return [] }
        if branches.count > 1 {
            // A match matches one branch: it contains a literal of that branch's strongest clause.
            var any: [[Unicode.Scalar]] = []
            for branch in branches {
                let strongest = clauses(branch).max { shortest($0) < shortest($1) }
                guard let strongest else { return [] }
                any += strongest
            }
            return [any]
        }
        // One sequence: its literals outside groups, and the clauses of each group it must match.
        var flat: [Unicode.Scalar] = []
        var groups: [[Unicode.Scalar]] = []
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "\\":
                flat.append(contentsOf: scalars[index..<min(index + 2, scalars.count)])
                index += 2
            case "[":
                guard let close = closingBracket(scalars, from: index) else { return [] }
                flat.append(contentsOf: scalars[index...close])
                index = close + 1
            case "(":
                guard let close = closing(scalars, from: index) else { return [] }
                guard let contentStart = groupContentStart(scalars, open: index) else { return [] }
                let next = close + 1 < scalars.count ? scalars[close + 1] : nil
                // A lookaround (no content start) asserts without consuming: it adds nothing.
                if contentStart >= 0, next != "?", next != "*", next != "{" {
                    groups.append(Array(scalars[contentStart..<close]))
                }
                // The group itself stands in the literal text as a break between runs.
                flat.append(".")
                index = close + 1
            default:
                flat.append(scalars[index])
                index += 1
            }
        }
        let literals = of(pattern: String(String.UnicodeScalarView(flat))).map { [$0] }
        return literals + groups.flatMap { clauses($0) }
    }

    /// Where a group's content starts; -1 for a lookaround, `nil` for syntax not read here.
    private static func groupContentStart(_ scalars: [Unicode.Scalar], open: Int) -> Int? {
        guard open + 1 < scalars.count, scalars[open + 1] == "?" else { return open + 1 }
        guard open + 2 < scalars.count else { return nil }
        switch scalars[open + 2] {
        case ":": return open + 3
        case "=", "!": return -1
        case "<":
            guard open + 3 < scalars.count else { return nil }
            if scalars[open + 3] == "=" || scalars[open + 3] == "!" { return -1 }
            // A named group, (?<name>...).
            guard let end = scalars[(open + 3)...].firstIndex(of: ">"),
                scalars[(open + 3)..<end].allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" })
            else { return nil }
            return end + 1
        default:
            // Inline options such as (?i) or (?x) change what the rest means.
            return nil
        }
    }

    /// The pattern split at its top-level `|`; `nil` when its brackets do not close.
    private static func topLevelBranches(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]]? {
        var branches: [[Unicode.Scalar]] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            switch scalars[index] {
            case "\\": index += 2
            case "[":
                guard let close = closingBracket(scalars, from: index) else { return nil }
                index = close + 1
            case "(":
                guard let close = closing(scalars, from: index) else { return nil }
                index = close + 1
            case "|":
                branches.append(Array(scalars[start..<index]))
                index += 1
                start = index
            default:
                index += 1
            }
        }
        branches.append(Array(scalars[min(start, scalars.count)...]))
        return branches
    }

    /// The length of a clause's shortest literal: how strong a filter it is.
    private static func shortest(_ clause: [[Unicode.Scalar]]) -> Int { clause.map(\.count).min() ?? 0 }

    /// Adds a literal scalar to the run, unless a quantifier after it makes it optional.
    private static func literal(
        _ scalar: Unicode.Scalar, _ scalars: [Unicode.Scalar], _ index: inout Int, _ run: inout [Unicode.Scalar],
        _ runs: inout [[Unicode.Scalar]]
    ) {
        func flush() {
            if run.count >= 2 { runs.append(run) }
            run = []
        }
        let next = index < scalars.count ? scalars[index] : nil
        switch next {
        case "?", "*", "{":
            flush()
            skipQuantifier(scalars, &index)
        case "+":
            run.append(TextNormalizer.fold(scalar))
            flush()
            skipQuantifier(scalars, &index)
        default:
            run.append(TextNormalizer.fold(scalar))
        }
    }

    private static func skipQuantifier(_ scalars: [Unicode.Scalar], _ index: inout Int) {
        guard index < scalars.count else { return }
        switch scalars[index] {
        case "?", "*", "+":
            index += 1
        case "{":
            guard let close = scalars[index...].firstIndex(of: "}") else { return }
            index = close + 1
        default:
            return
        }
        // Lazy and possessive forms.
        if index < scalars.count, scalars[index] == "?" || scalars[index] == "+" { index += 1 }
    }

    /// The `)` closing the group that opens at `open`.
    private static func closing(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < scalars.count {
            switch scalars[index] {
            case "\\": index += 1
            case "[":
                guard let close = closingBracket(scalars, from: index) else { return nil }
                index = close
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The `]` closing the character class that opens at `open` (a `]` first in it is literal).
    private static func closingBracket(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
        var index = open + 1
        if index < scalars.count, scalars[index] == "^" { index += 1 }
        if index < scalars.count, scalars[index] == "]" { index += 1 }
        while index < scalars.count {
            switch scalars[index] {
            case "\\": index += 1
            case "[":
                // Nested classes and [:alpha:]: not worth reading.
                return nil
            case "]": return index
            default: break
            }
            index += 1
        }
        return nil
    }
}

/// Words and distances for suggesting the definitions closest to an undefined item.
enum DefinitionWords {
    /// The runs of letters and digits of folded text, outside `{...}` parameter names.
    static func of(_ folded: [Unicode.Scalar]) -> Set<String> {
        var words: Set<String> = []
        var word = String.UnicodeScalarView()
        var inBraces = false
        func flush() {
            if word.count >= 2 { words.insert(String(word)) }
            word = String.UnicodeScalarView()
        }
        for scalar in folded {
            if scalar == "{" { flush(); inBraces = true; continue }
            if scalar == "}" { inBraces = false; continue }
            if !inBraces, isWordScalar(scalar) { word.append(scalar) } else { flush() }
        }
        flush()
        return words
    }

    /// Levenshtein distance, two rows.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
