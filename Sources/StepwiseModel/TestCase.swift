/// One manual test case as exported, read into structure but never reinterpreted.
public struct TestCase: Hashable, Sendable, Codable {
    /// The test-management key, such as `MM-T938`.
    public var key: String
    public var title: String
    /// The case's workflow status in the test-management tool ("Active", "Draft", "Deprecated").
    public var status: String?
    /// "Low", "Normal", "High".
    public var priority: String?
    /// Folder names from the root, such as `["Suite", "System Console", "User Management", "Users"]`.
    public var folder: [String]
    public var labels: [String]
    public var component: String?
    /// When the case was created, as written in the export (ISO 8601).
    public var createdOn: String?
    /// Custom fields, in the order the export lists them.
    public var fields: [Field]
    public var objective: RichText?
    public var precondition: RichText?
    public var steps: [Step]
    /// The export format it was read from.
    public var format: ExportFormat
    /// Where the case starts: the file, and the line of its key or heading.
    public var location: SourceLocation

    public init(
        key: String, title: String, status: String? = nil, priority: String? = nil, folder: [String] = [],
        labels: [String] = [], component: String? = nil, createdOn: String? = nil, fields: [Field] = [],
        objective: RichText? = nil, precondition: RichText? = nil, steps: [Step] = [],
        format: ExportFormat, location: SourceLocation
    ) {
        self.key = key
        self.title = title
        self.status = status
        self.priority = priority
        self.folder = folder
        self.labels = labels
        self.component = component
        self.createdOn = createdOn
        self.fields = fields
        self.objective = objective
        self.precondition = precondition
        self.steps = steps
        self.format = format
        self.location = location
    }

    /// The value of the custom field with this name, if the export has it.
    public func field(_ name: String) -> RichText? { fields.first { $0.name == name }?.value }
}
