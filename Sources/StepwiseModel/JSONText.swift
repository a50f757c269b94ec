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
    static func number(_ value: Double) throws -> String {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "Unable to encode Double.\(value) directly in JSON."))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A string escaped as `JSONEncoder` escapes it: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
    /// other control characters as `\u00xx`; everything else, `/` and non-ASCII included, as it is.
    package static func appendString(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            // Runs of bytes that need no escape are copied whole; eight at a time are told clean
            // at once (no byte below 0x20, no `"`, no `\\`), as most text is.
            var start = 0
            var index = 0
            let raw = UnsafeRawBufferPointer(utf8)
            while index < utf8.count {
                if index + 8 <= utf8.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if !needsEscape(word) {
                        index += 8
                        continue
                    }
                }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<(index - 1)]))
                start = index
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

    /// An integer in decimal digits, as `JSONEncoder` writes it, without making a string.
    package static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, more than any Int has
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// Whether one of the eight bytes of `word` is below 0x20, `"` or `\\` (the classic tests
    /// for a byte less than n and for a zero byte, exact for every byte value).
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs != 0
        return below || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }

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

/// JSON written value by value straight into bytes, as `JSONEncoder` writes it with
/// `.sortedKeys`: each object's members must be written in byte order of their keys (debug builds
/// check it), which is the order the code writing each object lists them in.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the innermost open object has no member yet.
    private var empty = true
    #if DEBUG
    /// The last key written in each open object.
    private var lastKeys: [String] = []
    #endif

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// An object, its members written by `members`.
    mutating func object(_ members: (inout JSONWriter) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "{"))
        empty = true
        #if DEBUG
        lastKeys.append("")
        defer { lastKeys.removeLast() }
        #endif
        try members(&self)
        bytes.append(UInt8(ascii: "}"))
        empty = false
    }

    /// The key of the next member of the open object, after the keys written before it in it.
    mutating func key(_ key: String) {
        #if DEBUG
        precondition(
            lastKeys[lastKeys.count - 1].utf8.lexicographicallyPrecedes(key.utf8),
            "JSON key \(key) written after \(lastKeys[lastKeys.count - 1]): keys are written in byte order")
        lastKeys[lastKeys.count - 1] = key
        #endif
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        JSONText.appendString(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// An array of `elements`, each written by `element`.
    mutating func array<Element>(_ elements: [Element], _ element: (inout JSONWriter, Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        for index in elements.indices {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            try element(&self, elements[index])
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func string(_ value: String) { JSONText.appendString(value, to: &bytes) }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    mutating func bool(_ value: Bool) {
        if value {
            bytes.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            bytes.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
    }

    /// An integer in decimal digits.
    mutating func number(_ value: Int) { JSONText.appendInteger(value, to: &bytes) }

    mutating func number(_ value: Int32) { number(Int(value)) }

    /// A number as `JSONEncoder` writes it (see `JSONText.number(_:)`).
    mutating func number(_ value: Double) throws { bytes.append(contentsOf: try JSONText.number(value).utf8) }
}
