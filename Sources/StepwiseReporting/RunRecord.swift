import Foundation
import StepwiseModel

/// A whole run as reporters show it: the event stream folded into cases, steps and items, each
/// with the text as written, how it is bound, and what happened on the case's last attempt.
///
/// Build one with ``RunRecord/Fold`` (event by event) or ``RunRecord/init(events:)``. It is also
/// the body of the JSON report, so its coded form is versioned by ``RunRecord/schemaVersion``.
public struct RunRecord: Hashable, Sendable, Codable {
    /// The version of the JSON report's schema (the `schema` field); bumped on breaking changes.
    public static let schemaVersion = 1

    /// The run's ID, from `runStarted`.
    public var runID: String
    /// Wall-clock time the run started, when the stream says.
    public var startedAt: Date?
    /// The tool and version that ran it, such as "stepwise 0.1".
    public var tool: String
    /// The clock the cases ran on.
    public var clock: ClockKind
    /// How many cases ran at once.
    public var jobs: Int
    /// Whether the run was `--strict`.
    public var strict: Bool
    /// How many cases were planned.
    public var plannedCases: Int
    /// Cases in plan order (the order the stream first starts them in), each as of its last attempt.
    public var cases: [CaseRecord]
    /// Every diagnostic in the stream, in stream order, whether or not it concerns a case.
    public var diagnostics: [Event.DiagnosticReported]
    /// The run's status: from `runFinished` when the stream has one, else combined from the cases.
    public var status: Status
    /// Total time: from `runFinished` when present, else the sum of the cases'.
    public var duration: Timing
    /// The exit code the run reported, when the stream has its end.
    public var exitCode: Int32?
    /// Whether the stream reached `runFinished`; an interrupted run's report says so.
    public var isComplete: Bool

    /// A record made of its parts (the JSON report's decoder and tests); runs fold theirs with
    /// ``Fold``.
    public init(
        runID: String = "", startedAt: Date? = nil, tool: String = "", clock: ClockKind = .virtual, jobs: Int = 1,
        strict: Bool = true, plannedCases: Int = 0, cases: [CaseRecord] = [],
        diagnostics: [Event.DiagnosticReported] = [], status: Status = .skipped, duration: Timing = .zero,
        exitCode: Int32? = nil, isComplete: Bool = false
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.tool = tool
        self.clock = clock
        self.jobs = jobs
        self.strict = strict
        self.plannedCases = plannedCases
        self.cases = cases
        self.diagnostics = diagnostics
        self.status = status
        self.duration = duration
        self.exitCode = exitCode
        self.isComplete = isComplete
    }

    /// Folds a whole stream.
    public init<S: Sequence>(events: S) where S.Element == Event {
        var fold = Fold()
        for event in events { fold.apply(event) }
        self = fold.record
    }

    /// Cases per final status.
    public var counts: [Status: Int] {
        cases.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    /// How many cases ended with `status`.
    public func count(of status: Status) -> Int { cases.count { $0.status == status } }

    /// Cases that failed first and passed on a retry.
    public var flakyCount: Int { cases.count { $0.flaky } }

    /// Diagnostics that concern no case of the run, or a case that never started.
    public var runDiagnostics: [Event.DiagnosticReported] {
        let started = Set(cases.map(\.caseID))
        return diagnostics.filter { $0.caseID.map { !started.contains($0) } ?? true }
    }

    /// Diagnostics about one case.
    public func diagnostics(for caseID: String) -> [Event.DiagnosticReported] {
        diagnostics.filter { $0.caseID == caseID }
    }
}

/// One case as of its last attempt.
public struct CaseRecord: Hashable, Sendable, Codable {
    /// The case's ID in the run: its key, `KEY#2` for a second case with the same key.
    public var caseID: String
    /// The test-management key, such as `MM-T938`.
    public var key: String
    /// The case's title as exported.
    public var title: String
    /// The folder path in the test-management tool, outermost first.
    public var folder: [String]
    /// The case's labels as exported.
    public var labels: [String]
    /// The case's priority as exported, such as "High".
    public var priority: String?
    /// The case's status in the test-management tool (such as `Approved`), not the run's.
    public var specStatus: String?
    /// The export format the case was read from.
    public var format: ExportFormat
    /// Where the case is written.
    public var location: SourceLocation
    /// The status of the last attempt; `skipped` until the case finishes.
    public var status: Status
    /// The last attempt, counted from 1.
    public var attempt: Int
    /// Failed on an earlier attempt and passed on the last.
    public var flaky: Bool
    /// Wall seconds since the run started when the last attempt started.
    public var startedAt: Double
    /// How long the last attempt took, on the wall clock and on the case's clock.
    public var duration: Timing
    /// The first failure's message, as the runner summarised it.
    public var message: String?
    /// What happened on the attempts before the last one, oldest first.
    public var earlierAttempts: [AttemptRecord]
    /// The steps of the last attempt, in order.
    public var steps: [StepRecord]
    /// Whether the stream reached this case's `caseFinished` (for the last attempt).
    public var isFinished: Bool

    /// `KEY: title`, the name CI tools show.
    public var displayName: String { "\(key): \(title)" }

    /// The first item that did not pass and made the case fail (failed, undefined or ambiguous),
    /// else the first manual one: the item a summary explains the case by.
    public var firstProblem: (step: StepRecord, item: ItemRecord)? {
        for wanted in [Status.failed, .ambiguous, .undefined, .manual] {
            for step in steps {
                if let item = step.items.first(where: { $0.status == wanted }) { return (step, item) }
            }
        }
        return nil
    }
}

/// An attempt that was retried.
public struct AttemptRecord: Hashable, Sendable, Codable {
    /// Which attempt, counted from 1.
    public var attempt: Int
    /// How the attempt ended.
    public var status: Status
    /// Wall seconds since the run started when the attempt started.
    public var startedAt: Double
    /// How long the attempt took.
    public var duration: Timing
    /// The attempt's first failure, as the runner summarised it.
    public var message: String?
}

/// One step of a case.
public struct StepRecord: Hashable, Sendable, Codable {
    /// The step's ID in the case (`1`, `2`, …, or with the called case's prefix).
    public var stepID: String
    /// The step's number as written (`1`, `2`, …).
    public var number: String
    /// The call to another case this step is, when it is one.
    public var call: CaseCall?
    /// Where the step is written in the spec.
    public var location: SourceLocation
    /// The step's status, from its items.
    public var status: Status
    /// Wall seconds since the run started and virtual seconds since the case started; `nil` if it never started.
    public var startedAt: Timing?
    /// How long the step took.
    public var duration: Timing
    /// Its instructions, then its expectations.
    public var items: [ItemRecord]
}

/// One instruction or expectation of a step.
public struct ItemRecord: Hashable, Sendable, Codable {
    /// The item's ID: `<step>.i<n>` for an instruction, `<step>.e<n>` for an expectation.
    public var itemID: String
    /// Whether it is an instruction or an expectation.
    public var kind: ItemPlan.Kind
    /// The text as written.
    public var text: String
    /// Sub-items and notes, as written.
    public var context: [String]
    /// Where the item is written in the spec (`file:line:column`).
    public var location: SourceLocation
    /// How it is bound: the expression and Swift location of its definition, or a snippet, or the
    /// candidates.
    public var binding: BindingInfo
    /// How it ended; `skipped` if it never ran.
    public var status: Status
    /// Wall seconds since the run started and virtual seconds since the case started; `nil` if it
    /// never started.
    public var startedAt: Timing?
    /// How long it took, on the wall clock and on the case's clock.
    public var duration: Timing
    /// Why it failed, when it did (the first failure in full when it has several).
    public var message: String?
    /// Where the failure was raised in Swift.
    public var failureLocation: SourceLocation?
    /// What the definition observed.
    public var notes: [String]
}
