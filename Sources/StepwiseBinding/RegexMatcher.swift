import StepwiseModel
import Synchronization

/// A regex definition's matcher: ``FoldedRegex`` where it reads the pattern and the item's text,
/// Swift's `Regex` (built the first time it is needed) for the rest. Both give the same match,
/// captures and typed output.
package final class RegexMatcher: Sendable {
    /// The range, the captures and the typed output of a match by Swift's `Regex`.
    private typealias SwiftMatch = @Sendable (String, MatchScope) -> (
        range: Range<String.Index>, captures: [Substring?], output: any Sendable
    )?

    private final class Engine: Sendable {
        let folded: FoldedRegex?
        let swift: SwiftMatch
        /// Whether Swift's `Regex` reads the pattern with the output type (building it if need be).
        let swiftBuilds: @Sendable () -> Bool

        init(folded: FoldedRegex?, swift: @escaping SwiftMatch, swiftBuilds: @escaping @Sendable () -> Bool = { true }) {
            self.folded = folded
            self.swift = swift
            self.swiftBuilds = swiftBuilds
        }
    }

    /// What makes a pattern definition unusable, found when its library loads.
    package enum Problem: Sendable, Equatable {
        /// Swift's `Regex` does not read the pattern: its message.
        case pattern(String)
        /// The output type does not fit the pattern's captures.
        case output(String)
    }

    /// A pattern's engine, ready when it is given; a `Regex` value's is made when first needed,
    /// without taking a lock on every match after.
    private let ready: Engine?
    private let make: @Sendable () -> Engine
    private let engine = Mutex<Engine?>(nil)
    /// The output type's value made from the match and its captures; `nil` when they do not fit it.
    private let output: @Sendable ([Substring?]) -> (any Sendable)?
    package let problem: Problem?

    /// A `Regex` value: parsed (by Swift, at run time) the first time an item reaches it, which
    /// is also when ``FoldedRegex`` reads its pattern, if it can.
    package init<Output: Sendable>(_ regex: @escaping @Sendable () -> Regex<Output>) {
        output = { RegexOutput.make($0, as: Output.self) }
        problem = nil
        ready = nil
        make = {
            let original = regex()
            return Engine(folded: original._literalPattern.flatMap(FoldedRegex.init), swift: Self.swiftMatch(original.ignoresCase()))
        }
    }

    /// A pattern in Swift's regex syntax, read by ``FoldedRegex`` at once; Swift's `Regex` is
    /// built from it only for what that does not read.
    package init<Output: Sendable>(pattern: String, as _: Output.Type) {
        let output: @Sendable ([Substring?]) -> (any Sendable)? = { RegexOutput.make($0, as: Output.self) }
        let folded = FoldedRegex(pattern)
        if let folded {
            let probe: [Substring?] = [""] + folded.optionalCaptures.map { $0 ? nil : "" }
            problem =
                output(probe) == nil
                ? .output(
                    "the pattern captures \(folded.captureCount) value(s)"
                        + "\(folded.optionalCaptures.contains(true) ? " (some of them optional)" : ""), "
                        + "which a \(Output.self) does not hold")
                : nil
        } else {
            problem = Self.swiftProblem(pattern, as: Output.self)
        }
        self.output = output
        // A pattern Swift does not read never loads (see `problem`); one read here but not by Swift
        // matches nothing through it. Its matcher is kept without its output type, so that every
        // definition holds one of the same generic type, which the program makes once.
        let swift = OnFirstUse<SwiftMatch?> { (try? Regex(pattern, as: Output.self)).map { Self.swiftMatch($0.ignoresCase()) } }
        let engine = Engine(
            folded: folded, swift: { text, scope in swift.value?(text, scope) }, swiftBuilds: { swift.value != nil })
        ready = engine
        make = { engine }
    }

    /// What Swift's `Regex` finds wrong with `pattern` and `Output`. Apart, so that a pattern
    /// read here needs no `Regex` of its output type (a generic type made at run time) to load.
    private static func swiftProblem<Output>(_ pattern: String, as _: Output.Type) -> Problem? {
        do {
            _ = try Regex(pattern, as: Output.self)
            return nil
        } catch {
            return (try? Regex(pattern)) == nil ? .pattern("\(error)") : .output("\(error)")
        }
    }

    private static func swiftMatch<Output: Sendable>(_ regex: Regex<Output>) -> SwiftMatch {
        let shared = SendableRegex(regex)
        return { text, scope in
            let regex = shared.regex
            let found: Regex<Output>.Match? =
                switch scope {
                case .item: try? regex.wholeMatch(in: text)
                case .phrase: try? regex.firstMatch(in: text)
                }
            guard let found else { return nil }
            let captures = Regex<AnyRegexOutput>.Match(found).output.dropFirst().map(\.substring)
            return (found.range, captures, found.output)
        }
    }

    private var current: Engine {
        if let ready { return ready }
        return engine.withLock { engine in
            if let engine { return engine }
            let made = make()
            engine = made
            return made
        }
    }

    /// Range (in scalar offsets), rendered captures and the typed output, or `nil`.
    func match(_ text: MatchText, scope: MatchScope) -> (Range<Int>, [String], [any Sendable])? {
        let engine = current
        if let folded = engine.folded {
            // Case-insensitive matching folds a few non-ASCII letters differently from lower-casing
            // (the long s matches "s"), so only text without such letters is filtered.
            if text.foldsApartFromASCII, !Self.admits(text, folded) { return nil }
            if folded.reads(text) {
                guard let found = folded.match(text, whole: scope == .item) else { return nil }
                let captures = found.captures.map { $0.map(text.substring) }
                if let value = output([text.substring(found.range)] + captures) {
                    return (found.range, captures.compactMap { $0.map(String.init) }, [value])
                }
            }
        }
        return matchBySwift(text, scope: scope)
    }

    /// The clauses of a pattern read when it was given (see ``FoldedRegex/required``): none for a
    /// `Regex` value, whose pattern is read the first time an item needs it.
    var clausesKnownAtLoad: [[[Unicode.Scalar]]] { ready?.folded?.required ?? [] }

    /// ``FoldedRegex`` reads the pattern.
    var readsPattern: Bool { current.folded != nil }

    /// Swift's `Regex` reads the pattern with the definition's output type.
    var swiftBuilds: Bool { current.swiftBuilds() }

    /// The text has the literal words every match contains (always, for a pattern not read here).
    func admits(_ text: MatchText) -> Bool { current.folded.map { Self.admits(text, $0) } ?? true }

    private static func admits(_ text: MatchText, _ folded: FoldedRegex) -> Bool {
        folded.required.allSatisfy { $0.contains(where: text.contains) }
    }

    /// What Swift's `Regex` matches, for text ``FoldedRegex`` does not read (and for tests).
    func matchBySwift(_ text: MatchText, scope: MatchScope) -> (Range<Int>, [String], [any Sendable])? {
        guard let found = current.swift(text.string, scope) else { return nil }
        return (
            text.offset(of: found.range.lowerBound)..<text.offset(of: found.range.upperBound),
            found.captures.compactMap { $0.map(String.init) }, [found.output]
        )
    }
}

/// A regex's output type (`Substring`, or a tuple of the whole match and each capture, as Swift
/// types a regex literal) made from captured text.
enum RegexOutput {
    /// `values` are the whole match and each capture (`nil` when unset); `nil` when `Output` is
    /// not their tuple, or a capture it requires is unset.
    static func make<Output>(_ values: [Substring?], as _: Output.Type) -> Output? {
        guard let whole = values.first ?? nil else { return nil }
        let c = Array(values.dropFirst())
        // A tuple of optionals casts to the output's tuple element by element: to `Substring`
        // where the capture is set, to `Substring?` either way.
        return switch c.count {
        case 0: whole as? Output
        case 1: (whole, c[0]) as? Output
        case 2: (whole, c[0], c[1]) as? Output
        case 3: (whole, c[0], c[1], c[2]) as? Output
        case 4: (whole, c[0], c[1], c[2], c[3]) as? Output
        case 5: (whole, c[0], c[1], c[2], c[3], c[4]) as? Output
        case 6: (whole, c[0], c[1], c[2], c[3], c[4], c[5]) as? Output
        case 7: (whole, c[0], c[1], c[2], c[3], c[4], c[5], c[6]) as? Output
        case 8: (whole, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]) as? Output
        case 9: (whole, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]) as? Output
        default: nil
        }
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
