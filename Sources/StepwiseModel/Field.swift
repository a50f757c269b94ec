/// A named value from a case's metadata, such as a Zephyr custom field ("Team Ownership": "Channels").
public struct Field: Hashable, Sendable, Codable {
    public var name: String
    public var value: RichText

    public init(name: String, value: RichText) {
        self.name = name
        self.value = value
    }
}
