/// `{"status":"OK"}`, the body of every action endpoint that succeeds.
public struct StatusOK: Codable, Hashable, Sendable {
    public var status = "OK"
    public init() {}
}
