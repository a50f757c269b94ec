import Foundation
import StepwiseModel

/// The end-of-run text of the console report.
struct ConsoleSummary {
    var style: ConsoleStyle

    /// The summary; without `everyCase` (`--quiet`) only the failures, diagnostics and counts.
    func render(_ run: RunRecord, everyCase: Bool = true) -> String {
        var out = ""
        if everyCase {
            var header = "Stepwise run \(run.runID)"
            if !run.tool.isEmpty { header += " · \(run.tool)" }
            header += " · \(run.clock.rawValue) clock · \(run.jobs) job\(run.jobs == 1 ? "" : "s")"
            out += style.paint(header, .bold) + "\n"
            for record in run.cases {
                out += "\n" + render(record, clock: run.clock)
            }
        }
        let failures = run.cases.filter { [.failed, .ambiguous, .undefined].contains($0.status) }
        if !failures.isEmpty {
            out += "\n" + style.paint("Failures:", .bold) + "\n"
            for record in failures {
                guard let problem = record.firstProblem else {
                    out +=
                        "  \(ReportText.oneLine(record.location.description)): \(record.status.rawValue): \(ReportText.oneLine(record.displayName))\n"
                    continue
                }
                let reason = problem.item.message.map(ReportText.oneLine) ?? problem.item.status.rawValue
                // The item ID tells apart items a step wrote on one line, which share a location.
                // Every piece of spec text (the path, the key) is shown with control pictures, as titles are.
                out += "  \(ReportText.oneLine(problem.item.location.description)): \(problem.item.status.rawValue): "
                out += "\(ReportText.oneLine(record.key)) \(problem.item.itemID): \(reason)\n"
            }
        }
        if !run.diagnostics.isEmpty {
            out += "\n" + style.paint("Diagnostics:", .bold) + "\n"
            for reported in run.diagnostics {
                out +=
                    ReportText.printable(reported.diagnostic.rendered(sourceLine: reported.sourceLine)).indented("  ")
                    + "\n"
            }
        }
        if !run.isComplete {
            out += "\n" + style.paint("The run did not finish: the stream ends before runFinished.", .warning) + "\n"
        }
        let counts = style.paint(ReportText.counts(run), ConsoleStyle.role(run.status))
        out += "\n\(counts) in \(ReportText.timing(run.duration, clock: run.clock))\n"
        return out
    }

    /// `--durations N`: the `count` slowest items by wall time (all with 0), slowest first, ties
    /// in plan order; each with its time, location, case key and item ID, and text.
    func slowest(_ count: Int, of run: RunRecord) -> String {
        var items: [(record: CaseRecord, item: ItemRecord)] = []
        for record in run.cases {
            for step in record.steps { for item in step.items where item.startedAt != nil { items.append((record, item)) } }
        }
        // A stable sort: equal times keep plan order.
        let ranked = items.enumerated().sorted {
            ($0.element.item.duration.wall, $1.offset) > ($1.element.item.duration.wall, $0.offset)
        }.map(\.element)
        let shown = count == 0 ? ranked : Array(ranked.prefix(count))
        guard !shown.isEmpty else { return "\nNo item ran, so none is slowest.\n" }
        var out = "\n" + style.paint("Slowest \(shown.count) of \(items.count) items:", .bold) + "\n"
        let timings = shown.map { ReportText.timing($0.item.duration, clock: run.clock) }
        let width = timings.map(\.count).max() ?? 0
        for ((record, item), timing) in zip(shown, timings) {
            out += "  " + timing + String(repeating: " ", count: width - timing.count)
            out += "  \(ReportText.oneLine(item.location.description))  \(ReportText.oneLine(record.key)) \(item.itemID)"
            out += "  \(ReportText.oneLine(item.text))\n"
        }
        return out
    }

    func render(_ record: CaseRecord, clock: ClockKind) -> String {
        var out = style.paint(ReportText.symbol(record.status), ConsoleStyle.role(record.status))
        out += " " + style.paint(ReportText.oneLine(record.displayName), .bold)
        out += " · \(record.status.rawValue) · \(ReportText.timing(record.duration, clock: clock))\n"
        var facts = [ReportText.oneLine(record.location.description), ReportText.oneLine(ReportText.folderPath(record.folder))]
        if record.attempt > 1 { facts.append("attempt \(record.attempt)" + (record.flaky ? ", flaky" : "")) }
        out += "  " + style.paint(facts.joined(separator: " · "), .dim) + "\n"
        for earlier in record.earlierAttempts {
            let reason = earlier.message.map { ": " + ReportText.oneLine($0) } ?? ""
            out += "  " + style.paint("attempt \(earlier.attempt) \(earlier.status.rawValue)\(reason)", .warning) + "\n"
        }
        for step in record.steps {
            out += "  " + style.paint(ReportText.symbol(step.status), ConsoleStyle.role(step.status))
            out += " \(ReportText.stepTitle(step)) · \(step.status.rawValue)"
            if step.startedAt != nil { out += " · \(ReportText.timing(step.duration, clock: clock))" }
            out += "\n"
            for item in step.items { out += render(item, clock: clock) }
        }
        return out
    }

    private func render(_ item: ItemRecord, clock: ClockKind) -> String {
        var out = "    " + style.paint(ReportText.symbol(item.status), ConsoleStyle.role(item.status))
        out += " \(ReportText.oneLine(item.text))"
        out += style.paint(
            item.startedAt == nil
                ? " · \(item.status.rawValue)" : " · " + ReportText.timing(item.duration, clock: clock), .dim)
        out += "\n"
        let detail = "        "
        for note in item.notes { out += detail + "note: \(ReportText.oneLine(note))\n" }
        guard item.status != .passed, item.status != .skipped else { return out }
        let reason = ReportText.printable(item.message ?? item.status.rawValue)
        out += detail + style.paint("\(ReportText.oneLine(item.location.description)): \(item.status.rawValue): ", ConsoleStyle.role(item.status))
        out += reason.indented(detail).dropFirst(detail.count) + "\n"
        // An undefined item's reason already says that nothing matches (and what came close).
        if item.status != .undefined { out += detail + "definition: \(ReportText.binding(item.binding))\n" }
        if let raised = item.failureLocation { out += detail + "raised at: \(raised)\n" }
        if let snippet = item.binding.snippet, item.status == .undefined {
            out += detail + "add a definition:\n" + ReportText.printable(snippet).indented(detail + "  ") + "\n"
        }
        return out
    }
}

extension String {
    /// Every line prefixed, for nesting multi-line text under a heading.
    func indented(_ prefix: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }
}
