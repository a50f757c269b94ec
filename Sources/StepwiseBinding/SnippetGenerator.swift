import StepwiseModel

/// Writes a ready-to-paste definition for text no definition matches, with the parameters it can
/// infer: quoted text becomes `{string}`, spans of time `{period}` or `{duration}`, numbers
/// `{int}` or `{float}`.
enum SnippetGenerator {
    static func snippet(for text: String, kind: ItemPlan.Kind, phrase: Bool) -> String {
        let normalized = TextNormalizer.normalize(text)
        var expression = ""
        var types: [(parameter: String, swift: String)] = []
        let match = MatchText(normalized: normalized)
        var position = 0
        let scanners: [(ParameterType, String)] = [
            (BuiltinParameters.periodType, "DurationRange"), (BuiltinParameters.float, "Double"),
        ]
        while position < match.count {
            let scalar = match.scalars[position]
            if (scalar == "\"" || (scalar == "'" && (position == 0 || match.scalars[position - 1] == " "))),
                let end = BuiltinParameters.string.scan(match, position).first
            {
                expression += "{string}"
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
                        expression += isSingle ? "{duration}" : "{period}"
                        types.append(isSingle ? ("duration", "Duration") : ("period", "DurationRange"))
                    } else if raw.contains(".") {
                        expression += "{float}"
                        types.append(("float", "Double"))
                    } else {
                        expression += "{int}"
                        types.append(("int", "Int"))
                    }
                    position = end
                    found = true
                    break
                }
                if found { continue }
            }
            switch scalar {
            case "{", "}", "\\": expression += "\\" + String(scalar)
            default: expression.unicodeScalars.append(scalar)
            }
            position += 1
        }
        var literal = ""
        for character in expression {
            if character == "\\" || character == "\"" { literal.append("\\") }
            literal.append(character)
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
