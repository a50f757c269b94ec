import Foundation
import StepwiseModel

/// A compact summary for CI job pages and merge-request notes (`--format markdown`), such as
/// `$GITHUB_STEP_SUMMARY`: a headline, one table row per case, then each failing case in a
/// collapsed `<details>` whose summary line says why it failed, with every failing item of the
/// case listed inside (its `file:line`, message, definition and, for an undefined one, the snippet).
package enum MarkdownReport {
    static func render(_ run: RunRecord) -> Data {
        Data(text(run).utf8)
    }

    // GitHub refuses a job summary over 1 MiB outright ("upload aborted"), and a summary nobody
    // scrolls through is no summary: past these sizes the rest is counted, not listed.
    /// Bytes of summary after which no more table rows are written.
    static let tableBudget = 400_000
    /// Bytes of summary after which no more failures are written.
    static let failureBudget = 800_000
    /// The most run diagnostics shown.
    static let diagnosticLimit = 50

    static func text(_ run: RunRecord) -> String {
        var out = "## \(emoji(run.status, flaky: false)) Stepwise: \(ReportText.counts(run))\n\n"
        var facts = [
            "\(ReportText.timing(run.duration, clock: run.clock))",
            "\(run.cases.count) case\(run.cases.count == 1 ? "" : "s")",
        ]
        if !run.runID.isEmpty { facts.append("run \(code(run.runID))") }
        out += facts.joined(separator: " · ") + "\n"
        if !run.isComplete { out += "\n> **The run did not finish**: the event stream ends before the run's end.\n" }
        if !run.cases.isEmpty {
            out += "\n|  | Case | Folder | Status | Wall | Virtual |\n| --- | --- | --- | --- | ---: | ---: |\n"
            let ordered = HTMLReport.ordered(run.cases)
            for (index, record) in ordered.enumerated() {
                guard out.utf8.count < tableBudget else {
                    out += "\n_\(ordered.count - index) more cases not listed: the full list is in the HTML, JSON and JUnit reports._\n"
                    break
                }
                var status = record.status.rawValue
                if record.flaky { status += " (flaky, attempt \(record.attempt))" }
                let cells = [
                    emoji(record.status, flaky: record.flaky), "**\(escape(record.key))** \(escape(record.title))",
                    escape(ReportText.folderPath(record.folder)), status,
                    ReportText.seconds(record.duration.wall), ReportText.seconds(record.duration.virtual),
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
        }
        let failures = HTMLReport.ordered(run.cases).filter { [.failed, .ambiguous, .undefined].contains($0.status) }
        if !failures.isEmpty {
            out += "\n### Failures\n"
            for (index, record) in failures.enumerated() {
                guard out.utf8.count < failureBudget else {
                    out += "\n_\(failures.count - index) more failures not listed: every one is in the HTML, JSON and JUnit reports._\n"
                    break
                }
                out += failure(record, clock: run.clock)
            }
        }
        let diagnostics = run.runDiagnostics
        if !diagnostics.isEmpty {
            out += "\n### Diagnostics\n\n"
            let shown = diagnostics.prefix(diagnosticLimit)
            out += fenced(shown.map { $0.diagnostic.rendered(sourceLine: $0.sourceLine) }.joined(separator: "\n"))
            if diagnostics.count > shown.count {
                out += "\n_\(diagnostics.count - shown.count) more diagnostics: `stepwise lint` prints them all._\n"
            }
        }
        return out
    }

    /// One failing case, collapsed: GitHub renders Markdown inside `<details>` after a blank line.
    private static func failure(_ record: CaseRecord, clock: ClockKind) -> String {
        let why = record.firstProblem.map { $0.item.message ?? $0.item.status.rawValue } ?? record.message
        var out = "\n<details><summary>\(emoji(record.status, flaky: false)) <b>\(HTMLText.escape(ReportText.oneLine(record.displayName)))</b>"
        if let why { out += " — \(HTMLText.escape(ReportText.oneLine(why)))" }
        out += "</summary>\n\n"
        out += "\(code(record.location.description)) · \(escape(ReportText.folderPath(record.folder)))\n\n"
        for step in record.steps {
            var line =
                "- \(emoji(step.status, flaky: false)) \(escape(ReportText.stepTitle(step))): \(step.status.rawValue)"
            if step.startedAt != nil { line += " · \(ReportText.timing(step.duration, clock: clock))" }
            out += line + "\n"
            for item in step.items where item.status != .passed || step.status != .passed {
                out += "  - \(emoji(item.status, flaky: false)) \(escape(item.text))"
                if item.status != .passed, item.status != .skipped {
                    out += " — \(code(item.location.description))"
                }
                out += "\n"
            }
        }
        for step in record.steps {
            for item in step.items where HTMLReport.isProblem(item.status) {
                out += "\n**\(escape(ReportText.stepTitle(step))) · \(item.kind == .instruction ? "Do" : "Expect"): "
                out += "\(escape(item.text))** — \(code(item.location.description))\n\n"
                out += fenced(item.message ?? item.status.rawValue)
                out += "\nDefinition: \(escape(ReportText.binding(item.binding)))"
                if let raised = item.failureLocation { out += " · raised at \(code(raised.description))" }
                out += "\n"
                if let snippet = item.binding.snippet, item.status == .undefined {
                    out += "\n" + fenced(snippet, language: "swift")
                }
            }
        }
        return out + "\n</details>\n"
    }

    private static func emoji(_ status: Status, flaky: Bool) -> String {
        if flaky { return "🔁" }
        return switch status {
        case .passed: "✅"
        case .failed: "❌"
        case .ambiguous: "⚠️"
        case .undefined: "❓"
        case .manual: "✋"
        case .skipped: "⏭️"
        }
    }

    /// Inline text with every Markdown and HTML special character neutralised, on one line
    /// (table cells cannot hold a line break).
    package static func escape(_ text: String) -> String {
        var out = ""
        for character in ReportText.oneLine(text) {
            switch character {
            case "&": out += "&amp;"
            // Block markers (`#`, `-`, `1.`) need no escape: escaped text never starts a line.
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                out += "\\\(character)"
            default: out.append(character)
            }
        }
        return out
    }

    /// A code span, with a backtick fence longer than any run of backticks inside.
    private static func code(_ text: String) -> String {
        let fence = String(repeating: "`", count: longestBacktickRun(text) + 1)
        let text = ReportText.oneLine(text)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return fence + padded + fence
    }

    private static func fenced(_ text: String, language: String = "text") -> String {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
        return "\(fence)\(language)\n\(ReportText.printable(text))\n\(fence)\n"
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }
}
