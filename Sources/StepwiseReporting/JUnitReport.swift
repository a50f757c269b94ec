import Foundation
import StepwiseModel

/// JUnit XML for CI (`--format junit`), in the dialect Jenkins, GitLab and GitHub's test
/// reporting actions read.
///
/// One `<testsuite>` per folder, one `<testcase>` per case named `KEY: title` (Zephyr Scale's
/// JUnit import finds the key in the name), its steps and items with status and timing in
/// `<system-out>`. Statuses map explicitly:
///
/// | case status | JUnit |
/// | --- | --- |
/// | passed (also flaky) | no child |
/// | failed | `<failure type="failed">` from the first failing item |
/// | ambiguous | `<error type="ambiguous">`: the binding is wrong, not the product |
/// | undefined | `<failure type="undefined">` in strict runs, `<skipped>` otherwise |
/// | manual | `<skipped message="manual: …">` |
/// | skipped | `<skipped>` |
enum JUnitReport {
    static func render(_ run: RunRecord) -> Data {
        Data(text(run).utf8)
    }

    static func text(_ run: RunRecord) -> String {
        let suites = Dictionary(grouping: run.cases, by: \.folder)
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
        let outcomes = run.cases.map { outcome($0, strict: run.strict) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(XMLText.attribute(run.tool.isEmpty ? "stepwise" : run.tool))\""
        out += " tests=\"\(run.cases.count)\""
        out += " failures=\"\(outcomes.count { $0.element == "failure" })\""
        out += " errors=\"\(outcomes.count { $0.element == "error" })\""
        out += " time=\"\(seconds(run.duration.wall))\">\n"
        let timestamp = run.startedAt.map { ISO8601DateFormatter().string(from: $0) }
        for (index, (folder, cases)) in suites.enumerated() {
            let caseOutcomes = cases.map { outcome($0, strict: run.strict) }
            let time = cases.reduce(0) { $0 + $1.duration.wall }
            out += "  <testsuite name=\"\(XMLText.attribute(ReportText.folderPath(folder)))\""
            out += " tests=\"\(cases.count)\""
            out += " failures=\"\(caseOutcomes.count { $0.element == "failure" })\""
            out += " errors=\"\(caseOutcomes.count { $0.element == "error" })\""
            out += " skipped=\"\(caseOutcomes.count { $0.element == "skipped" })\""
            out += " time=\"\(seconds(time))\" id=\"\(index)\""
            if let timestamp { out += " timestamp=\"\(timestamp)\"" }
            out += ">\n"
            for record in cases { out += testCase(record, run: run) }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private static func testCase(_ record: CaseRecord, run: RunRecord) -> String {
        var out = "    <testcase name=\"\(XMLText.attribute(record.displayName))\""
        out += " classname=\"\(XMLText.attribute(className(record.folder)))\""
        out += " time=\"\(seconds(record.duration.wall))\""
        out += " file=\"\(XMLText.attribute(record.location.file))\" line=\"\(record.location.line)\">\n"
        let result = outcome(record, strict: run.strict)
        if let element = result.element {
            out += "      <\(element)"
            if let message = result.message { out += " message=\"\(XMLText.attribute(message))\"" }
            if element != "skipped" { out += " type=\"\(record.status.rawValue)\"" }
            if let body = result.body {
                out += ">\(XMLText.escape(body))</\(element)>\n"
            } else {
                out += "/>\n"
            }
        }
        let steps = ConsoleSummary(style: ConsoleStyle(enabled: false)).render(record, clock: run.clock)
        out += "      <system-out>\(XMLText.escape(steps))</system-out>\n"
        out += "    </testcase>\n"
        return out
    }

    private struct Outcome {
        /// `failure`, `error` or `skipped`; `nil` for a pass.
        var element: String?
        var message: String?
        var body: String?
    }

    private static func outcome(_ record: CaseRecord, strict: Bool) -> Outcome {
        let problem = record.firstProblem
        let message = problem.map { ($0.item.message ?? $0.item.status.rawValue) } ?? record.message
        let summary = message.map(ReportText.oneLine)
        let body = problem.map { step, item in
            var lines = ["\(item.location): \(ReportText.stepTitle(step)): \(ReportText.oneLine(item.text))"]
            lines.append(item.message ?? item.status.rawValue)
            lines.append("definition: \(ReportText.binding(item.binding))")
            if let raised = item.failureLocation { lines.append("raised at: \(raised)") }
            return lines.joined(separator: "\n")
        }
        switch record.status {
        case .passed: return Outcome()
        case .failed: return Outcome(element: "failure", message: summary ?? "failed", body: body)
        case .ambiguous: return Outcome(element: "error", message: summary ?? "ambiguous", body: body)
        case .undefined where strict: return Outcome(element: "failure", message: summary ?? "undefined", body: body)
        case .undefined, .manual:
            return Outcome(
                element: "skipped", message: "\(record.status.rawValue): \(summary ?? record.status.rawValue)")
        case .skipped:
            return Outcome(element: "skipped", message: summary ?? "not run")
        }
    }

    /// The folder as a dotted name, as JUnit tools expect of a class; the tool's name at the root.
    static func className(_ folder: [String]) -> String {
        folder.isEmpty ? "stepwise" : folder.map { $0.replacingOccurrences(of: ".", with: "_") }.joined(separator: ".")
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.3f", max(0, value))
    }
}
