/// A JSON value that keeps the order of object members and the byte offset of every value.
///
/// Foundation's `JSONSerialization` loses member order (custom fields must stay in export order)
/// and offsets (every step needs a line), so the Zephyr JSON record is read with this small parser.
indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue], offset: Int)
    case object([(key: String, value: JSONValue)], offset: Int)

    subscript(key: String) -> JSONValue? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    var array: [JSONValue]? {
        if case .array(let values, _) = self { return values }
        return nil
    }

    var offset: Int? {
        switch self {
        case .array(_, let offset), .object(_, let offset): offset
        default: nil
        }
    }
}
