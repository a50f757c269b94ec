import StepwiseModel

/// A whole export at a glance: what it holds, how much of it is automated, and what to
/// automate next (`stepwise report`).
///
/// The JSON form of this type is versioned by ``schema``; new fields may be added within a
/// version, never removed or renamed.
public struct Catalogue: Hashable, Sendable, Codable {
    /// The version of the catalogue's JSON document.
    public static let schemaVersion = 1

    public var schema: Int = Catalogue.schemaVersion
    /// The paths the catalogue was made from, as given.
    public var sources: [String]
    public var totals: Totals
    /// One entry per case, in path order; twins (`X.md` beside `X.json`) count once.
    public var cases: [Entry]
    public var byFolder: [Count]
    public var byPriority: [Count]
    public var byStatus: [Count]
    public var byLabel: [Count]
    public var byEnvironment: [Count]
    /// Per automation tool named by the export's fields (Cypress, Playwright, Detox...), how many
    /// cases have each value.
    public var automationFields: [ToolCoverage]
    /// The most frequent item texts no loaded definition binds: what to automate next.
    public var unboundPhrases: [Phrase]
    /// Every error and warning found while reading or binding.
    public var diagnostics: [FileDiagnostic]
    /// Cases whose text changed since a library pinned it.
    public var drift: [String]

    public struct Totals: Hashable, Sendable, Codable {
        public var files: Int = 0
        /// `X.md` files skipped because `X.json` beside them is the same case.
        public var twins: Int = 0
        public var cases: Int = 0
        public var steps: Int = 0
        public var items: Int = 0
        /// Items bound to a definition (matched); manual items are not counted as bound.
        public var boundItems: Int = 0
        public var manualItems: Int = 0
        /// Steps whose every item is bound.
        public var boundSteps: Int = 0
        /// Cases whose every item is bound (and that have at least one item).
        public var boundCases: Int = 0
        /// Cases with at least one error diagnostic.
        public var casesWithErrors: Int = 0
        /// Files that could not be read as a case at all.
        public var unreadable: Int = 0
    }

    public struct Count: Hashable, Sendable, Codable {
        public var name: String
        public var cases: Int
    }

    public struct ToolCoverage: Hashable, Sendable, Codable {
        public var tool: String
        /// Cases whose field says the automation is in production.
        public var inProduction: Int
        /// Every value of the field, most frequent first ("(empty)" when unset).
        public var values: [Count]
    }

    public struct Phrase: Hashable, Sendable, Codable {
        public var text: String
        public var kind: ItemPlan.Kind
        /// How many items have this text.
        public var occurrences: Int
        /// Up to five cases it occurs in.
        public var examples: [String]
    }

    public struct FileDiagnostic: Hashable, Sendable, Codable {
        public var key: String?
        public var diagnostic: Diagnostic
    }

    public struct Entry: Hashable, Sendable, Codable {
        public var key: String
        public var title: String
        public var source: String
        public var format: ExportFormat
        public var folder: [String]
        public var priority: String?
        public var status: String?
        public var labels: [String]
        public var environments: [String]
        /// Automation tool → the export's value for it, for the tools that have one.
        public var automation: [String: String]
        public var steps: Int
        public var items: Int
        public var boundItems: Int
        public var diagnostics: Int
        public var drift: Bool
    }
}
