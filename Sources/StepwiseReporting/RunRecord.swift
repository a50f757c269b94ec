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

    public var runID: String
    /// Wall-clock time the run started, when the stream says.
    public var startedAt: Date?
    public var tool: String
    /// The clock the cases ran on.
    public var clock: ClockKind
    public var jobs: Int
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
    public var caseID: String
    public var key: String
    public var title: String
    public var folder: [String]
    public var labels: [String]
    public var priority: String?
    /// The case's status in the test-management tool (such as `Approved`), not the run's.
    public var specStatus: String?
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
    public var duration: Timing
    /// The first failure's message, as the runner summarised it.
    public var message: String?
    /// What happened on the attempts before the last one, oldest first.
    public var earlierAttempts: [AttemptRecord]
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
    public var attempt: Int
    public var status: Status
    /// Wall seconds since the run started when the attempt started.
    public var startedAt: Double
    public var duration: Timing
    public var message: String?
}

/// One step of a case.
public struct StepRecord: Hashable, Sendable, Codable {
    public var stepID: String
    /// The step's number as written (`1`, `2`, …).
    public var number: String
    /// The call to another case this step is, when it is one.
    public var call: CaseCall?
    public var location: SourceLocation
    public var status: Status
    /// Wall seconds since the run started and virtual seconds since the case started; `nil` if it never started.
    public var startedAt: Timing?
    public var duration: Timing
    public var items: [ItemRecord]
}

/// One instruction or expectation of a step.
public struct ItemRecord: Hashable, Sendable, Codable {
    public var itemID: String
    public var kind: ItemPlan.Kind
    /// The text as written.
    public var text: String
    /// Sub-items and notes, as written.
    public var context: [String]
    public var location: SourceLocation
    public var binding: BindingInfo
    public var status: Status
    public var startedAt: Timing?
    public var duration: Timing
    public var message: String?
    /// Where the failure was raised in Swift.
    public var failureLocation: SourceLocation?
    /// What the definition observed.
    public var notes: [String]
}
