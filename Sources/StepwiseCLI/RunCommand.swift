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

    /// The help text, or nothing while no help can be printed (see ``withoutHelpText(_:)``).
    static var discussion: String { helpTextUnneeded ? "" : StepLibraries.runHelp }

    /// Set while the command tree is read for what cannot print help: the names of the commands,
    /// or a `run` command line parsed alone. Building `run`'s help text lists every option of the
    /// installed libraries; a run has no use for it.
    @TaskLocal private static var helpTextUnneeded = false

    /// `body`, run while `run`'s configuration leaves its help text out.
    static func withoutHelpText<Result>(_ body: () throws -> Result) rethrows -> Result {
        try $helpTextUnneeded.withValue(true) { try body() }
    }

    /// The help text below the options, listing the libraries' `options`.
    static func discussion(options: [StepOption]) -> String {
        var text = """
            Exit codes: 0 every case passed; 1 a case failed; 2 a spec could not be read, a step \
            library is broken, or (with --strict) an item is undefined, ambiguous or drifted; 64 usage.
            Reports: --format FORMAT[:PATH], repeatable; or pair --output PATH with each --format in order.

            Examples:
              stepwise run specs --label 'system-console and not E2E-1'
              stepwise run specs --key 'MM-T93*' --name '(?i)revoke'
              stepwise run specs --max-failures 1 --durations 5
              stepwise run specs --last-failed
              stepwise run specs --quiet --color always --format junit:out/junit.xml
              cat MM-T938.md | stepwise run -

            Colour: --color always or never; else FORCE_COLOR (0 or false: none), then NO_COLOR, \
            then TERM=dumb turn it on or off; else only on a terminal.
            """
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

    @Argument(
        help: "Spec files or directories (default: specs; - reads one spec from standard input).",
        completion: .file(extensions: ["md", "json"]))
    var paths: [String] = ["specs"]

    @Flag(help: "Print the plan (every item, its binding or a snippet) without running.")
    var dryRun = false

    @Flag(help: "Undefined, ambiguous or drifted items fail the run (exit 2).")
    var strict = false

    @Option(help: "Only cases with this key, or keys matching a glob such as 'MM-T93*' (* any characters, ? one; repeatable).")
    var key: [String] = []
    @Option(
        help: """
            Only cases whose labels match: a label, or a Cucumber tag expression with and, or, not and \
            parentheses, such as 'system-console and not E2E-1' (repeatable).
            """)
    var label: [String] = []
    @Option(help: "Only cases whose title matches this regular expression, such as '(?i)revoke' (repeatable).")
    var name: [String] = []
    @Option(help: "Only cases with this priority (repeatable).")
    var priority: [String] = []
    @Option(help: "Only cases in a folder whose path contains this, such as 'User Management/Users' (repeatable).")
    var folder: [String] = []
    @Option(help: "Only cases with this workflow status, such as Active (repeatable).")
    var status: [String] = []
    @Flag(help: "Only the cases that failed in the last run in this directory (every run keeps its stream in .stepwise/).")
    var lastFailed = false

    // Unconditional parsing hands `-1` to the checks below, which say what is wrong with it,
    // rather than taking it for a flag and reporting the value missing.
    @Option(parsing: .unconditional, help: "Cases run at once (default: the number of cores).")
    var jobs: Int?
    @Option(
        parsing: .unconditional,
        help: "Extra attempts for a failed case (at most \(Self.mostRetries)); passing on one is reported flaky.")
    var retries = 0
    @Option(parsing: .unconditional, help: "Stop after this many failed cases; the cases not started are reported as not run.")
    var maxFailures: Int?
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
    /// The most `--retries`: more attempts than this hide a broken case rather than a flaky one.
    static let mostRetries = 10
    @Option(help: "virtual (default: instant and deterministic) or real.", completion: .list(["virtual", "real"]))
    var clock = "virtual"
    @Option(
        help: "Select a planted fault of a step library (repeatable; listed below).",
        completion: .custom { _, _, _ in StepLibraries.options.filter { $0.kind == .fault }.map(\.name) })
    var fault: [String] = []
    @Option(
        help: "Select an option of a step library (repeatable; listed below).",
        completion: .custom { _, _, _ in StepLibraries.options.filter { $0.kind == .option }.map(\.name) })
    var option: [String] = []
    @Option(
        help: "console, ndjson, json, junit, html, markdown, allure or zephyr, with an optional :PATH (repeatable).",
        completion: .list(ReportFormat.allCases.map(\.rawValue)))
    var format: [String] = []
    @Option(help: "The URL a test-management key links to in Allure results, with {} for the key.")
    var tmsLink: String?
    @Option(help: "A path for the next --format given without one (repeatable; - is standard output).", completion: .file())
    var output: [String] = []
    @Option(help: "Run only shard i of n, such as 2/4 (cases split round-robin in plan order).")
    var shard: String?
    @Option(
        help: "Write spec paths in reports relative to this directory (default: the working directory).",
        completion: .directory)
    var root: String?
    @Flag(name: [.short, .long], help: "No live progress and no tree of every case: only failures, diagnostics and counts.")
    var quiet = false
    @Option(
        help: "Colour: auto (a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it), always or never.",
        completion: .list(ColorChoice.allCases.map(\.rawValue)))
    var color = "auto"
    @Option(parsing: .unconditional, help: "After the summary, the N slowest items (0: every item, slowest first).")
    var durations: Int?

    /// Whether `arguments` (the command line after the program's name) run cases, told without
    /// parsing them: `run`, nothing at all, or a first word that is a spec path (it holds a `/`
    /// or a `.`), since `run` is the default command. Other command lines may run cases too
    /// (`stepwise --strict specs`); this only says which surely do.
    static func isNamed(by arguments: [String]) -> Bool {
        guard let first = arguments.first else { return true }
        return first == "run" || (!first.hasPrefix("-") && (first.contains("/") || first.contains(".")))
    }

    /// Every usage check, once, before any spec is read: ArgumentParser calls it after parsing.
    mutating func validate() throws {
        do {
            try check(options: { StepLibraries.options })
        } catch let error as UsageError {
            if !Self.parsingAlone { printError(error.printed) }
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// Set while ``parsedAlone(_:)`` parses: a usage error found then is left for the full parse
    /// to print.
    @TaskLocal private static var parsingAlone = false

    /// The commonest `run` command line read without the argument parser: spec paths and the
    /// flags that take no value (`--strict`, `--dry-run`, `--last-failed`, `--quiet`, `-q`), each
    /// flag at most once; `nil` for anything else, which the parser reads. The parser's first
    /// use walks `run`'s 25 options three times over, 2.5 ms of a one-case run on the critical
    /// path; this gives the same command (a test compares every property on the forms it takes)
    /// and runs the same ``validate()``.
    static func readSimply(_ arguments: [String]) -> RunCommand? {
        guard arguments.first == "run" else { return nil }
        var (paths, dryRun, strict, lastFailed, quiet) = ([String](), false, false, false, false)
        for argument in arguments.dropFirst() {
            func once(_ flag: inout Bool) -> Bool {
                if flag { return false }
                flag = true
                return true
            }
            switch argument {
            case "--strict": guard once(&strict) else { return nil }
            case "--dry-run": guard once(&dryRun) else { return nil }
            case "--last-failed": guard once(&lastFailed) else { return nil }
            case "--quiet", "-q": guard once(&quiet) else { return nil }
            default:
                // An option with a value, another flag, `-`, `--`: the parser's to read.
                guard !argument.isEmpty, !argument.hasPrefix("-") else { return nil }
                paths.append(argument)
            }
        }
        var command = RunCommand()
        // Every property is given its value, as the parser gives each its default.
        command.paths = paths.isEmpty ? ["specs"] : paths
        command.dryRun = dryRun
        command.strict = strict
        command.key = []
        command.label = []
        command.name = []
        command.priority = []
        command.folder = []
        command.status = []
        command.lastFailed = lastFailed
        command.jobs = nil
        command.retries = 0
        command.maxFailures = nil
        command.timeout = nil
        command.clock = "virtual"
        command.fault = []
        command.option = []
        command.format = []
        command.tmsLink = nil
        command.output = []
        command.shard = nil
        command.root = nil
        command.quiet = quiet
        command.color = "auto"
        command.durations = nil
        do {
            try $parsingAlone.withValue(true) { try command.validate() }
        } catch {
            return nil
        }
        return command
    }

    /// `stepwise run ARGUMENTS` parsed by `run` alone, or `nil` for the full command tree to parse.
    ///
    /// Parsing from the root costs the argument parser six walks over `run`'s 25 options (two to
    /// ask whether `run` takes every remaining argument, two more as the default subcommand, two
    /// to parse it): about a third of a one-case run's time on the main thread. Parsed as a root of
    /// its own, `run` is walked twice and yields the same command. Anything other than a valid
    /// `run` command line (help, `--version`, a completion request, any error) returns `nil`
    /// without printing a thing, and the full parse then gives its usual answer: the names in help
    /// and usage texts are the whole tree's.
    static func parsedAlone(_ arguments: [String]) -> RunCommand? {
        guard arguments.first == "run" else { return nil }
        let rest = Array(arguments.dropFirst())
        // Help is never printed from here (a request for it returns nil), so none is built.
        return withoutHelpText { $parsingAlone.withValue(true) { try? parseAsRoot(rest) as? RunCommand } }
    }

    func run() async throws {
        StepLibraries.loadInBackground()
        var filter = filter
        let lastRun = LastRun.inWorkingDirectory
        if lastFailed {
            let failed: (keys: Set<String>, runID: String)
            do {
                failed = try lastRun.failedKeys()
            } catch let error as UsageError {
                printError(error.printed)
                throw ExitCode(ExitStatus.usage)
            }
            guard !failed.keys.isEmpty else {
                printError("note: --last-failed: no case failed in the last run (\(failed.runID)); nothing to run")
                return
            }
            filter.only = failed.keys
        }
        var command = self
        if let root { command = try rooted(at: root) }
        let (stdin, others) = StandardInputSpec.split(command.paths)
        let directory = FileManager.default.currentDirectoryPath
        let collection = SpecCollection(paths: others, twins: .dropped, naming: { SpecPath.relative($0, to: directory) })
        var diagnostics = collection.diagnostics
        if let note = Self.twinNote(collection.twins) { diagnostics.append(note) }
        var cases: [TestCase] = []
        for spec in (stdin.map { [$0] } ?? []) + collection.readAll() {
            diagnostics += spec.diagnostics
            if let testCase = spec.testCase { cases.append(testCase) }
        }
        let code = try await command.execute(cases, readDiagnostics: diagnostics, reporters: nil, filter: filter, lastRun: lastRun)
        if code != ExitStatus.passed { throw ExitCode(code) }
    }

    /// `--root DIR`: the run moves into DIR, so that specs are read, named in every report and
    /// quoted in diagnostics relative to it; the spec and report paths given, which are relative
    /// to where the command started, are made absolute first. (`.stepwise/` stays where the
    /// command started: ``LastRun`` is placed before the move.)
    private func rooted(at root: String) throws -> RunCommand {
        let start = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String {
            path == "-" || path.hasPrefix("/") ? path : SpecPath.lexical(start + "/" + path)
        }
        var command = self
        command.paths = paths.map(absolute)
        command.output = output.map(absolute)
        command.format = format.map { value in
            let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[1].isEmpty else { return value }
            return "\(parts[0]):\(absolute(String(parts[1])))"
        }
        guard FileManager.default.changeCurrentDirectoryPath(root) else {
            printError("error: --root: cannot enter the directory \(root)")
            throw ExitCode(ExitStatus.usage)
        }
        return command
    }

    /// Everything after reading, on options ``validate()`` accepted: filters, binding, the plan
    /// or the run, the reports. Returns the exit code.
    ///
    /// - Parameters:
    ///   - reporters: reporters to use instead of those `--format` asks for (tests).
    ///   - filter: the cases to take; by default the filter options' (``filter``).
    ///   - lastRun: where to keep this run's stream for `--last-failed`; `nil` keeps nothing.
    func execute(
        _ testCases: [TestCase], readDiagnostics given: [Diagnostic], reporters givenReporters: [any Reporter]?,
        filter: CaseFilter? = nil, lastRun: LastRun? = nil
    ) async throws -> Int32 {
        do {
            // What the run needs but the plan does not is made first, while the libraries may
            // still be loading on another thread: the reports and the stream kept for --last-failed.
            var reporters: [(name: String, reporter: any Reporter)] = []
            var keeping: Int?
            var previousKept: LastRun.PreviousKept?
            if !dryRun {
                // Each reporter with what to call it should it fail to write.
                if let givenReporters {
                    reporters = givenReporters.map { ("\(type(of: $0)) report", $0) }
                } else {
                    reporters = try ReportRequest.parse(formats: format, outputs: output).map {
                        let reporter = try Reporters.make($0.format, destination: $0.destination, options: reporterOptions($0.destination))
                        // A report to a file is made beside the others; those to the terminal keep their order.
                        return ($0.description, $0.destination == .standardOutput ? reporter : BackgroundReporter(reporter))
                    }
                }
                // The stream for --last-failed: a note, never a failure, when it cannot be kept.
                if let lastRun {
                    do {
                        let path = try lastRun.prepare()
                        previousKept = lastRun.keepPrevious()
                        keeping = reporters.count
                        // A cache of the run, not a report: not worth waiting for the disk at every run.
                        // Written where the events arrive: the runner hands them over as each case ends,
                        // so a queue of its own would only add a thread to start and to wait for.
                        reporters.append(("stream kept for --last-failed", NDJSONReporter(destination: .path(path), synced: false)))
                    } catch {
                        printError("note: this run is not kept for --last-failed: \(Self.describe(error))")
                    }
                }
            }
            let binder = StepLibraries.binder
            let selected = (filter ?? self.filter).select(testCases)
            var readDiagnostics = given
            // A mistyped filter would otherwise pass as "0 cases", exit 0, in CI.
            if selected.isEmpty, !testCases.isEmpty {
                readDiagnostics.append(
                    Diagnostic(
                        .warning, "none of the \(testCases.count) case(s) read is selected by the filters and --shard", at: nil,
                        hint: "check the --key, --label, --name, --priority, --folder and --status values (case is ignored but by --name) and the shard",
                        code: .runNothingSelected))
            }
            let plan = binder.plan(selected, diagnostics: readDiagnostics)
            // One printer reads each spec once, whatever the number of diagnostics in it.
            let printer = DiagnosticPrinter()
            for reported in plan.diagnostics(strict: strict) {
                printError(reported.diagnostic.rendered(sourceLine: Self.sourceLine(of: reported.diagnostic, with: printer)))
            }
            if dryRun { return DryRun.print(plan, strict: strict) }

            let options = RunOptions(
                exitCode: ExitStatus.code(for:), jobs: jobs ?? Parallel.defaultJobs, retries: retries,
                itemTimeout: .seconds(itemTimeout), configuration: configuration, strict: strict,
                runID: UUID().uuidString.lowercased(), tool: "stepwise \(StepwiseVersion.current)", maxFailures: maxFailures)
            let runner = Runner(plan: plan, options: options)
            // A report that cannot be written is dropped and named at the end; the run and the
            // other reports go on, and the exit code is at least 1 so that CI notices.
            let group = ReporterGroup(reporters.map(\.reporter))
            // The group keeps each reporter's error rather than throwing it.
            let outcome = try await runner.run(sourceLine: { Self.sourceLine(of: $0, with: printer) }, emit: group.receive)
            previousKept?.wait()
            try? group.finish()
            var reportFailed = false
            for (index, error) in group.failures {
                if index == keeping {
                    printError("note: this run is not kept for --last-failed: \(Self.describe(error))")
                } else {
                    printError("error: could not write the \(reporters[index].name): \(Self.describe(error))")
                    reportFailed = true
                }
            }
            let code = ExitStatus.code(for: outcome)
            return reportFailed ? max(code, ExitStatus.failed) : code
        } catch let error as UsageError {
            printError(error.printed)
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

    /// What each reporter honours: colour, live progress, quiet, durations, TMS links.
    private func reporterOptions(_ destination: ReportDestination) -> ReporterOptions {
        ReporterOptions(
            color: isatty(STDOUT_FILENO) == 1 && destination == .standardOutput, live: true, tmsLinkPattern: tmsLink,
            colorChoice: ColorChoice(rawValue: color) ?? .auto, quiet: quiet, durations: durations)
    }

    /// The usage rules: every flag's value, and every --fault and --option against `options`,
    /// which are worked out only when a --fault or an --option is given.
    private func check(options: () -> [StepOption]) throws {
        guard clockKind != nil else { throw UsageError("--clock must be virtual or real, not '\(clock)'") }
        guard ColorChoice(rawValue: color) != nil else { throw UsageError("--color must be auto, always or never, not '\(color)'") }
        if let jobs, jobs < 1 { throw UsageError("--jobs must be at least 1, not \(jobs)") }
        guard (0...Self.mostRetries).contains(retries) else {
            throw UsageError("--retries must be from 0 to \(Self.mostRetries), not \(retries)")
        }
        if let maxFailures, maxFailures < 1 { throw UsageError("--max-failures must be at least 1, not \(maxFailures)") }
        if let durations, durations < 0 { throw UsageError("--durations must be 0 (every item) or more, not \(durations)") }
        for expression in label {
            do {
                _ = try LabelExpression(parsing: expression)
            } catch {
                throw UsageError("--label '\(expression)' is not a label expression", located: error.rendered(expression: expression))
            }
        }
        for pattern in name {
            do {
                _ = try Regex(pattern)
            } catch {
                throw UsageError("--name '\(pattern)' is not a regular expression: \(error)")
            }
        }
        if let root {
            var isDirectory: ObjCBool = false
            guard !root.isEmpty, FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw UsageError("--root must be an existing directory, not '\(root)'")
            }
        }
        if paths.count(where: { $0 == "-" }) > 1 { throw UsageError("- (standard input) can be given once") }
        // `!(timeout > 0)` also turns away NaN; infinity would trap when made a `Duration`.
        if let timeout, !(timeout > 0 && timeout <= Self.longestTimeout) {
            throw UsageError("--timeout must be more than 0 and at most \(Int(Self.longestTimeout)) seconds, not \(timeout)")
        }
        for (names, kind, flag) in [(fault, StepOption.Kind.fault, "--fault"), (option, .option, "--option")] where !names.isEmpty {
            let valid = options().filter { $0.kind == kind }.map(\.name)
            for name in names where !valid.contains(name) {
                throw UsageError(
                    "unknown \(flag) '\(name)'; "
                        + (valid.isEmpty ? "the step libraries declare none" : "valid: \(valid.joined(separator: ", "))"))
            }
        }
        if let shard, CaseFilter.shard(shard) == nil {
            throw UsageError("--shard must be i/n, two whole numbers with 1 ≤ i ≤ n, such as 2/4; not '\(shard)'")
        }
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
            keys: key, labels: label.compactMap { try? LabelExpression(parsing: $0) }, names: name.compactMap { try? Regex($0) },
            priorities: priority, folders: folder, statuses: status, shard: shard.flatMap(CaseFilter.shard))
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
