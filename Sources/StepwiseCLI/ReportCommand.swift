import ArgumentParser
import Foundation
import StepwiseCatalogue
import StepwiseReporting

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Catalogue a whole export: cases by folder, priority, status, label and environment, and what is automated.",
        discussion: """
            Reads every spec under the paths (a Zephyr Markdown export beside its JSON twin counts \
            once), binds each case against this executable's step libraries, and reports: counts \
            per folder, priority, status, label and manual test environment; automation coverage \
            (cases, steps and items bound, and the export's own Cypress/Playwright/Detox/... \
            fields); the most frequent unbound item texts, to show what to automate next; cases \
            with diagnostics; cases whose text drifted from what their steps were pinned to.

            Examples:
              stepwise report exports/ --format html --output catalogue.html
              stepwise report exports/ --format markdown >> "$GITHUB_STEP_SUMMARY"
              stepwise report exports/ --format json | jq '.totals'

            Exit status: 0 when the report was written (whatever the export holds), 1 when it \
            could not be written or a path is missing or holds no specs (the report is still \
            written), 64 for a usage error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, json, markdown
    }

    @Argument(help: ArgumentHelp("Export files or directories.", valueName: "path"))
    var paths: [String]

    @Option(help: "html, json or markdown.")
    var format: Format = .markdown

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "path"))
    var output: String?

    @Option(help: "How many unbound item texts to list.")
    var top: Int = 25

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one export file or directory") }
        if top < 0 { throw ValidationError("--top must not be negative") }
    }

    func run() throws {
        let status = try execute(output: .standardOutput, errors: .standardError)
        if status != 0 { throw ExitCode(status) }
    }

    /// Writes the report and returns the exit status.
    ///
    /// A missing path or a directory without specs is still catalogued (as a diagnostic in the
    /// report), but it is also printed and fails the command: a mistyped path in a CI job must not
    /// pass as an empty export.
    func execute(output: TextSink, errors: TextSink) throws -> Int32 {
        let catalogue = CatalogueBuilder.build(paths: paths, libraries: StepLibraries.libraries, phraseLimit: top)
        let text: String
        switch format {
        case .html: text = catalogue.html()
        case .json: text = try catalogue.json()
        case .markdown: text = catalogue.markdown()
        }
        if let path = self.output {
            do {
                try AtomicFile.write(text, to: path)
            } catch {
                errors.write("stepwise: error: cannot write \(path): \(error)\n")
                return ExitStatus.failed
            }
        } else {
            output.write(text)
        }
        // Problems with the paths, and the special files the walk refused (a pipe, a device): never
        // read, they would otherwise pass unseen outside the report.
        let pathProblems = catalogue.diagnostics.map(\.diagnostic).filter { $0.code?.area == "path" || $0.code == .fileSpecial }
        DiagnosticPrinter(output: errors).print(pathProblems)
        return pathProblems.contains { $0.severity == .error } ? ExitStatus.failed : ExitStatus.passed
    }
}
