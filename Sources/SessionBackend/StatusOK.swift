/// `{"status":"OK"}`, the body of every action endpoint that succeeds.
public struct StatusOK: Codable, Hashable, Sendable {
    /// Always "OK".
    public var status = "OK"
    /// The success body.
    public init() {}
}
