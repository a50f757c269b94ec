import ArgumentParser
import Foundation
import StepwiseModel
import StepwiseReporting

/// `stepwise render`: writes any report from a saved event stream.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write a report (console, json, junit, html, markdown, allure, zephyr) from a saved event stream.",
        discussion: """
            The report is the same as `stepwise run --format F` would have written for that run.

            Exit codes: 0 the report was written, whatever the run's outcome (the run's own exit \
            code is in the stream's runFinished event and in the json report); 2 the stream is \
            unreadable or not an event stream (the error names its file:line); 64 usage error.
            """)

    @Argument(help: "An NDJSON event stream (- for standard input).")
    var stream: String

    @Option(
        name: .shortAndLong,
        help: "The report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: String

    @Option(name: .shortAndLong, help: "Where to write (a directory for allure; default: standard output).")
    var output: String?

    /// The format, parsed here rather than through a conformance of the library's enum, which
    /// another command may want to declare differently.
    private var reportFormat: ReportFormat {
        get throws {
            guard let parsed = ReportFormat(rawValue: format) else {
                let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("unknown format '\(format)': use one of \(known)")
            }
            return parsed
        }
    }

    @Option(help: "The URL a test-management key links to in Allure results, with {} for the key.")
    var tmsLink: String?

    func validate() throws {
        if try reportFormat == .allure, output == nil {
            throw ValidationError("the allure format writes a directory: give it with --output DIR")
        }
        if output == "" { throw ValidationError("--output is empty: give a file path, or leave it out for standard output") }
        if let output {
            do {
                try ReportRequest(format: try reportFormat, destination: .path(output)).checkDestination()
            } catch let error as UsageError {
                throw ValidationError(error.description)
            }
        }
    }

    func run() throws {
        let events = try StreamInput.read(stream)
        let destination: ReportDestination = output.map { .path($0) } ?? .standardOutput
        let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
        do {
            try SavedStream.render(
                events, format: try reportFormat, destination: destination,
                options: ReporterOptions(color: toTerminal, live: false, tmsLinkPattern: tmsLink))
        } catch let error as ReporterError {
            throw ValidationError(error.message)
        }
    }
}
