import Foundation
import StepwiseModel

/// Allure 2 results (`--format allure --output DIR`): one `{uuid}-result.json` per case and
/// attempt, for `allure generate DIR` or Allure TestOps.
///
/// - Statuses: passed → `passed`; failed → `failed`; ambiguous → `broken` (the binding is
///   wrong, not the product); undefined → `broken` in strict runs, `skipped` otherwise;
///   manual and skipped → `skipped`.
/// - Steps nest as the spec does: each step, then each instruction and expectation in it,
///   with status, `start`/`stop` (epoch milliseconds), captured arguments and written
///   variants as `parameters`.
/// - Labels: the folder gives `parentSuite`/`suite`/`subSuite` (one level: `suite`; two:
///   `parentSuite`, `suite`; more: the rest joined as `subSuite`), the same levels as
///   `epic`/`feature`/`story` for the Behaviors tab (one level: `feature`; two: `epic`,
///   `feature`; more: the rest joined as `story`), and `package`; each spec label a `tag`; the
///   priority a `severity` (see ``AllureReporter/severity(_:)``); `host` (the machine that
///   rendered the report) and `thread` (`job N`, the parallel lane the case ran in, rebuilt from
///   the cases' start and stop times) for the Timeline tab.
/// - Times: each result, step and item has `start`/`stop` on the wall clock and its wall and
///   virtual durations as parameters (`excluded`, so they do not split Allure's history).
/// - Notes an item's definition reported (a client's observed redirect, session ids) are a
///   `text/plain` attachment of that item, `{uuid}-attachment.txt` beside the results.
/// - Links: the key as a `tms` link, its URL from ``ReporterOptions/tmsLinkPattern``.
/// - Retries: earlier attempts are written as their own results with the same `historyId`,
///   which Allure shows under the final result's retries; a flaky pass has `statusDetails.flaky`.
/// - `testCaseId` is a hash of the key and `historyId` of the case ID (the key, or `KEY#2` for a
///   second case with the same key), never of a path, so history and trends follow a case across
///   CI workspaces and checkouts; `uuid` is derived from the run and the case ID, so the same
///   stream gives the same files. Files already in the directory are left alone.
final class AllureReporter: Reporter {
    private let directory: String
    private let tmsLinkPattern: String?
    private let host: String
    private var fold = RunRecord.Fold()

    init(destination: ReportDestination, tmsLinkPattern: String?, host: String = ProcessInfo.processInfo.hostName) throws {
        guard case .path(let directory) = destination else {
            throw ReporterError(message: "the allure format writes a directory of files: give it with --output DIR")
        }
        self.directory = directory
        self.tmsLinkPattern = tmsLinkPattern
        self.host = host
    }

    func receive(_ event: Event) throws {
        fold.apply(event)
    }

    /// All or nothing: every file is written into a hidden staging directory inside the results
    /// directory first, and only when all are written are they renamed into place, so a failed
    /// or interrupted run adds no result files (a staging directory a killed run left behind is
    /// removed by the next run, as its process no longer exists).
    func finish() throws {
        let files = try Self.files(fold.record, tmsLinkPattern: tmsLinkPattern, host: host)
        try Self.write(files, into: directory)
    }

    static func write(_ files: [(String, Data)], into directory: String) throws {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ReporterError(message: "cannot write Allure results to \(directory): it is not a directory")
        }
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let base = URL(fileURLWithPath: directory)
        AtomicFile.removeStrays(named: "allure-results", in: directory)
        let staging = base.appendingPathComponent(AtomicFile.temporaryName(for: "allure-results"))
        defer {
            TemporaryFiles.whileWriting {
                try? manager.removeItem(at: staging)
                TemporaryFiles.unregister(staging.path)
            }
        }
        try TemporaryFiles.whileWriting {
            TemporaryFiles.register(staging.path)
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
        }
        // One file at a time, so that a signal need not wait for all of them; it removes the staging directory.
        for (name, data) in files {
            try TemporaryFiles.whileWriting { try data.write(to: staging.appendingPathComponent(name)) }
        }
        // Every file moved into place, or (interrupted before) none: a signal waits for the whole move.
        try TemporaryFiles.whileWriting {
            for (name, _) in files {
                let destination = try AtomicFile.writableTarget(base.appendingPathComponent(name).path)
                if rename(staging.appendingPathComponent(name).path, destination) != 0 {
                    throw ReporterError(message: "cannot write \(destination): \(String(cString: strerror(errno)))")
                }
            }
        }
    }

    /// Every file of the results directory, by name.
    static func files(_ run: RunRecord, tmsLinkPattern: String?, host: String = "localhost") throws -> [(String, Data)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var files: [(String, Data)] = []
        var attachments: [(String, Data)] = []
        for result in results(run, tmsLinkPattern: tmsLinkPattern, host: host, attachments: &attachments) {
            files.append(("\(result.uuid)-result.json", try encoder.encode(result)))
        }
        files += attachments
        var environment = "Tool=\(run.tool)\nClock=\(run.clock.rawValue)\nJobs=\(run.jobs)\nStrict=\(run.strict)\n"
        if !run.runID.isEmpty { environment += "Run=\(run.runID)\n" }
        files.append(("environment.properties", Data(environment.utf8)))
        return files
    }

    static func results(_ run: RunRecord, tmsLinkPattern: String?) -> [AllureResult] {
        var attachments: [(String, Data)] = []
        return results(run, tmsLinkPattern: tmsLinkPattern, host: "localhost", attachments: &attachments)
    }

    static func results(
        _ run: RunRecord, tmsLinkPattern: String?, host: String, attachments: inout [(String, Data)]
    ) -> [AllureResult] {
        let origin = run.startedAt.map { ReportNumber.milliseconds($0.timeIntervalSince1970) } ?? 0
        func epoch(_ seconds: Double) -> Int64 { ReportNumber.milliseconds(seconds, after: origin) }
        let lanes = lanes(run.cases)
        var results: [AllureResult] = []
        for (index, record) in run.cases.enumerated() {
            let fullName = "\(record.location.file)#\(record.key)"
            let resultID = uuid(run.runID, record.caseID, record.attempt)
            var context = StepContext(strict: run.strict, clock: run.clock, resultID: resultID, epoch: epoch)
            let steps = record.steps.map { step($0, context: &context) }
            attachments += context.files
            var labels = labels(record)
            labels.append(.init(name: "host", value: host))
            labels.append(.init(name: "thread", value: "job \(lanes[index])"))
            let base = AllureResult(
                uuid: resultID, historyId: StableHash.hex128(record.caseID),
                testCaseId: StableHash.hex128(record.key), name: record.displayName, fullName: fullName,
                description: "Spec: `\(record.location)` · \(ReportText.folderPath(record.folder))",
                status: status(record.status, strict: run.strict),
                statusDetails: details(record, flaky: record.flaky),
                stage: record.isFinished ? "finished" : "interrupted",
                start: epoch(record.startedAt), stop: epoch(record.startedAt + record.duration.wall),
                labels: labels, links: links(record, pattern: tmsLinkPattern),
                parameters: timeParameters(record.duration, clock: run.clock),
                steps: steps, attachments: [])
            for earlier in record.earlierAttempts {
                var retry = base
                retry.uuid = uuid(run.runID, record.caseID, earlier.attempt)
                retry.status = status(earlier.status, strict: run.strict)
                retry.statusDetails = AllureResult.StatusDetails(message: earlier.message)
                retry.stage = "finished"
                retry.start = epoch(earlier.startedAt)
                retry.stop = epoch(earlier.startedAt + earlier.duration.wall)
                retry.parameters = timeParameters(earlier.duration, clock: run.clock)
                retry.steps = []
                results.append(retry)
            }
            results.append(base)
        }
        return results
    }

    static func status(_ status: Status, strict: Bool) -> String {
        switch status {
        case .passed: "passed"
        case .failed: "failed"
        case .ambiguous: "broken"
        case .undefined: strict ? "broken" : "skipped"
        case .manual, .skipped: "skipped"
        }
    }

    /// Allure's severity for a priority as Zephyr Scale and Mattermost write it:
    ///
    /// | priority | severity |
    /// | --- | --- |
    /// | Blocker, Highest, Smoke test, P0, P1… | blocker |
    /// | Critical, High, P2… | critical |
    /// | Normal, Medium, P3…, none or unknown | normal |
    /// | Low, Minor, P4… | minor |
    /// | Lowest, Trivial, P5… | trivial |
    static func severity(_ priority: String?) -> String {
        guard let priority = priority?.trimmingCharacters(in: .whitespaces).lowercased(), !priority.isEmpty else {
            return "normal"
        }
        let word = priority.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first.map(String.init) ?? priority
        switch word {
        case "blocker", "highest", "smoke", "p0", "p1": return "blocker"
        case "critical", "high", "p2": return "critical"
        case "low", "minor", "p4": return "minor"
        case "lowest", "trivial", "p5": return "trivial"
        default: return "normal"
        }
    }

    /// A folder path as three levels of labels: one folder is the middle level; two are the top
    /// and middle; deeper folders are joined as the bottom level.
    private static func levels(_ folder: [String], _ names: (top: String, middle: String, bottom: String))
        -> [AllureResult.Label]
    {
        guard let first = folder.first else { return [] }
        guard folder.count > 1 else { return [.init(name: names.middle, value: first)] }
        var labels: [AllureResult.Label] = [.init(name: names.top, value: first), .init(name: names.middle, value: folder[1])]
        if folder.count > 2 { labels.append(.init(name: names.bottom, value: folder[2...].joined(separator: " / "))) }
        return labels
    }

    private static func labels(_ record: CaseRecord) -> [AllureResult.Label] {
        var labels: [AllureResult.Label] = []
        let folder = record.folder
        labels += levels(folder, ("parentSuite", "suite", "subSuite"))
        labels += levels(folder, ("epic", "feature", "story"))
        if !folder.isEmpty { labels.append(.init(name: "package", value: JUnitReport.className(folder))) }
        labels += record.labels.map { AllureResult.Label(name: "tag", value: $0) }
        labels.append(.init(name: "severity", value: severity(record.priority)))
        labels.append(.init(name: "framework", value: "stepwise"))
        labels.append(.init(name: "language", value: "swift"))
        return labels
    }

    /// RFC 3986's unreserved characters: safe in a path, a query and a fragment alike.
    private static let urlKeyCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func links(_ record: CaseRecord, pattern: String?) -> [AllureResult.Link] {
        // A key is only ever letters, digits and '-' in Zephyr Scale, but any text in a Markdown
        // export's front matter: encoded, a space, '#' or 'ü' in it cannot break the URL.
        let key = record.key.addingPercentEncoding(withAllowedCharacters: urlKeyCharacters) ?? record.key
        let url = pattern.map { $0.replacingOccurrences(of: "{}", with: key) }
        return [AllureResult.Link(type: "tms", name: record.key, url: url)]
    }

    private static func details(_ record: CaseRecord, flaky: Bool) -> AllureResult.StatusDetails {
        guard let (_, item) = record.firstProblem, record.status != .passed else {
            return AllureResult.StatusDetails(flaky: flaky, message: record.status == .passed ? nil : record.message)
        }
        return AllureResult.StatusDetails(
            flaky: flaky, message: item.message ?? item.status.rawValue, trace: trace(item))
    }

    private static func trace(_ item: ItemRecord) -> String {
        var lines = ["spec: \(item.location)", "definition: \(ReportText.binding(item.binding))"]
        if let raised = item.failureLocation { lines.append("raised at: \(raised)") }
        if let snippet = item.binding.snippet, item.status == .undefined {
            lines.append("add a definition:\n\(snippet)")
        }
        return lines.joined(separator: "\n")
    }

    /// What building one result's steps needs and collects: the attachment files of its items.
    private struct StepContext {
        var strict: Bool
        var clock: ClockKind
        var resultID: String
        var epoch: (Double) -> Int64
        var files: [(String, Data)] = []
    }

    /// The wall and virtual durations (one figure on a real clock), excluded from Allure's history.
    static func timeParameters(_ timing: Timing, clock: ClockKind) -> [AllureResult.Parameter] {
        var parameters = [AllureResult.Parameter(name: "wall time", value: ReportText.seconds(timing.wall), excluded: true)]
        if clock != .real {
            parameters.append(.init(name: "virtual time", value: ReportText.seconds(timing.virtual), excluded: true))
        }
        return parameters
    }

    /// Parallel lanes, numbered from 1, rebuilt from start and stop times: each case takes the
    /// lowest lane free when it starts, which is what a pool of `jobs` workers does.
    static func lanes(_ cases: [CaseRecord]) -> [Int] {
        var lanes = Array(repeating: 1, count: cases.count)
        var busyUntil: [Double] = []
        for index in cases.indices.sorted(by: { (cases[$0].startedAt, $0) < (cases[$1].startedAt, $1) }) {
            let record = cases[index]
            let lane = busyUntil.firstIndex { $0 <= record.startedAt } ?? busyUntil.count
            if lane == busyUntil.count { busyUntil.append(0) }
            busyUntil[lane] = record.startedAt + max(0, record.duration.wall)
            lanes[index] = lane + 1
        }
        return lanes
    }

    private static func step(_ step: StepRecord, context: inout StepContext) -> AllureResult.Step {
        let epoch = context.epoch
        let strict = context.strict
        var items: [AllureResult.Step] = []
        for item in step.items {
            var parameters = item.binding.arguments.enumerated().map {
                AllureResult.Parameter(name: "argument \($0.offset + 1)", value: $0.element)
            }
            parameters += item.context.enumerated().map {
                AllureResult.Parameter(name: "variant \($0.offset + 1)", value: $0.element)
            }
            if item.startedAt != nil { parameters += timeParameters(item.duration, clock: context.clock) }
            var attachments: [AllureResult.Attachment] = []
            if !item.notes.isEmpty {
                let source = "\(StableUUID.make(context.resultID, item.itemID))-attachment.txt"
                context.files.append((source, Data((item.notes.joined(separator: "\n") + "\n").utf8)))
                attachments.append(AllureResult.Attachment(name: "notes", source: source, type: "text/plain"))
            }
            let failing = item.status != .passed && item.status != .skipped
            items.append(
                AllureResult.Step(
                    name: "\(item.kind == .instruction ? "Do" : "Expect"): \(item.text)",
                    status: status(item.status, strict: strict),
                    statusDetails: AllureResult.StatusDetails(
                        message: failing ? (item.message ?? item.status.rawValue) : nil,
                        trace: failing ? trace(item) : nil),
                    stage: item.startedAt == nil ? "pending" : "finished",
                    start: item.startedAt.map { epoch($0.wall) },
                    stop: item.startedAt.map { epoch($0.wall + item.duration.wall) },
                    parameters: parameters, steps: [], attachments: attachments))
        }
        return AllureResult.Step(
            name: ReportText.stepTitle(step), status: status(step.status, strict: strict),
            statusDetails: AllureResult.StatusDetails(), stage: step.startedAt == nil ? "pending" : "finished",
            start: step.startedAt.map { epoch($0.wall) },
            stop: step.startedAt.map { epoch($0.wall + step.duration.wall) },
            parameters: step.startedAt == nil ? [] : timeParameters(step.duration, clock: context.clock),
            steps: items, attachments: [])
    }

    /// A name-based UUID for one attempt of one case of one run.
    static func uuid(_ runID: String, _ caseID: String, _ attempt: Int) -> String {
        StableUUID.make(runID, caseID, String(attempt))
    }
}

/// Name-based UUIDs (RFC 9562 version 8 layout): the same names give the same UUID everywhere.
enum StableUUID {
    static func make(_ names: String...) -> String {
        var hex = Array(StableHash.hex128(names.joined(separator: "\u{0}")))
        hex[12] = "8"
        let variant = Int(String(hex[16]), radix: 16) ?? 0
        hex[16] = Character(String(0x8 | (variant & 0x3), radix: 16))
        let text = String(hex)
        let parts = [
            text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4), text.dropFirst(16).prefix(4),
            text.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }
}

/// A hash that is the same on every machine and run (unlike `Hasher`), for identifiers in reports.
enum StableHash {
    /// 32 hex digits: two 64-bit FNV-1a hashes with different offsets.
    static func hex128(_ text: String) -> String {
        func fnv(_ offset: UInt64) -> UInt64 {
            var hash = offset
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
        let high = String(fnv(0xcbf2_9ce4_8422_2325), radix: 16)
        let low = String(fnv(0x8422_2325_cbf2_9ce4), radix: 16)
        return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count)
            + low
    }
}
