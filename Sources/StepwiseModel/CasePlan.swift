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

/// One step of a ``CasePlan``: its ID and number as exported, the case it calls (if it is a call),
/// where it is written, and its items.
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

/// One instruction or expectation of a ``StepPlan``: its ID (`<step>.i<n>` or `<step>.e<n>`), its
/// text and sub-items as written, where it is written, and how it is bound.
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

/// How an item is bound to code: each state carries what is true of it, and nothing else.
///
/// In JSON (events and reports) it is one object: `state`, with `expression`, `definitionLocation`
/// and `arguments` for a matched or manual item (and `phrases`, each `expression` and `location`,
/// for one bound to several phrase definitions), `snippet` for an undefined one and `candidates`
/// for an ambiguous one (`arguments` and `candidates` are always written, empty when they do not apply).
public enum BindingInfo: Hashable, Sendable {
    /// Bound to one action or check (or several phrase definitions, joined).
    case matched(Definition)
    /// Bound to a definition marked manual: a person checks it.
    case manual(Definition)
    /// No definition matches; `snippet` is a ready-to-paste Swift definition.
    case undefined(snippet: Snippet)
    /// Several definitions match: every one of them.
    case ambiguous([Candidate])

    /// The state's name, as JSON and the dry run write it.
    public enum State: String, Hashable, Sendable, Codable {
        case matched, undefined, ambiguous, manual
    }

    /// The definition a matched or manual item is bound to.
    public struct Definition: Hashable, Sendable {
        /// The definition's expression, such as `go to System Console ➜ {word}`.
        public var expression: String
        /// Where the definition is written in Swift.
        public var location: SourceLocation
        /// The arguments the expression captured, rendered.
        public var arguments: [String]
        /// A binding made of several phrase definitions: each one, with where it is written, in
        /// the order they run (`expression` joins them with " + ", `location` is the first's);
        /// empty for a binding to one definition.
        public var phrases: [Candidate]

        public init(expression: String, location: SourceLocation, arguments: [String] = [], phrases: [Candidate] = []) {
            self.expression = expression
            self.location = location
            self.arguments = arguments
            self.phrases = phrases
        }

        /// Every definition of the binding with its location: the phrases of a combined binding,
        /// or the one definition.
        public var parts: [Candidate] { phrases.isEmpty ? [Candidate(expression: expression, location: location)] : phrases }
    }

    public struct Candidate: Hashable, Sendable, Codable {
        public var expression: String
        public var location: SourceLocation

        public init(expression: String, location: SourceLocation) {
            self.expression = expression
            self.location = location
        }
    }

    public var state: State {
        switch self {
        case .matched: .matched
        case .manual: .manual
        case .undefined: .undefined
        case .ambiguous: .ambiguous
        }
    }

    /// The definition of a matched or manual item.
    public var definition: Definition? {
        switch self {
        case .matched(let definition), .manual(let definition): definition
        case .undefined, .ambiguous: nil
        }
    }

    /// The captured arguments of a matched or manual item; none otherwise.
    public var arguments: [String] { definition?.arguments ?? [] }

    /// The ready-to-paste definition of an undefined item.
    public var snippet: String? {
        if case .undefined(let snippet) = self { return snippet.text }
        return nil
    }

    /// The matching definitions of an ambiguous item; none otherwise.
    public var candidates: [Candidate] {
        if case .ambiguous(let candidates) = self { return candidates }
        return []
    }
}

extension BindingInfo: Codable {
    private enum CodingKeys: String, CodingKey {
        case state, expression, definitionLocation, arguments, phrases, snippet, candidates
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func definition() throws -> Definition {
            Definition(
                expression: try container.decode(String.self, forKey: .expression),
                location: try container.decode(SourceLocation.self, forKey: .definitionLocation),
                arguments: try container.decodeIfPresent([String].self, forKey: .arguments) ?? [],
                phrases: try container.decodeIfPresent([Candidate].self, forKey: .phrases) ?? [])
        }
        switch try container.decode(State.self, forKey: .state) {
        case .matched: self = .matched(try definition())
        case .manual: self = .manual(try definition())
        case .undefined: self = .undefined(snippet: Snippet(try container.decode(String.self, forKey: .snippet)))
        case .ambiguous: self = .ambiguous(try container.decodeIfPresent([Candidate].self, forKey: .candidates) ?? [])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encodeIfPresent(definition?.expression, forKey: .expression)
        try container.encodeIfPresent(definition?.location, forKey: .definitionLocation)
        try container.encode(arguments, forKey: .arguments)
        // Only a combined binding writes its phrases: one definition's JSON is as it always was.
        if let phrases = definition?.phrases, !phrases.isEmpty { try container.encode(phrases, forKey: .phrases) }
        try container.encodeIfPresent(snippet, forKey: .snippet)
        try container.encode(candidates, forKey: .candidates)
    }
}

/// The ready-to-paste definition suggested for an undefined item: its text, or how to write it
/// the first time a reporter asks. Binding a large export finds many undefined items whose
/// snippets no report prints (`stepwise report` prints none): each is written only when read,
/// and then once.
///
/// Two snippets are equal when their texts are.
public struct Snippet: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    private let storage: OnFirstUse<String>

    /// A snippet with this text.
    public init(_ text: String) { storage = OnFirstUse { text } }

    public init(stringLiteral text: String) { self.init(text) }

    /// A snippet written by `make` when its text is first read.
    public init(writing make: @escaping @Sendable () -> String) { storage = OnFirstUse(make) }

    /// The snippet's text, written now if it was not yet.
    public var text: String { storage.value }

    public var description: String { text }

    public static func == (lhs: Snippet, rhs: Snippet) -> Bool { lhs.storage === rhs.storage || lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
