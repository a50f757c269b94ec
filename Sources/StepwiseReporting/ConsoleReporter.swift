import Foundation
import StepwiseModel

/// The report a person reads in a terminal (`--format console`): a line per case as it finishes
/// (with ``ReporterOptions/live``), then every case, step and item with status and timing, the
/// failures with the spec's `file:line`, and a counts line.
///
/// Colour only when ``ReporterOptions/color`` is set and `NO_COLOR` is not. To a file, only the
/// summary is written, atomically and without colour.
public final class ConsoleReporter: Reporter {
    private let destination: ReportDestination
    private let live: Bool
    private let style: ConsoleStyle
    private let write: (String) -> Void
    private var fold = RunRecord.Fold()

    /// - Parameters:
    ///   - environment: where `NO_COLOR` is looked up.
    public convenience init(
        destination: ReportDestination, options: ReporterOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment
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
        let toTerminal = destination == .standardOutput
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        self.live = options.live && toTerminal
        self.style = ConsoleStyle(enabled: options.color && toTerminal && !noColor)
        self.write = write
    }

    public func receive(_ event: Event) throws {
        fold.apply(event)
        guard live, case .caseFinished(let done) = event, let record = fold.caseRecord(done.caseID) else { return }
        write(progressLine(record, willRetry: done.willRetry))
    }

    public func finish() throws {
        let summary = ConsoleSummary(style: style).render(fold.record)
        switch destination {
        case .standardOutput: write(summary)
        case .path(let path): try AtomicFile.write(summary, to: path)
        }
    }

    private func progressLine(_ record: CaseRecord, willRetry: Bool) -> String {
        let timing = ReportText.timing(record.duration, clock: fold.record.clock)
        if willRetry {
            let reason = record.message.map { ": " + ReportText.oneLine($0) } ?? ""
            return style.paint("↻", .warning)
                + " \(ReportText.oneLine(record.displayName)) \(record.status.rawValue) on attempt "
                + "\(record.attempt), retrying (\(timing))\(reason)\n"
        }
        var line = style.paint(ReportText.symbol(record.status), ConsoleStyle.role(record.status))
        line += " \(ReportText.oneLine(record.displayName)) " + style.paint("(\(timing))", .dim)
        if record.flaky { line += style.paint(" flaky: passed on attempt \(record.attempt)", .warning) }
        if record.status != .passed, let problem = record.firstProblem {
            let message = problem.item.message.map(ReportText.oneLine) ?? problem.item.status.rawValue
            line += "\n    \(problem.item.location): \(message)"
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
