import Foundation

/// JSON written as `EventStream.makeEncoder()` writes it (keys sorted in byte order, nothing
/// indented, `/` not escaped, dates in ISO 8601, numbers in Swift's shortest form), without
/// Foundation's `JSONEncoder`: that one asks every value it meets whether it is a date, data, a
/// URL, a decimal or a dictionary through dynamic casts to protocols, which cost more than the
/// writing. Events are written with it (see `Event.jsonLine()`), and `--format json` lines of
/// the commands reading specs use its strings.
package enum JSONText {
    /// A number as `JSONEncoder` writes it: Swift's shortest form, without a trailing ".0".
    /// A value JSON cannot hold (infinity, NaN) is an `EncodingError`, as with `JSONEncoder`.
    static func number(_ value: Double) throws -> JSONNode {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return .number(text)
    }

    /// A string escaped as `JSONEncoder` escapes it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
    /// other control characters as `\u00xx`; everything else, `/` and non-ASCII included, as it is.
    package static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            // Runs of bytes that need no escape are copied whole.
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: Array(#"\u00"#.utf8))
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0x0F)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
            out.append(UInt8(ascii: "\""))
        }
    }

    static func number<Integer: BinaryInteger>(_ value: Integer) -> JSONNode { .number(String(value)) }

    /// A date as `.iso8601` writes it, in UTC to the whole second below: `2026-12-01T17:53:42Z`.
    /// Worked out here: Foundation's formatter builds a calendar first, which costs more than a run's
    /// other writing.
    static func iso8601(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, time) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = time < 0 ? (days - 1, time + 86_400) : (days, time)
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm), in eras of 400 years.
        let shifted = day + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(dayOfMonth, 2))T"
            + "\(digits(second / 3_600, 2)):\(digits(second / 60 % 60, 2)):\(digits(second % 60, 2))Z"
    }
}

final class JSONObject {
    var members: [String: JSONNode] = [:]

    /// A member; setting `nil` leaves the key out, as `encodeIfPresent` does.
    subscript(key: String) -> JSONNode? {
        get { members[key] }
        set { members[key] = newValue }
    }
}

final class JSONArray {
    var elements: [JSONNode] = []

    init(_ elements: [JSONNode] = []) { self.elements = elements }
}

/// A JSON value to write: objects write their keys sorted in byte order.
enum JSONNode {
    case literal(StaticString)
    case number(String)
    case string(String)
    case object(JSONObject)
    case array(JSONArray)

    func write(into out: inout [UInt8]) {
        switch self {
        case .literal(let text): text.withUTF8Buffer { out.append(contentsOf: $0) }
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): JSONText.appendString(text, to: &out)
        case .array(let array):
            out.append(UInt8(ascii: "["))
            for (index, element) in array.elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            // Byte order of the keys' UTF-8, as `.sortedKeys` sorts them.
            let keys = object.members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                object.members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
