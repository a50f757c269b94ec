/// A client's handle in the backend.
public struct ClientID: Hashable, Sendable, Comparable, CustomStringConvertible {
    let value: Int
    public static func < (lhs: ClientID, rhs: ClientID) -> Bool { lhs.value < rhs.value }
    public var description: String { "client-\(value)" }
}
