/// Escaping for XML 1.0, which cannot carry most control characters even as references.
enum XMLText {
    /// Text content: `&`, `<`, `>` escaped, forbidden characters replaced visibly.
    static func escape(_ text: String) -> String { escaped(text, inAttribute: false) }

    /// Attribute values (always written in double quotes): also quotes, and line breaks and tabs
    /// as references so that attribute normalisation does not turn them into spaces.
    static func attribute(_ text: String) -> String { escaped(text, inAttribute: true) }

    private static func escaped(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\n" where inAttribute: out += "&#10;"
            case "\r" where inAttribute: out += "&#13;"
            case "\t" where inAttribute: out += "&#9;"
            default: out.unicodeScalars.append(visible(scalar))
            }
        }
        return out
    }

    /// The scalar itself when XML 1.0 allows it (`Char` production), else a visible stand-in:
    /// the Unicode control picture for C0 controls (`␛` for ESC), U+FFFD for the rest.
    static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: scalar
        case 0x0...0x1F: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        default: "\u{FFFD}"
        }
    }
}
