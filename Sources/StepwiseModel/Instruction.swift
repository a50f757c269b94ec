/// One thing the tester does: an item of the step's action, the unit an action definition binds to.
public struct Instruction: Hashable, Sendable, Codable {
    /// 1-based position within the step (the "2" of "On 2." in an expectation).
    public var number: Int
    /// The item's plain text, without its sub-items and notes.
    public var text: String
    /// Lines attached to the instruction, such as "Examples: Mac, Windows, iOS".
    public var notes: [String]
    /// Nested items: variants and context for the action ("Mobile apps can have screen locked or not").
    public var subItems: [Instruction]
    public var location: SourceLocation

    public init(
        number: Int, text: String, notes: [String] = [], subItems: [Instruction] = [], location: SourceLocation
    ) {
        self.number = number
        self.text = text
        self.notes = notes
        self.subItems = subItems
        self.location = location
    }
}

/// One thing the tester should observe: an item of the step's expected result, bound to a check.
public struct Expectation: Hashable, Sendable, Codable {
    /// 1-based position within the step.
    public var number: Int
    /// The item's plain text (without an "On N." prefix).
    public var text: String
    /// The instruction this expectation follows, from an "On N." prefix.
    public var instruction: Int?
    /// Nested items under this expectation.
    public var subItems: [Expectation]
    /// Lines attached to the expectation that are not themselves outcomes, such as
    /// "Note: the hover effect exists only in channels".
    public var notes: [String]
    public var location: SourceLocation

    public init(
        number: Int, text: String, instruction: Int? = nil, subItems: [Expectation] = [], notes: [String] = [],
        location: SourceLocation
    ) {
        self.number = number
        self.text = text
        self.instruction = instruction
        self.subItems = subItems
        self.notes = notes
        self.location = location
    }
}
