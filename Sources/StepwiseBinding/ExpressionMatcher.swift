/// What an expression captured: the text of each parameter and its range in the item.
struct ExpressionMatch {
    var range: Range<Int>
    var captures: [(type: ParameterType, text: String)]
}

extension StepExpression {
    /// Matches the whole of `text`.
    func wholeMatch(_ text: MatchText) -> ExpressionMatch? {
        var captures: [(ParameterType, Range<Int>)] = []
        guard let end = match(token: 0, at: 0, in: text, captures: &captures, wholeItem: true), end == text.count
        else { return nil }
        return ExpressionMatch(range: 0..<end, captures: captures.map { ($0.0, text.text($0.1)) })
    }

    /// The leftmost match that starts and ends on word boundaries, for phrase definitions.
    func firstPhraseMatch(_ text: MatchText) -> ExpressionMatch? {
        for start in 0..<text.count where text.isWordBoundary(start) && text.scalars[start] != " " {
            var captures: [(ParameterType, Range<Int>)] = []
            if let end = match(token: 0, at: start, in: text, captures: &captures, wholeItem: false) {
                return ExpressionMatch(range: start..<end, captures: captures.map { ($0.0, text.text($0.1)) })
            }
        }
        return nil
    }

    /// Backtracking match of the tokens from `token` on; returns the end offset.
    private func match(
        token: Int, at position: Int, in text: MatchText, captures: inout [(ParameterType, Range<Int>)],
        wholeItem: Bool
    ) -> Int? {
        guard token < tokens.count else {
            if wholeItem { return position == text.count ? position : nil }
            return text.isWordBoundary(position) ? position : nil
        }
        func next(_ end: Int) -> Int? {
            match(token: token + 1, at: end, in: text, captures: &captures, wholeItem: wholeItem)
        }
        switch tokens[token] {
        case .literal(let literal):
            guard let end = text.matches(literal, at: position) else { return nil }
            return next(end)
        case .optional(let optional):
            if let end = text.matches(["("] + optional + [")"], at: position), let result = next(end) { return result }
            if let end = text.matches(optional, at: position), let result = next(end) { return result }
            return next(position)
        case .alternation(let alternatives, let whole):
            if let end = text.matches(whole, at: position), let result = next(end) { return result }
            for alternative in alternatives {
                if let end = text.matches(alternative, at: position), let result = next(end) { return result }
            }
            return nil
        case .parameter(let type):
            for end in type.scan(text, position) {
                captures.append((type, position..<end))
                if let result = next(end) { return result }
                captures.removeLast()
            }
            return nil
        }
    }
}

extension MatchText {
    /// The end offset when `literal` (folded) is at `position`.
    func matches(_ literal: [Unicode.Scalar], at position: Int) -> Int? {
        guard position + literal.count <= count else { return nil }
        var index = 0
        while index < literal.count {
            if folded[position + index] != literal[index] { return nil }
            index += 1
        }
        return position + literal.count
    }
}
