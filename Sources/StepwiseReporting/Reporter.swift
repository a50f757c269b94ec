import StepwiseModel

/// Turns the event stream into a report. Reporters see nothing but events.
///
/// The run command calls ``receive(_:)`` for every event in stream order from one task, then
/// ``finish()`` once. Reporters that write files write them atomically in ``finish()``.
public protocol Reporter: AnyObject {
    func receive(_ event: Event) throws
    func finish() throws
}

/// Every report format the command line offers.
public enum ReportFormat: String, Hashable, Sendable, CaseIterable {
    case console, ndjson, json, junit, html, markdown, allure, zephyr
}

/// Where a reporter writes.
public enum ReportDestination: Hashable, Sendable {
    case standardOutput
    /// A file (or, for formats made of many files such as Allure's, a directory).
    case path(String)
}

/// Settings a reporter may honour.
public struct ReporterOptions: Hashable, Sendable {
    /// Whether standard output is a terminal: colour by default only then (console only; see ``ColorChoice``).
    public var color: Bool
    /// Live progress while running (console only).
    public var live: Bool
    /// `--color`: whether ``color`` and the environment decide, or colour is always or never used.
    public var colorChoice: ColorChoice
    /// No live progress and no tree of every case: only failures, diagnostics and the counts (console only).
    public var quiet: Bool
    /// After the summary, this many of the slowest items (0: all of them); `nil`: none (console only).
    public var durations: Int?

    /// Where a test-management key links to, with `{}` standing for the key, such as
    /// `https://jira.example.com/secure/Tests.jspa#/testCase/{}` (Allure's `tms` links).
    public var tmsLinkPattern: String?

    public init(
        color: Bool = false, live: Bool = false, tmsLinkPattern: String? = nil, colorChoice: ColorChoice = .auto,
        quiet: Bool = false, durations: Int? = nil
    ) {
        self.color = color
        self.live = live
        self.tmsLinkPattern = tmsLinkPattern
        self.colorChoice = colorChoice
        self.quiet = quiet
        self.durations = durations
    }
}

/// Makes the reporter for a format.
public enum Reporters {
    public static func make(
        _ format: ReportFormat, destination: ReportDestination, options: ReporterOptions = .init()
    ) throws -> any Reporter {
        switch format {
        case .console: ConsoleReporter(destination: destination, options: options)
        case .ndjson: NDJSONReporter(destination: destination)
        case .json: DocumentReporter(destination: destination, render: JSONReport.render)
        case .junit: DocumentReporter(destination: destination, render: JUnitReport.render)
        case .html: DocumentReporter(destination: destination, render: HTMLReport.render)
        case .markdown: DocumentReporter(destination: destination, render: MarkdownReport.render)
        case .allure: try AllureReporter(destination: destination, tmsLinkPattern: options.tmsLinkPattern)
        case .zephyr: ZephyrReport.reporter(destination: destination)
        }
    }
}

/// A reporter could not be made or could not write.
public struct ReporterError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
