import StepwiseModel

/// A whole export at a glance: what it holds, how much of it is automated, and what to
/// automate next (`stepwise report`).
///
/// The JSON form of this type is versioned by ``schema``; new fields may be added within a
/// version, never removed or renamed.
package struct Catalogue: Hashable, Sendable, Codable {
    /// The version of the catalogue's JSON document.
    package static let schemaVersion = 1

    package var schema: Int = Catalogue.schemaVersion
    /// The paths the catalogue was made from, as given.
    package var sources: [String]
    package var totals: Totals
    /// One entry per case, in path order; twins (`X.md` beside `X.json`) count once.
    package var cases: [Entry]
    package var byFolder: [Count]
    package var byPriority: [Count]
    package var byStatus: [Count]
    package var byLabel: [Count]
    package var byEnvironment: [Count]
    /// Per automation tool named by the export's fields (Cypress, Playwright, Detox...), how many
    /// cases have each value.
    package var automationFields: [ToolCoverage]
    /// The most frequent item texts no loaded definition binds: what to automate next.
    package var unboundPhrases: [Phrase]
    /// Every error and warning found while reading or binding.
    package var diagnostics: [FileDiagnostic]
    /// Cases whose text changed since a library pinned it.
    package var drift: [String]

    package struct Totals: Hashable, Sendable, Codable {
        package var files: Int = 0
        /// `X.md` files skipped because `X.json` beside them is the same case.
        package var twins: Int = 0
        package var cases: Int = 0
        package var steps: Int = 0
        package var items: Int = 0
        /// Items bound to a definition (matched); manual items are not counted as bound.
        package var boundItems: Int = 0
        package var manualItems: Int = 0
        /// Steps whose every item is bound.
        package var boundSteps: Int = 0
        /// Cases whose every item is bound (and that have at least one item).
        package var boundCases: Int = 0
        /// Cases with at least one error diagnostic.
        package var casesWithErrors: Int = 0
        /// Files that could not be read as a case at all.
        package var unreadable: Int = 0
    }

    package struct Count: Hashable, Sendable, Codable {
        package var name: String
        package var cases: Int
    }

    package struct ToolCoverage: Hashable, Sendable, Codable {
        package var tool: String
        /// Cases whose field says the automation is in production.
        package var inProduction: Int
        /// Every value of the field, most frequent first ("(empty)" when unset).
        package var values: [Count]
    }

    package struct Phrase: Hashable, Sendable, Codable {
        package var text: String
        package var kind: ItemPlan.Kind
        /// How many items have this text.
        package var occurrences: Int
        /// Up to five cases it occurs in.
        package var examples: [String]
    }

    package struct FileDiagnostic: Hashable, Sendable, Codable {
        package var key: String?
        package var diagnostic: Diagnostic
    }

    package struct Entry: Hashable, Sendable, Codable {
        package var key: String
        package var title: String
        package var source: String
        package var format: ExportFormat
        package var folder: [String]
        package var priority: String?
        package var status: String?
        package var labels: [String]
        package var environments: [String]
        /// Automation tool → the export's value for it, for the tools that have one.
        package var automation: [String: String]
        package var steps: Int
        package var items: Int
        package var boundItems: Int
        package var diagnostics: Int
        package var drift: Bool
    }
}
