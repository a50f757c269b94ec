import Foundation
import StepwiseModel

/// The report a person reads in a terminal (`--format console`): a line per case as it finishes
/// (with ``ReporterOptions/live``), counted (`[12/220]`), then every case, step and item with
/// status and timing, the failures with the spec's `file:line`, the counts line and, with
/// ``ReporterOptions/durations``, the slowest items. ``ReporterOptions/quiet`` keeps only the
/// failures, diagnostics and counts.
///
/// Colour as ``ColorChoice`` decides. To a file, only the summary is written, atomically and
/// without colour.
///
/// Each event costs time in proportion to its own size, never to the run's: a run of 5,000 cases
/// takes five times the work of one of 1,000 (`Benchmarks/bench-console`).
public final class ConsoleReporter: Reporter {
    private let destination: ReportDestination
    private let live: Bool
    private let quiet: Bool
    private let durations: Int?
    private let style: ConsoleStyle
    private let write: (String) -> Void
    private var fold = RunRecord.Fold()
    /// Cases finished for good (not about to be retried), for the `[n/total]` counter.
    private var finishedCases = 0

    /// A console reporter writing to standard output.
    ///
    /// - Parameters:
    ///   - destination: where the report goes (standard output, or a file).
    ///   - options: colour, live progress, `--quiet` and `--durations`, as the command line asked.
    ///   - environment: where `FORCE_COLOR`, `NO_COLOR` and `TERM` are looked up.
    public convenience init(
        destination: ReportDestination, options: ReporterOptions,
        environment: [String: String] = ColorChoice.processEnvironment
    ) {
        self.init(destination: destination, options: options, environment: environment) { text in
            StandardStreams.write(text, to: .output)
        }
    }

    /// A console reporter writing to standard output through `write`, so tests can capture it.
    init(
        destination: ReportDestination, options: ReporterOptions, environment: [String: String],
        write: @escaping (String) -> Void
    ) {
        self.destination = destination
        let toStandardOutput = destination == .standardOutput
        self.live = options.live && toStandardOutput && !options.quiet
        self.quiet = options.quiet
        self.durations = options.durations
        self.style = ConsoleStyle(
            enabled: toStandardOutput && options.colorChoice.enabled(terminal: options.color, environment: environment))
        self.write = write
    }

    public func receive(_ event: Event) throws {
        fold.apply(event)
        guard live, case .caseFinished(let done) = event, let record = fold.caseRecord(done.caseID) else { return }
        if !done.willRetry { finishedCases += 1 }
        write(progressLine(record, willRetry: done.willRetry))
    }

    public func finish() throws {
        let record = fold.record
        let summarizer = ConsoleSummary(style: style)
        var summary = summarizer.render(record, everyCase: !quiet)
        if let durations { summary += summarizer.slowest(durations, of: record) }
        switch destination {
        case .standardOutput: write(summary)
        case .path(let path): try AtomicFile.write(summary, to: path)
        }
    }

    /// `[12/220]`, the count padded to the width of the total so that the lines stay aligned.
    private var counterText: String {
        let total = max(fold.plannedCases, finishedCases)
        let done = String(finishedCases)
        return "[" + String(repeating: " ", count: max(0, String(total).count - done.count)) + done + "/\(total)]"
    }

    private var counter: String { style.paint(counterText, .dim) }

    private func progressLine(_ record: CaseRecord, willRetry: Bool) -> String {
        let timing = ReportText.timing(record.duration, clock: fold.clock)
        if willRetry {
            let reason = record.message.map { ": " + ReportText.oneLine($0) } ?? ""
            // Not counted yet: blanks where the counter stands keep the columns.
            return String(repeating: " ", count: counterText.count) + " " + style.paint("↻", .warning)
                + " \(ReportText.oneLine(record.displayName)) \(record.status.rawValue) on attempt "
                + "\(record.attempt), retrying (\(timing))\(reason)\n"
        }
        var line = counter + " " + style.paint(ReportText.symbol(record.status), ConsoleStyle.role(record.status))
        line += " \(ReportText.oneLine(record.displayName)) " + style.paint("(\(timing))", .dim)
        if record.flaky { line += style.paint(" flaky: passed on attempt \(record.attempt)", .warning) }
        if record.status != .passed, let problem = record.firstProblem {
            let message = problem.item.message.map(ReportText.oneLine) ?? problem.item.status.rawValue
            line += "\n    \(ReportText.oneLine(problem.item.location.description)): \(message)"
        } else if record.status == .skipped, let message = record.message {
            line += "\n    \(ReportText.oneLine(message))"
        }
        return line + "\n"
    }
}

/// ANSI colour, or nothing.
struct ConsoleStyle {
    enum Role: String {
        case success = "32", failure = "31", warning = "33", dim = "2", bold = "1"
    }

    var enabled: Bool

    func paint(_ text: String, _ role: Role) -> String {
        enabled ? "\u{1B}[\(role.rawValue)m\(text)\u{1B}[0m" : text
    }

    static func role(_ status: Status) -> Role {
        switch status {
        case .passed: .success
        case .failed, .ambiguous: .failure
        case .undefined, .manual: .warning
        case .skipped: .dim
        }
    }
}
