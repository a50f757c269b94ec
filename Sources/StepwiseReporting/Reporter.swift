import StepwiseModel

/// Turns the event stream into a report. Reporters see nothing but events.
///
/// The run command calls ``receive(_:)`` for every event in stream order from one task, then
/// ``finish()`` once. Reporters that write files write them atomically in ``finish()``.
public protocol Reporter: AnyObject {
    /// Takes the next event of the run, in stream order; a reporter that writes as the run goes
    /// (the console, NDJSON to standard output) writes here.
    func receive(_ event: Event) throws
    /// The stream has ended: write what is left (file reports write their whole file here,
    /// atomically).
    func finish() throws
}

/// Every report format the command line offers.
public enum ReportFormat: String, Hashable, Sendable, CaseIterable {
    /// The report a person reads in a terminal, live while the run goes.
    case console
    /// The event stream itself, one JSON event per line.
    case ndjson
    /// The whole run as one JSON document.
    case json
    /// JUnit XML, for CI servers.
    case junit
    /// One self-contained HTML page.
    case html
    /// A compact Markdown table, for CI job summaries and merge-request notes.
    case markdown
    /// Allure 2 result files, in a directory.
    case allure
    /// Zephyr Scale custom-format results, as JSON or a zip ready to upload.
    case zephyr
}

/// Where a reporter writes.
public enum ReportDestination: Hashable, Sendable {
    /// Standard output (`-` on the command line); at most one report per run goes there.
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

    /// Options; each defaults to off (no colour, no live progress, no links, `--color auto`, not
    /// quiet, no slowest items).
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
    /// The reporter for `format`, writing to `destination`; throws ``ReporterError`` when the
    /// destination cannot take that format (such as an Allure path that is a file).
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
    /// What went wrong, naming the report and its path.
    public var message: String
    /// An error with that message.
    public init(message: String) { self.message = message }
    public var description: String { message }
}
