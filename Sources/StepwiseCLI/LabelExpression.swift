import StepwiseModel

/// A `--label` value: a label, or labels combined with `and`, `or`, `not` and parentheses, in
/// Cucumber's tag-expression grammar (`'system-console and not E2E-1'`).
///
/// Precedence, loosest first: `or`, `and`, `not`; `and` and `or` group from the left, so
/// `a or b and not c` is `a or (b and (not c))`. A label is matched ignoring case, and a leading
/// `@` (a Cucumber habit) is optional: `@smoke` selects a case labelled `smoke`. A backslash
/// escapes the next character, so `a\ b` and `x\(1\)` are labels with a space and parentheses.
indirect enum LabelExpression: Hashable, Sendable {
    case label(String)
    case not(LabelExpression)
    case and(LabelExpression, LabelExpression)
    case or(LabelExpression, LabelExpression)

    /// Whether a case with `labels` is selected.
    func matches(_ labels: [String]) -> Bool {
        switch self {
        case .label(let wanted):
            let bare = wanted.hasPrefix("@") ? String(wanted.dropFirst()) : wanted
            return labels.contains { label in
                label.caseInsensitiveCompare(wanted) == .orderedSame || label.caseInsensitiveCompare(bare) == .orderedSame
            }
        case .not(let inner): return !inner.matches(labels)
        case .and(let left, let right): return left.matches(labels) && right.matches(labels)
        case .or(let left, let right): return left.matches(labels) || right.matches(labels)
        }
    }

    /// A mistake in an expression, with the column (counted from 1) of the token at fault.
    struct SyntaxError: Error, Hashable {
        var message: String
        var column: Int
        var hint: String?

        /// The error as a compiler writes it: `--label:1:20: error: …`, the expression, a caret, a hint.
        func rendered(expression: String, option: String = "--label") -> String {
            Diagnostic(.error, message, at: SourceLocation(file: option, line: 1, column: column), hint: hint)
                .rendered(sourceLine: expression)
        }
    }

    /// Parses `text`; throws a ``SyntaxError`` pointing at the first token that does not fit.
    init(parsing text: String) throws(SyntaxError) {
        var parser = Parser(tokens: try Self.tokens(of: text), end: text.unicodeScalars.count + 1)
        self = try parser.expression()
    }

    struct Token: Hashable {
        enum Kind: Hashable { case label(String), and, or, not, open, close }
        var kind: Kind
        var column: Int

        var shown: String {
            switch kind {
            case .label(let name): "label '\(name)'"
            case .and: "'and'"
            case .or: "'or'"
            case .not: "'not'"
            case .open: "'('"
            case .close: "')'"
            }
        }
    }

    static func tokens(of text: String) throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var wordColumn = 0
        var escaped = false
        func endWord() {
            guard !word.isEmpty else { return }
            let kind: Token.Kind =
                switch word {
                case "and": .and
                case "or": .or
                case "not": .not
                default: .label(word)
                }
            tokens.append(Token(kind: kind, column: wordColumn))
            word = ""
        }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let column = offset + 1
            if escaped {
                word.unicodeScalars.append(scalar)
                escaped = false
                continue
            }
            switch scalar {
            case "\\":
                if word.isEmpty { wordColumn = column }
                escaped = true
            case "(", ")":
                endWord()
                tokens.append(Token(kind: scalar == "(" ? .open : .close, column: column))
            case _ where scalar.properties.isWhitespace:
                endWord()
            default:
                if word.isEmpty { wordColumn = column }
                word.unicodeScalars.append(scalar)
            }
        }
        if escaped {
            throw SyntaxError(
                message: "a backslash at the end escapes nothing", column: text.unicodeScalars.count,
                hint: "write \\\\ for a backslash in a label")
        }
        endWord()
        return tokens
    }

    /// Recursive descent over the grammar: `or := and ('or' and)*`, `and := unary ('and' unary)*`,
    /// `unary := 'not' unary | '(' or ')' | LABEL`.
    private struct Parser {
        var tokens: [Token]
        /// The column just past the text, where "the end" is shown.
        var end: Int
        var index = 0

        static let example = "labels combine with and, or, not and parentheses, such as 'system-console and not E2E-1'"

        mutating func expression() throws(SyntaxError) -> LabelExpression {
            guard !tokens.isEmpty else {
                throw SyntaxError(message: "the label expression is empty", column: 1, hint: Self.example)
            }
            let result = try or()
            if index < tokens.count {
                let token = tokens[index]
                if token.kind == .close {
                    throw SyntaxError(message: "')' closes no '('", column: token.column, hint: "remove it, or add the '(' it closes")
                }
                throw SyntaxError(
                    message: "expected 'and' or 'or' before \(token.shown)", column: token.column, hint: Self.example)
            }
            return result
        }

        private mutating func or() throws(SyntaxError) -> LabelExpression {
            var left = try and()
            while take(.or) { left = .or(left, try and()) }
            return left
        }

        private mutating func and() throws(SyntaxError) -> LabelExpression {
            var left = try unary()
            while take(.and) { left = .and(left, try unary()) }
            return left
        }

        private mutating func unary() throws(SyntaxError) -> LabelExpression {
            guard index < tokens.count else {
                let after = index > 0 ? " after \(tokens[index - 1].shown)" : ""
                throw SyntaxError(message: "expected a label, 'not' or '('\(after), found the end", column: end, hint: Self.example)
            }
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .label(let name): return .label(name)
            case .not: return .not(try unary())
            case .open:
                let inner = try or()
                guard take(.close) else {
                    throw SyntaxError(
                        message: "this '(' is never closed", column: token.column, hint: "add ')' where the group ends")
                }
                return inner
            case .and, .or, .close:
                let after = index > 1 ? " after \(tokens[index - 2].shown)" : ""
                throw SyntaxError(
                    message: "expected a label, 'not' or '('\(after), found \(token.shown)", column: token.column,
                    hint: Self.example)
            }
        }

        private mutating func take(_ kind: Token.Kind) -> Bool {
            guard index < tokens.count, tokens[index].kind == kind else { return false }
            index += 1
            return true
        }
    }
}
