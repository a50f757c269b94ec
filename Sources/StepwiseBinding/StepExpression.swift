/// A step expression: the text of a definition, with typed parameters, compiled for matching.
///
/// The grammar (also in `docs/expressions.md`). The guiding rule: **text pasted from an export
/// always matches itself**, so real sentences need no escaping.
///
/// ```
/// expression  = { whitespace | run }
/// run         = alternation | { parameter | optional | escape | literal }   (no whitespace inside)
/// parameter   = "{" name "}"          name: letters, digits, "-", "_", " " not allowed; "{}" is anything
/// optional    = "(" text ")"          text: no whitespace, "{", "(", "/", "\"; matches text, nothing, or "(text)"
/// alternation = a run with "/" between non-empty parts and no "{", "(", "\": matches one part, or the run as written
/// escape      = "\" any               the character itself: "\{", "\(", "\/", "\\"
/// ```
///
/// Anything else is literal, including `(` or `)` that do not form an optional (such as
/// "(at least 2 to 3 different sessions)", which has spaces) and `/` with whitespace next to it
/// ("browsers / devices"), at either end of a run or doubled ("http://").
/// Literal text is normalised like item text (see ``TextNormalizer``) and compared without case.
public struct StepExpression: Sendable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    let tokens: [Token]

    enum Token: Sendable {
        case literal([Unicode.Scalar])
        case optional([Unicode.Scalar])
        case alternation([[Unicode.Scalar]], whole: [Unicode.Scalar])
        case parameter(ParameterType)
    }

    public var description: String { source }

    /// The parameter types in order.
    public var parameters: [ParameterType] {
        tokens.compactMap { if case .parameter(let type) = $0 { type } else { nil } }
    }

    /// The literal runs (folded) that every match contains, longest first: the binder tries the
    /// expression only on items that have them all.
    var requiredLiterals: [[Unicode.Scalar]] {
        tokens.compactMap { if case .literal(let text) = $0, text.contains(where: { $0 != " " }) { text } else { nil } }
            .sorted { $0.count > $1.count }
    }

    /// Compiles `source` with the parameter types in `registry`.
    public init(_ source: String, registry: ParameterRegistry = .standard) throws(ExpressionError) {
        self.source = source
        self.tokens = try ExpressionParser(source: source, registry: registry).parse()
    }
}

/// A mistake in a step expression, with the column it is at.
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The expression as written.
    public var expression: String
    /// What is wrong.
    public var message: String
    /// 1-based column in ``expression``, counted in Unicode scalars.
    public var column: Int
    /// How to fix it.
    public var hint: String

    /// The message, the expression, a caret under the column and the hint.
    public var description: String {
        "error: \(message)\n    \(expression)\n    \(String(repeating: " ", count: column - 1))^\n    hint: \(hint)"
    }
}

struct ExpressionParser {
    let source: String
    let registry: ParameterRegistry
    let scalars: [Unicode.Scalar]

    init(source: String, registry: ParameterRegistry) {
        self.source = source
        self.registry = registry
        self.scalars = Array(source.unicodeScalars)
    }

    private func error(_ message: String, at index: Int, hint: String) -> ExpressionError {
        ExpressionError(expression: source, message: message, column: index + 1, hint: hint)
    }

    /// Raw pieces before literal text is normalised: literal text keeps its raw scalars.
    private enum Piece {
        case text(String)
        case optional(String)
        case alternation([String], whole: String)
        case parameter(ParameterType, at: Int)
    }

    func parse() throws(ExpressionError) -> [StepExpression.Token] {
        var pieces: [Piece] = []
        var index = 0
        while index < scalars.count {
            if TextNormalizer.isSpace(scalars[index]) {
                pieces.append(.text(" "))
                while index < scalars.count, TextNormalizer.isSpace(scalars[index]) { index += 1 }
                continue
            }
            var end = index
            while end < scalars.count, !TextNormalizer.isSpace(scalars[end]) { end += 1 }
            if let alternatives = alternation(index..<end) {
                pieces.append(.alternation(alternatives, whole: string(index..<end)))
            } else {
                try parseRun(index..<end, into: &pieces)
            }
            index = end
        }
        return try tokens(from: pieces)
    }

    private func string(_ range: Range<Int>) -> String {
        // Scalar by scalar: appending the slice at once goes through a generic path the program
        // instantiates at run time, the first time a library loads.
        var view = String.UnicodeScalarView()
        for scalar in scalars[range] { view.append(scalar) }
        return String(view)
    }

    private func alternation(_ range: Range<Int>) -> [String]? {
        let run = scalars[range]
        guard run.contains("/"), run.first != "/", run.last != "/",
            !run.contains(where: { $0 == "{" || $0 == "}" || $0 == "(" || $0 == "\\" })
        else { return nil }
        let parts = run.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return parts.map { part in
            // Scalar by scalar, as in `string(_:)`.
            var view = String.UnicodeScalarView()
            for scalar in part { view.append(scalar) }
            return String(view)
        }
    }

    private func parseRun(_ range: Range<Int>, into pieces: inout [Piece]) throws(ExpressionError) {
        var index = range.lowerBound
        var literal = String.UnicodeScalarView()
        func flush() {
            if !literal.isEmpty { pieces.append(.text(String(literal))) }
            literal = String.UnicodeScalarView()
        }
        while index < range.upperBound {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else {
                    throw error(
                        "the expression ends with a lone backslash", at: index,
                        hint: "write \\\\ for a backslash, or remove it")
                }
                literal.append(scalars[index + 1])
                index += 2
                continue
            case "{":
                guard let close = scalars[index..<range.upperBound].firstIndex(of: "}") else {
                    throw error(
                        "this { opens a parameter that is never closed", at: index,
                        hint: "close it with }, or write \\{ for a literal brace (parameter names have no spaces)")
                }
                let name = string(index + 1..<close)
                if let bad = name.unicodeScalars.firstIndex(where: { "{(/\\".unicodeScalars.contains($0) }) {
                    let offset = name.unicodeScalars.distance(from: name.unicodeScalars.startIndex, to: bad)
                    throw error(
                        "a parameter name cannot contain '\(name.unicodeScalars[bad])'", at: index + 1 + offset,
                        hint: "parameter names are plain words such as {int} or {duration}")
                }
                guard let type = registry[name] else {
                    throw error(
                        "there is no parameter type named {\(name)}", at: index,
                        hint: "use one of \(registry.names.map { "{\($0)}" }.joined(separator: ", ")), "
                            + "register it with steps.parameter(...), or write \\{ for a literal brace")
                }
                flush()
                if case .parameter = pieces.last {
                    throw error(
                        "two parameters in a row cannot be told apart", at: index,
                        hint: "put literal text between them, such as {int} {word}")
                }
                pieces.append(.parameter(type, at: index))
                index = close + 1
                continue
            case "}":
                throw error(
                    "this } closes no parameter", at: index, hint: "write \\} for a literal brace")
            case "(":
                if let close = scalars[index..<range.upperBound].firstIndex(of: ")"), close > index + 1,
                    !scalars[index + 1..<close].contains(where: { "{}(/\\".unicodeScalars.contains($0) })
                {
                    flush()
                    pieces.append(.optional(string(index + 1..<close)))
                    index = close + 1
                    continue
                }
                literal.append(scalar)
            default:
                literal.append(scalar)
            }
            index += 1
        }
        flush()
    }

    private func tokens(from pieces: [Piece]) throws(ExpressionError) -> [StepExpression.Token] {
        // Merge adjacent text so normalisation sees " > " and "->" whole.
        var merged: [Piece] = []
        for piece in pieces {
            if case .text(let text) = piece, case .text(let previous)? = merged.last {
                merged[merged.count - 1] = .text(previous + text)
            } else {
                merged.append(piece)
            }
        }
        if case .text(let text)? = merged.first {
            merged[0] = .text(String(text.drop { $0 == " " }))
        }
        if case .text(var text)? = merged.last {
            while text.last == " " { text.removeLast() }
            if let last = text.last, ".:;".contains(last), !text.dropLast().hasSuffix(String(last)) {
                text.removeLast()
            }
            merged[merged.count - 1] = .text(text)
        }
        func fold(_ text: String) -> [Unicode.Scalar] {
            TextNormalizer.normalize(text, trimming: false).unicodeScalars.map(TextNormalizer.fold)
        }
        var tokens: [StepExpression.Token] = []
        for piece in merged {
            switch piece {
            case .text(let text):
                let folded = fold(text)
                if !folded.isEmpty { tokens.append(.literal(folded)) }
            case .optional(let text): tokens.append(.optional(fold(text)))
            case .alternation(let parts, let whole): tokens.append(.alternation(parts.map(fold), whole: fold(whole)))
            case .parameter(let type, _): tokens.append(.parameter(type))
            }
        }
        if tokens.isEmpty {
            throw error("the expression is empty", at: 0, hint: "write the text the definition binds")
        }
        return tokens
    }
}
