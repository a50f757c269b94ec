import Foundation
import StepwiseModel
import StepwiseReporting

extension Catalogue {
    /// The catalogue as one JSON document (`"schema": 1`), keys sorted for stable diffs.
    package func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Share of bound items, as a percentage with one decimal ("42.0%").
    var itemCoverage: String { Self.percent(totals.boundItems, of: totals.items) }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0%" }
        return String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    /// A compact Markdown summary for CI job pages and merge-request notes.
    package func markdown(top: Int = 15) -> String {
        var out = "# Catalogue\n\n"
        out += "\(headline)"
        if totals.twins > 0 { out += " (\(twinsNote))" }
        out += ".\n\n"
        out += "| coverage | bound | of | share |\n| :-- | --: | --: | --: |\n"
        out += "| cases | \(totals.boundCases) | \(totals.cases) | \(Self.percent(totals.boundCases, of: totals.cases)) |\n"
        out += "| steps | \(totals.boundSteps) | \(totals.steps) | \(Self.percent(totals.boundSteps, of: totals.steps)) |\n"
        out += "| items | \(totals.boundItems) | \(totals.items) | \(itemCoverage) |\n\n"
        func table(_ title: String, _ counts: [Count]) {
            out += "## \(title)\n\n| \(title.lowercased()) | cases |\n| :-- | --: |\n"
            for count in counts.prefix(top) { out += "| \(Self.cell(count.name)) | \(count.cases) |\n" }
            if counts.count > top { out += "| … \(counts.count - top) more | |\n" }
            out += "\n"
        }
        table("Priority", byPriority)
        table("Status", byStatus)
        table("Environment", byEnvironment)
        table("Folder", byFolder)
        table("Label", byLabel)
        out += "## Automation fields\n\n| tool | in production | values |\n| :-- | --: | :-- |\n"
        for tool in automationFields {
            let values = tool.values.prefix(5).map { "\(Self.cell($0.name)) \($0.cases)" }.joined(separator: ", ")
            out += "| \(tool.tool) | \(tool.inProduction) | \(values) |\n"
        }
        out += "\n## Automate next: most frequent unbound items\n\n| # | kind | text | cases |\n| --: | :-- | :-- | :-- |\n"
        for phrase in unboundPhrases {
            out += "| \(phrase.occurrences) | \(phrase.kind.rawValue) | \(Self.cell(phrase.text)) | \(phrase.examples.joined(separator: ", ")) |\n"
        }
        let problems = diagnostics.filter { $0.diagnostic.severity == .error }
        out += "\n## Diagnostics\n\n\(Self.counted(diagnostics.count, "diagnostic")), \(Self.counted(problems.count, "error"))"
        out += drift.isEmpty ? ", no drift.\n" : "; drift in \(drift.joined(separator: ", ")).\n"
        for item in problems.prefix(top) {
            out += "- `\(item.diagnostic.location?.description ?? "?")` \(Self.cell(item.diagnostic.message))\n"
        }
        return out
    }

    /// `1 case, 3 steps, 8 items`.
    var headline: String {
        [
            Self.counted(totals.cases, "case"), Self.counted(totals.steps, "step"), Self.counted(totals.items, "item"),
        ].joined(separator: ", ")
    }

    /// `2 files, 1 twin counted once`.
    var twinsNote: String { "\(Self.counted(totals.files, "file")), \(Self.counted(totals.twins, "twin")) counted once" }

    /// `1 case`, `2 cases`.
    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// Escapes text for a Markdown table cell, as every Stepwise report does.
    static func cell(_ text: String) -> String { MarkdownReport.escape(text) }
}
