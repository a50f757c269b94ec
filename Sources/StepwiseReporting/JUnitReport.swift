import Foundation
import StepwiseModel

/// JUnit XML for CI (`--format junit`), valid against `junit-10.xsd`, the schema Jenkins' xUnit
/// plugin validates against (Maven Surefire's dialect, which Jenkins, GitLab and GitHub's test
/// reporting actions read).
///
/// One `<testsuite>` per folder, one `<testcase>` per case named `KEY: title` (Zephyr Scale's
/// JUnit import finds the key in the name), its steps and items with status and timing in
/// `<system-out>`. The schema allows no `file` or `line` on `<testcase>`, so each case's spec
/// location is a `<property name="location KEY" value="file:line">` of its suite (and the first
/// line of its failure body, and in its `<system-out>`). Retries are written as Surefire writes
/// them: a flaky pass has one `<flakyFailure>` (or `<flakyError>`) per failed attempt; a case that
/// failed on every attempt has its `<failure>` from the last attempt and one `<rerunFailure>` per
/// earlier one. Statuses map explicitly:
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
            out += "    <properties>\n"
            for record in cases {
                out += "      <property name=\"\(XMLText.attribute("location \(record.caseID)"))\""
                out += " value=\"\(XMLText.attribute("\(record.location.file):\(record.location.line)"))\"/>\n"
            }
            out += "    </properties>\n"
            for record in cases { out += testCase(record, run: run) }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private static func testCase(_ record: CaseRecord, run: RunRecord) -> String {
        var out = "    <testcase name=\"\(XMLText.attribute(record.displayName))\""
        out += " classname=\"\(XMLText.attribute(className(record.folder)))\""
        out += " time=\"\(seconds(record.duration.wall))\">\n"
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
        for earlier in record.earlierAttempts {
            guard let element = retryElement(earlier.status, finalElement: result.element, strict: run.strict) else {
                continue
            }
            let message = "attempt \(earlier.attempt) \(earlier.status.rawValue)"
                + (earlier.message.map { ": " + ReportText.oneLine($0) } ?? "")
            out += "      <\(element) message=\"\(XMLText.attribute(message))\" type=\"\(earlier.status.rawValue)\">"
            out += "<system-out>\(XMLText.escape("attempt \(earlier.attempt): \(earlier.status.rawValue) after \(ReportText.timing(earlier.duration, clock: run.clock))"))</system-out>"
            out += "</\(element)>\n"
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

    /// The element an earlier, retried attempt is written as: `flakyFailure`/`flakyError` when the
    /// case passed in the end, `rerunFailure`/`rerunError` when it failed in the end; nothing for
    /// an attempt that did not fail or when the final result is neither.
    private static func retryElement(_ status: Status, finalElement: String?, strict: Bool) -> String? {
        let kind: String
        switch status {
        case .failed: kind = "Failure"
        case .undefined where strict: kind = "Failure"
        case .ambiguous: kind = "Error"
        default: return nil
        }
        switch finalElement {
        case nil: return "flaky" + kind
        case "failure", "error": return "rerun" + kind
        default: return nil
        }
    }

    /// The folder as a dotted name, as JUnit tools expect of a class; the tool's name at the root.
    static func className(_ folder: [String]) -> String {
        folder.isEmpty ? "stepwise" : folder.map { $0.replacingOccurrences(of: ".", with: "_") }.joined(separator: ".")
    }

    private static func seconds(_ value: Double) -> String { ReportNumber.decimalSeconds(value) }
}
