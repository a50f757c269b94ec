/// What will run for one case, as carried by ``Event/CaseStarted``: enough for a reporter to show
/// every step and item as written in the export, and how each is bound.
public struct CasePlan: Hashable, Sendable, Codable {
    public var key: String
    public var title: String
    public var folder: [String]
    public var labels: [String]
    public var priority: String?
    public var status: String?
    public var format: ExportFormat
    public var location: SourceLocation
    public var steps: [StepPlan]

    public init(
        key: String, title: String, folder: [String] = [], labels: [String] = [], priority: String? = nil,
        status: String? = nil, format: ExportFormat, location: SourceLocation, steps: [StepPlan]
    ) {
        self.key = key
        self.title = title
        self.folder = folder
        self.labels = labels
        self.priority = priority
        self.status = status
        self.format = format
        self.location = location
        self.steps = steps
    }

    /// `KEY: title`, the name CI tools show.
    public var displayName: String { "\(key): \(title)" }
}

public struct StepPlan: Hashable, Sendable, Codable {
    public var stepID: String
    public var number: String
    public var call: CaseCall?
    public var location: SourceLocation
    public var items: [ItemPlan]

    public init(stepID: String, number: String, call: CaseCall? = nil, location: SourceLocation, items: [ItemPlan]) {
        self.stepID = stepID
        self.number = number
        self.call = call
        self.location = location
        self.items = items
    }
}

public struct ItemPlan: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Bound to an action.
        case instruction
        /// Bound to a check.
        case expectation
    }

    public var itemID: String
    public var kind: Kind
    /// The item's text as written (plain text).
    public var text: String
    /// Sub-items and notes, as written.
    public var context: [String]
    public var location: SourceLocation
    public var binding: BindingInfo

    public init(
        itemID: String, kind: Kind, text: String, context: [String] = [], location: SourceLocation,
        binding: BindingInfo
    ) {
        self.itemID = itemID
        self.kind = kind
        self.text = text
        self.context = context
        self.location = location
        self.binding = binding
    }
}

/// How an item is bound to code.
public struct BindingInfo: Hashable, Sendable, Codable {
    public enum State: String, Hashable, Sendable, Codable {
        case matched, undefined, ambiguous, manual
    }

    public var state: State
    /// The matching definition's expression, such as `go to System Console ➜ {word}`.
    public var expression: String?
    /// Where the definition is written in Swift.
    public var definitionLocation: SourceLocation?
    /// The arguments the expression captured, rendered.
    public var arguments: [String]
    /// For undefined items, a ready-to-paste Swift definition.
    public var snippet: String?
    /// For ambiguous items, every matching definition.
    public var candidates: [Candidate]

    public struct Candidate: Hashable, Sendable, Codable {
        public var expression: String
        public var location: SourceLocation

        public init(expression: String, location: SourceLocation) {
            self.expression = expression
            self.location = location
        }
    }

    public init(
        state: State, expression: String? = nil, definitionLocation: SourceLocation? = nil,
        arguments: [String] = [], snippet: String? = nil, candidates: [Candidate] = []
    ) {
        self.state = state
        self.expression = expression
        self.definitionLocation = definitionLocation
        self.arguments = arguments
        self.snippet = snippet
        self.candidates = candidates
    }
}
