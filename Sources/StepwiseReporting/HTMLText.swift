/// Escaping for HTML text and double-quoted attribute values: every piece of spec text goes
/// through here, so markup in an export shows as text and never runs.
package enum HTMLText {
    /// The five characters that can open markup or close an attribute, escaped; control
    /// characters (which HTML forbids) shown as control pictures, as in the console.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in ReportText.printable(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
