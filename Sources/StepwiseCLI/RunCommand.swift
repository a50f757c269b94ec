import ArgumentParser
import Foundation
import StepwiseBinding
import StepwiseModel
import StepwiseParsing
import StepwiseReporting
import StepwiseRunner

/// `stepwise run`: reads specs, binds them to the step libraries and runs them.
struct RunCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "run",
            abstract: "Bind exported test cases to your step libraries and run them.",
            discussion: discussion)
    }

    static var discussion: String {
        var text = """
            Exit codes: 0 every case passed; 1 a case failed; 2 a spec could not be read, a step \
            library is broken, or (with --strict) an item is undefined, ambiguous or drifted; 64 usage.
            Reports: --format FORMAT[:PATH], repeatable; or pair --output PATH with each --format in order.
            """
        let options = StepLibraries.options
        let faults = options.filter { $0.kind == .fault }
        let others = options.filter { $0.kind == .option }
        if !faults.isEmpty {
            text += "\n\nFaults (--fault NAME):\n" + faults.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
        }
        if !others.isEmpty {
            text += "\n\nOptions (--option NAME):\n" + others.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
        }
        return text
    }

    @Argument(help: "Spec files or directories.")
    var paths: [String] = ["specs"]

    @Flag(help: "Print the plan (every item, its binding or a snippet) without running.")
    var dryRun = false

    @Flag(help: "Undefined, ambiguous or drifted items fail the run (exit 2).")
    var strict = false

    @Option(help: "Only cases with this key (repeatable).")
    var key: [String] = []
    @Option(help: "Only cases with this label (repeatable).")
    var label: [String] = []
    @Option(help: "Only cases with this priority (repeatable).")
    var priority: [String] = []
    @Option(help: "Only cases in a folder whose path contains this, such as 'User Management/Users' (repeatable).")
    var folder: [String] = []
    @Option(help: "Only cases with this workflow status, such as Active (repeatable).")
    var status: [String] = []

    // Unconditional parsing hands `-1` to the checks below, which say what is wrong with it,
    // rather than taking it for a flag and reporting the value missing.
    @Option(parsing: .unconditional, help: "Cases run at once (default: the number of cores).")
    var jobs: Int?
    @Option(parsing: .unconditional, help: "Extra attempts for a failed case; passing on one is reported flaky.")
    var retries = 0
    @Option(
        parsing: .unconditional,
        help: """
            Wall-clock seconds an item may take before it fails and its case is abandoned (at most a \
            day; default 10, or 120 with --clock real, where waits take real time).
            """)
    var timeout: Double?

    /// The limit in force: a virtual clock makes every wait instant, a real one does not.
    var itemTimeout: Double { timeout ?? (clockKind == .real ? 120 : 10) }

    /// The longest `--timeout`: a day, far beyond any item, and well inside what `Duration` holds.
    static let longestTimeout = 86_400.0
    @Option(help: "virtual (default: instant and deterministic) or real.")
    var clock = "virtual"
    @Option(help: "Select a planted fault of a step library (repeatable; listed below).")
    var fault: [String] = []
    @Option(help: "Select an option of a step library (repeatable; listed below).")
    var option: [String] = []
    @Option(help: "console, ndjson, json, junit, html, markdown, allure or zephyr, with an optional :PATH (repeatable).")
    var format: [String] = []
    @Option(help: "The URL a test-management key links to in Allure results, with {} for the key.")
    var tmsLink: String?
    @Option(help: "A path for the next --format given without one (repeatable; - is standard output).")
    var output: [String] = []
    @Option(help: "Run only shard i of n, such as 2/4 (cases split round-robin in plan order).")
    var shard: String?

    /// Every usage check, once, before any spec is read: ArgumentParser calls it after parsing.
    mutating func validate() throws {
        do {
            try check(options: StepLibraries.current.options)
        } catch let error as UsageError {
            printError("error: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    func run() async throws {
        let collection = SpecCollection(paths: paths, twins: .dropped, naming: { SpecPath.relative($0) })
        var diagnostics = collection.diagnostics
        if let note = Self.twinNote(collection.twins) { diagnostics.append(note) }
        var cases: [TestCase] = []
        for spec in collection.readAll() {
            diagnostics += spec.diagnostics
            if let testCase = spec.testCase { cases.append(testCase) }
        }
        let code = try await execute(cases, readDiagnostics: diagnostics, reporters: nil)
        if code != ExitStatus.passed { throw ExitCode(code) }
    }

    /// Everything after reading, on options ``validate()`` accepted: filters, binding, the plan
    /// or the run, the reports. Returns the exit code.
    ///
    /// - Parameter reporters: reporters to use instead of those `--format` asks for (tests).
    func execute(
        _ testCases: [TestCase], readDiagnostics given: [Diagnostic], reporters givenReporters: [any Reporter]?
    ) async throws -> Int32 {
        do {
            let binder = Binder(libraries: StepLibraries.current)
            let selected = filter.select(testCases)
            var readDiagnostics = given
            // A mistyped filter would otherwise pass as "0 cases", exit 0, in CI.
            if selected.isEmpty, !testCases.isEmpty {
                readDiagnostics.append(
                    Diagnostic(
                        .warning, "none of the \(testCases.count) case(s) read is selected by the filters and --shard", at: nil,
                        hint: "check the --key, --label, --priority, --folder and --status values (case is ignored) and the shard",
                        code: .runNothingSelected))
            }
            let plan = binder.plan(selected, diagnostics: readDiagnostics)
            // One printer reads each spec once, whatever the number of diagnostics in it.
            let printer = DiagnosticPrinter()
            for reported in plan.diagnostics(strict: strict) {
                printError(reported.diagnostic.rendered(sourceLine: Self.sourceLine(of: reported.diagnostic, with: printer)))
            }
            if dryRun { return DryRun.print(plan, strict: strict) }

            // Each reporter with what to call it should it fail to write.
            let reporters: [(name: String, reporter: any Reporter)]
            if let givenReporters {
                reporters = givenReporters.map { ("\(type(of: $0)) report", $0) }
            } else {
                reporters = try ReportRequest.parse(formats: format, outputs: output).map {
                    let reporter = try Reporters.make(
                        $0.format, destination: $0.destination,
                        options: ReporterOptions(
                            color: isatty(STDOUT_FILENO) == 1 && $0.destination == .standardOutput, live: true,
                            tmsLinkPattern: tmsLink))
                    return ($0.description, reporter)
                }
            }
            let options = RunOptions(
                exitCode: ExitStatus.code(for:), jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, retries: retries,
                itemTimeout: .seconds(itemTimeout), configuration: configuration, strict: strict,
                runID: UUID().uuidString.lowercased(), tool: "stepwise \(StepwiseVersion.current)")
            let runner = Runner(plan: plan, options: options)
            // A report that cannot be written is dropped and named at the end; the run and the
            // other reports go on, and the exit code is at least 1 so that CI notices.
            let group = ReporterGroup(reporters.map(\.reporter))
            // The group keeps each reporter's error rather than throwing it.
            let outcome = try await runner.run(sourceLine: { Self.sourceLine(of: $0, with: printer) }, emit: group.receive)
            try? group.finish()
            for (index, error) in group.failures {
                printError("error: could not write the \(reporters[index].name): \(Self.describe(error))")
            }
            let code = ExitStatus.code(for: outcome)
            return group.failures.isEmpty ? code : max(code, ExitStatus.failed)
        } catch let error as UsageError {
            printError("error: \(error)")
            return ExitStatus.usage
        } catch let error as ReporterError {
            printError("error: \(error)")
            return ExitStatus.usage
        }
    }

    /// A write error in a sentence: Foundation's own description of an `NSError` is a dump of its user info.
    static func describe(_ error: any Error) -> String {
        if error is ReporterError { return "\(error)" }
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
        }
        return error.localizedDescription
    }

    /// The usage rules: every flag's value, and every --fault and --option against `options`.
    private func check(options: [StepOption]) throws {
        guard clockKind != nil else { throw UsageError("--clock must be virtual or real, not '\(clock)'") }
        if let jobs, jobs < 1 { throw UsageError("--jobs must be at least 1, not \(jobs)") }
        guard retries >= 0 else { throw UsageError("--retries must be 0 or more, not \(retries)") }
        // `!(timeout > 0)` also turns away NaN; infinity would trap when made a `Duration`.
        if let timeout, !(timeout > 0 && timeout <= Self.longestTimeout) {
            throw UsageError("--timeout must be more than 0 and at most \(Int(Self.longestTimeout)) seconds, not \(timeout)")
        }
        for (names, kind, flag) in [(fault, StepOption.Kind.fault, "--fault"), (option, .option, "--option")] {
            let valid = options.filter { $0.kind == kind }.map(\.name)
            for name in names where !valid.contains(name) {
                throw UsageError(
                    "unknown \(flag) '\(name)'; "
                        + (valid.isEmpty ? "the step libraries declare none" : "valid: \(valid.joined(separator: ", "))"))
            }
        }
        if let shard, CaseFilter.shard(shard) == nil { throw UsageError("--shard must be i/n with 1 ≤ i ≤ n, such as 2/4") }
        for request in try ReportRequest.parse(formats: format, outputs: output) { try request.checkDestination() }
    }

    private var clockKind: ClockKind? { ClockKind.runnable.first { $0.rawValue == clock } }

    /// What libraries see of the run: the selected options and faults, and the clock.
    var configuration: RunConfiguration {
        RunConfiguration(selectedOptions: Set(fault + option), clock: clockKind ?? .virtual)
    }

    /// The cases to take, from the filter options and --shard.
    var filter: CaseFilter {
        CaseFilter(
            keys: key, labels: label, priorities: priority, folders: folder, statuses: status,
            shard: shard.flatMap(CaseFilter.shard))
    }

    /// The one note for every Zephyr Markdown export left out for its JSON record. It names an
    /// example rather than pointing at a line: the note is about no line of any file.
    static func twinNote(_ twins: [String]) -> Diagnostic? {
        guard let first = twins.first else { return nil }
        return Diagnostic(
            .note,
            "\(twins.count) Markdown export(s) not run, such as \(first): the JSON record beside each is the same case, and runs instead",
            at: nil, hint: "name a Markdown file on the command line to run it rather than its JSON twin", code: .specTwin)
    }

    func render(_ diagnostic: Diagnostic, with printer: DiagnosticPrinter) -> String {
        var diagnostic = diagnostic
        if strict, diagnostic.code == "binding.drift" { diagnostic.severity = .error }
        return diagnostic.rendered(sourceLine: Self.sourceLine(of: diagnostic, with: printer))
    }

    /// The spec line a diagnostic points at. Only specs: a definition's location is a Swift
    /// `#fileID`, not a path to read, and its diagnostic quotes the expression itself.
    static func sourceLine(of diagnostic: Diagnostic, with printer: DiagnosticPrinter) -> String? {
        guard let location = diagnostic.location, location.file.hasSuffix(".md") || location.file.hasSuffix(".json")
        else { return nil }
        return printer.sourceLine(file: location.file, line: location.line)
    }
}

func printError(_ text: String) {
    StandardStreams.write(text + "\n", to: .error)
}
