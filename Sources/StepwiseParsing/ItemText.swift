import StepwiseModel

/// The text of one instruction or expectation as a step definition will match it: plain text
/// with invisible characters removed and every kind of space made a plain space.
enum ItemText {
    static func normalize(_ text: String) -> String {
        var lines: [String] = []
        var current = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x2028, 0x2029:
                lines.append(current)
                current = ""
                pendingSpace = false
            case 0x200B, 0x200C, 0xFEFF, 0x00AD, 0x2060:
                continue  // zero-width and soft hyphen: invisible, and they break matching
            case 0x09, 0x0B, 0x0C, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                pendingSpace = !current.isEmpty
            default:
                if pendingSpace { current.unicodeScalars.append(" ") }
                pendingSpace = false
                current.unicodeScalars.append(scalar)
            }
        }
        lines.append(current)
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Strips a leading list marker written as text: `1. `, `1) `, `1\. `, `- `, `* `, `• `.
    /// Returns the marker's number for ordered markers.
    static func stripMarker(_ text: String) -> (text: String, marker: Marker?) {
        let scalars = Array(text.unicodeScalars.prefix(8))
        var index = 0
        while index < scalars.count, index < 3, ("0"..."9").contains(scalars[index]) { index += 1 }
        if index > 0, index < scalars.count, scalars[index] == "." || scalars[index] == ")" {
            let next = index + 1
            if next == scalars.count || scalars[next] == " " {
                let number = Int(String(String.UnicodeScalarView(scalars[0..<index]))) ?? 0
                let rest = text.unicodeScalars.dropFirst(min(next + 1, text.unicodeScalars.count))
                return (String(String.UnicodeScalarView(rest)), .ordered(number))
            }
        }
        if let first = scalars.first, first == "-" || first == "•" || first == "*" || first == "–",
            scalars.count > 1, scalars[1] == " "
        {
            return (String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(2))), .bullet)
        }
        return (text, nil)
    }

    enum Marker: Equatable {
        case ordered(Int)
        case bullet
    }

    /// `On 2. text` → (2, "text"): the expectation follows instruction 2.
    static func stripInstructionReference(_ text: String) -> (text: String, instruction: Int?) {
        let scalars = text.unicodeScalars
        guard scalars.count > 4, text.hasPrefix("On ") || text.hasPrefix("on ") else { return (text, nil) }
        var index = scalars.index(scalars.startIndex, offsetBy: 3)
        if text.dropFirst(3).lowercased().hasPrefix("step ") { index = scalars.index(index, offsetBy: 5) }
        let digitsStart = index
        while index < scalars.endIndex, ("0"..."9").contains(scalars[index]) { index = scalars.index(after: index) }
        guard index > digitsStart, index < scalars.endIndex, [".", ":", ","].contains(scalars[index]),
            let number = Int(String(scalars[digitsStart..<index]))
        else { return (text, nil) }
        index = scalars.index(after: index)
        let rest = String(scalars[index...]).trimmingASCIIWhitespace()
        return (String(rest), number)
    }
}
