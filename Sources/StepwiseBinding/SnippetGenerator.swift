import StepwiseModel

/// Writes a ready-to-paste definition for text no definition matches, with the parameters it can
/// infer: quoted text becomes `{string}`, spans of time `{period}` or `{duration}`, numbers
/// `{int}` or `{float}`.
enum SnippetGenerator {
    static func snippet(for text: String, kind: ItemPlan.Kind, phrase: Bool) -> String {
        snippet(for: MatchText(text), kind: kind, phrase: phrase)
    }

    /// The snippet for an item's text, already normalised once: normalising is done again (a
    /// second pass can still turn "-->" into an arrow), but the text is only read again if that
    /// changes it.
    static func snippet(for item: MatchText, kind: ItemPlan.Kind, phrase: Bool) -> String {
        let normalized = TextNormalizer.normalize(item.string)
        let match = normalized == item.string ? item : MatchText(normalized: normalized)
        var expression: [Unicode.Scalar] = []
        expression.reserveCapacity(match.count + 16)
        var types: [(parameter: String, swift: String)] = []
        var position = 0
        let scanners: [(ParameterType, String)] = [
            (BuiltinParameters.periodType, "DurationRange"), (BuiltinParameters.float, "Double"),
        ]
        while position < match.count {
            let scalar = match.scalars[position]
            if (scalar == "\"" || (scalar == "'" && (position == 0 || match.scalars[position - 1] == " "))),
                let end = BuiltinParameters.string.scan(match, position).first
            {
                expression += "{string}".unicodeScalars
                types.append(("string", "String"))
                position = end
                continue
            }
            if match.isWordBoundary(position) || scalar == "~" {
                var found = false
                for (type, _) in scanners {
                    guard let end = type.scan(match, position).first else { continue }
                    let raw = match.text(position..<end)
                    if type.name == "period" {
                        let range = try? type.convert(raw) as? DurationRange
                        let isSingle = range.map { $0.upperBound == $0.lowerBound && !$0.isApproximate } ?? false
                        expression += (isSingle ? "{duration}" : "{period}").unicodeScalars
                        types.append(isSingle ? ("duration", "Duration") : ("period", "DurationRange"))
                    } else if raw.contains(".") {
                        expression += "{float}".unicodeScalars
                        types.append(("float", "Double"))
                    } else {
                        expression += "{int}".unicodeScalars
                        types.append(("int", "Int"))
                    }
                    position = end
                    found = true
                    break
                }
                if found { continue }
            }
            switch scalar {
            case "{", "}", "\\": expression += ["\\", scalar]
            default: expression.append(scalar)
            }
            position += 1
        }
        // A Swift string literal: backslashes and quotes escaped, character by character (a quote
        // a combining mark follows is another character, and stays as it is).
        var literal = ""
        if match.isASCII {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(expression.count + 8)
            for scalar in expression {
                if scalar == "\\" || scalar == "\"" { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(UInt8(scalar.value))
            }
            literal = String(decoding: bytes, as: UTF8.self)
        } else {
            for character in String(String.UnicodeScalarView(expression)) {
                if character == "\\" || character == "\"" { literal.append("\\") }
                literal.append(character)
            }
        }
        let function = kind == .instruction ? "action" : "check"
        let scope = phrase ? ", matching: .phrase" : ""
        var names: [String] = []
        var counts: [String: Int] = [:]
        for type in types {
            counts[type.parameter, default: 0] += 1
            names.append("\(type.parameter)\(counts[type.parameter]!)")
        }
        let arguments = zip(names, types).map { ", \($0): \($1.swift)" }.joined()
        let closureHead = types.isEmpty ? "world, step" : "(world, step\(arguments))"
        return """
            steps.\(function)("\(literal)"\(scope)) { \(closureHead) in
                throw StepFailure.pending()
            }
            """
    }
}
