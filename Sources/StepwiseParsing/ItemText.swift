import StepwiseModel

/// The text of one instruction or expectation as a step definition will match it: plain text
/// with invisible characters removed and every kind of space made a plain space.
enum ItemText {
    static func normalize(_ text: String) -> String {
        // A native string's bytes are looked at in place; only other text is copied to be made contiguous.
        if let result = text.utf8.withContiguousStorageIfAvailable({ isNormal($0) ? text : normalize($0) }) { return result }
        var copy = text
        return copy.withUTF8 { isNormal($0) ? text : normalize($0) }
    }

    /// Most lines need no change: single spaces only, none at the ends, no control character and
    /// none of the scalars `normalize` changes. Dashes and quotes (`—`, `’`) share lead bytes with
    /// those scalars, so a lead byte alone does not decide.
    private static func isNormal(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
        var previousSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            // Printable ASCII other than the space, nearly every byte, needs no look.
            if byte > 0x20 && byte < 0x80 {
                previousSpace = false
                continue
            }
            switch byte {
            case 0x20:
                if previousSpace { return false }
                previousSpace = true
                continue
            case 0x00..<0x20: return false
            case 0xC2, 0xE1, 0xE2, 0xE3, 0xEF:
                let length = byte >= 0xE0 ? 3 : 2
                guard index + length - 1 <= bytes.count else { return false }
                var value = UInt32(byte) & (length == 3 ? 0x0F : 0x1F)
                for next in index..<(index + length - 1) { value = value << 6 | UInt32(bytes[next] & 0x3F) }
                if isChanged(value) { return false }
                index += length - 1
            default: break
            }
            previousSpace = false
        }
        return true
    }

    /// The scalars `normalize` turns into a line break, a space or nothing.
    private static func isChanged(_ value: UInt32) -> Bool {
        switch value {
        case 0x2028, 0x2029, 0x200B, 0x200C, 0xFEFF, 0x00AD, 0x2060, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F,
            0x3000:
            true
        default: false
        }
    }

    /// Works on UTF-8 bytes: this runs for every line of every step.
    private static func normalize(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var lineStart = 0
        var pendingSpace = false
        var index = 0
        func endLine() {
            if out.count > lineStart { out.append(0x0A); lineStart = out.count }
            pendingSpace = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                switch byte {
                case 0x0A, 0x0D: endLine()
                case 0x09, 0x0B, 0x0C, 0x20: pendingSpace = out.count > lineStart
                default:
                    if pendingSpace { out.append(0x20) }
                    pendingSpace = false
                    out.append(byte)
                }
                continue
            }
            // Multi-byte: decode one scalar.
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            let end = min(index + length, bytes.count)
            var value: UInt32 = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
            for next in (index + 1)..<end { value = value << 6 | UInt32(bytes[next] & 0x3F) }
            // Keep in step with isChanged(_:).
            switch value {
            case 0x2028, 0x2029: endLine()
            case 0x200B, 0x200C, 0xFEFF, 0x00AD, 0x2060: break  // invisible, and they break matching
            case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: pendingSpace = out.count > lineStart
            default:
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: bytes[index..<end])
            }
            index = end
        }
        if out.last == 0x0A { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Strips a leading list marker written as text: `1. `, `1) `, `1\. `, `- `, `* `, `• `.
    /// Returns the marker's number for ordered markers.
    static func stripMarker(_ text: String) -> (text: String, marker: Marker?) {
        let bytes = text.utf8
        var index = bytes.startIndex
        var digits = 0
        var number = 0
        while index != bytes.endIndex, digits < 3, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index = bytes.index(after: index)
        }
        if digits > 0, index != bytes.endIndex, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")") {
            let next = bytes.index(after: index)
            if next == bytes.endIndex { return ("", .ordered(number)) }
            if bytes[next] == 0x20 { return (String(text[bytes.index(after: next)...]), .ordered(number)) }
        }
        guard let first = bytes.first else { return (text, nil) }
        // `- `, `* ` or `• ` (E2 80 A2), `– ` (E2 80 93).
        var markerEnd: String.Index?
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") {
            markerEnd = bytes.index(after: bytes.startIndex)
        } else if first == 0xE2, bytes.count >= 4 {
            let second = bytes[bytes.index(bytes.startIndex, offsetBy: 1)]
            let third = bytes[bytes.index(bytes.startIndex, offsetBy: 2)]
            if second == 0x80, third == 0xA2 || third == 0x93 { markerEnd = bytes.index(bytes.startIndex, offsetBy: 3) }
        }
        if let markerEnd, markerEnd != bytes.endIndex, bytes[markerEnd] == 0x20 {
            return (String(text[bytes.index(after: markerEnd)...]), .bullet)
        }
        return (text, nil)
    }

    /// A line drawn with dashes, underscores or equals signs ("————————"): layout, not an item.
    static func isSeparator(_ text: String) -> Bool {
        var count = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "-", "_", "=", "*", "~", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2500}": count += 1
            case " ": continue
            default: return false
            }
        }
        return count >= 3
    }

    enum Marker: Equatable {
        case ordered(Int)
        case bullet
    }

    /// `On 2. text` → (2, "text"): the expectation follows instruction 2.
    static func stripInstructionReference(_ text: String) -> (text: String, instruction: Int?) {
        // Nearly every line starts with another letter: one byte decides, before any scalar is counted.
        guard let first = text.utf8.first, first == UInt8(ascii: "O") || first == UInt8(ascii: "o") else { return (text, nil) }
        let scalars = text.unicodeScalars
        // More than four scalars, counted no further than the fifth.
        guard !scalars.dropFirst(4).isEmpty, text.hasPrefix("On ") || text.hasPrefix("on ") else { return (text, nil) }
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
