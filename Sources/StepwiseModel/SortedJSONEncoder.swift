import Foundation

/// Writes an `Encodable` value as the bytes `EventStream.makeEncoder()` writes for it (keys sorted
/// in byte order, nothing indented, `/` not escaped, dates in ISO 8601), without Foundation's
/// `JSONEncoder`: that one asks every value it meets whether it is a date, data, a URL, a
/// decimal or a dictionary through dynamic casts to protocols, which cost more than the writing,
/// and a run writes its whole stream once or twice (`--format ndjson` and the last run's).
///
/// Values `JSONEncoder` writes its own way and events never hold (`Data`, `URL`, `Decimal`) are
/// written by `JSONEncoder` itself. A test compares the two over every kind of event.
package enum SortedJSONEncoder {
    /// The JSON text of `value`.
    package static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        try node(for: value, at: []).write(into: &out)
        return out
    }

    /// The tree of a value: a scalar at once, anything else through its `encode(to:)`.
    fileprivate static func node<Value: Encodable>(for value: Value, at path: [any CodingKey]) throws -> Node {
        switch value {
        case let string as String: return .string(string)
        case let int as Int: return number(int)
        case let bool as Bool: return .literal(bool ? "true" : "false")
        case let double as Double: return try number(double, at: path)
        case let date as Date: return .string(iso8601(date))
        case is Data, is URL, is Decimal:
            return .raw(Array(try EventStream.makeEncoder().encode([value]).dropFirst().dropLast()))
        default:
            let encoder = TreeEncoder(codingPath: path)
            try value.encode(to: encoder)
            // A value that encodes nothing is an empty object, as `JSONEncoder` writes it.
            return encoder.root ?? .object(ObjectNode())
        }
    }

    /// A number as `JSONEncoder` writes it: Swift's shortest form, without a trailing ".0".
    fileprivate static func number<Number: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: Number, at path: [any CodingKey]
    ) throws -> Node {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: path, debugDescription: "Unable to encode \(Number.self).\(value) directly in JSON."))
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

    fileprivate static func number<Integer: BinaryInteger>(_ value: Integer) -> Node { .number(String(value)) }

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

private final class ObjectNode {
    var members: [String: Node] = [:]
}

private final class ArrayNode {
    var elements: [Node] = []
}

private enum Node {
    case literal(StaticString)
    case number(String)
    case string(String)
    case object(ObjectNode)
    case array(ArrayNode)
    /// JSON text written by `JSONEncoder`.
    case raw([UInt8])

    func write(into out: inout [UInt8]) throws {
        switch self {
        case .literal(let text): text.withUTF8Buffer { out.append(contentsOf: $0) }
        case .number(let text): out.append(contentsOf: text.utf8)
        case .string(let text): SortedJSONEncoder.appendString(text, to: &out)
        case .raw(let bytes): out.append(contentsOf: bytes)
        case .array(let array):
            out.append(UInt8(ascii: "["))
            for (index, element) in array.elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try element.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            // Byte order of the keys' UTF-8, as `.sortedKeys` sorts them.
            let keys = object.members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                SortedJSONEncoder.appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try object.members[key]!.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// The `Encoder` a value's `encode(to:)` writes its tree into. Keyed containers asked for more
/// than once (an event's envelope and its payload) fill the same object.
private final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var root: Node?

    init(codingPath: [any CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object(let object)? = root { return KeyedEncodingContainer(KeyedContainer(object: object, codingPath: codingPath)) }
        let object = ObjectNode()
        root = .object(object)
        return KeyedEncodingContainer(KeyedContainer(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let array)? = root { return UnkeyedContainer(array: array, codingPath: codingPath) }
        let array = ArrayNode()
        root = .array(array)
        return UnkeyedContainer(array: array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.members[key.stringValue] = .literal("null") }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.members[key.stringValue] = .literal(value ? "true" : "false") }
    mutating func encode(_ value: String, forKey key: Key) throws { object.members[key.stringValue] = .string(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        object.members[key.stringValue] = try SortedJSONEncoder.number(value, at: codingPath + [key])
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        object.members[key.stringValue] = try SortedJSONEncoder.number(value, at: codingPath + [key])
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.members[key.stringValue] = SortedJSONEncoder.number(value) }

    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        object.members[key.stringValue] = try SortedJSONEncoder.node(for: value, at: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        object.members[key.stringValue] = .object(nested)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        object.members[key.stringValue] = .array(nested)
        return UnkeyedContainer(array: nested, codingPath: codingPath + [key])
    }

    // Events never encode a superclass: its value is written as an object.
    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let nested = ObjectNode()
        object.members[name] = .object(nested)
        let encoder = TreeEncoder(codingPath: codingPath)
        encoder.root = .object(nested)
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let array: ArrayNode
    let codingPath: [any CodingKey]
    var count: Int { array.elements.count }

    mutating func encodeNil() throws { array.elements.append(.literal("null")) }
    mutating func encode(_ value: Bool) throws { array.elements.append(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { array.elements.append(.string(value)) }
    mutating func encode(_ value: Int) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: Double) throws { array.elements.append(try SortedJSONEncoder.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { array.elements.append(try SortedJSONEncoder.number(value, at: codingPath)) }
    mutating func encode(_ value: Int8) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: Int16) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: Int32) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: Int64) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: UInt) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: UInt8) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: UInt16) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: UInt32) throws { array.elements.append(SortedJSONEncoder.number(value)) }
    mutating func encode(_ value: UInt64) throws { array.elements.append(SortedJSONEncoder.number(value)) }

    mutating func encode<Value: Encodable>(_ value: Value) throws {
        array.elements.append(try SortedJSONEncoder.node(for: value, at: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectNode()
        array.elements.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(object: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayNode()
        array.elements.append(.array(nested))
        return UnkeyedContainer(array: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder(codingPath: codingPath)
        let object = ObjectNode()
        encoder.root = .object(object)
        array.elements.append(.object(object))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.root = .literal("null") }
    mutating func encode(_ value: Bool) throws { encoder.root = .literal(value ? "true" : "false") }
    mutating func encode(_ value: String) throws { encoder.root = .string(value) }
    mutating func encode(_ value: Int) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Double) throws { encoder.root = try SortedJSONEncoder.number(value, at: codingPath) }
    mutating func encode(_ value: Float) throws { encoder.root = try SortedJSONEncoder.number(value, at: codingPath) }
    mutating func encode(_ value: Int8) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Int16) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Int32) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: Int64) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt8) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt16) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt32) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode(_ value: UInt64) throws { encoder.root = SortedJSONEncoder.number(value) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { encoder.root = try SortedJSONEncoder.node(for: value, at: codingPath) }
}
