/// One numbered step of a test case.
public struct Step: Hashable, Sendable, Codable {
    /// The number as exported: `"1"`, or `"2.1"` for the first step of a case called from step 2.
    public var number: String
    /// The case this step calls, when the step is a call rather than inline text.
    public var call: CaseCall?
    /// What the tester does.
    public var action: RichText?
    public var testData: RichText?
    /// What the tester should observe.
    public var expected: RichText?
    /// Step-level fields ("Fix Versions", "Related ticket(s)").
    public var info: [Field]
    /// The action split into the units that bind to code.
    public var instructions: [Instruction]
    /// The expected result split into the units that bind to code.
    public var expectations: [Expectation]
    /// The line of the step's heading (`**Step 1**`) or its JSON object.
    public var location: SourceLocation

    public init(
        number: String, call: CaseCall? = nil, action: RichText? = nil, testData: RichText? = nil,
        expected: RichText? = nil, info: [Field] = [], instructions: [Instruction] = [],
        expectations: [Expectation] = [], location: SourceLocation
    ) {
        self.number = number
        self.call = call
        self.action = action
        self.testData = testData
        self.expected = expected
        self.info = info
        self.instructions = instructions
        self.expectations = expectations
        self.location = location
    }
}

/// A step that runs another test case.
public struct CaseCall: Hashable, Sendable, Codable {
    /// The called case's key, such as `MM-T3425`.
    public var key: String
    /// The called case's name, when the export writes it.
    public var name: String?

    public init(key: String, name: String? = nil) {
        self.key = key
        self.name = name
    }
}
