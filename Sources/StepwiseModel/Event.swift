import Foundation

/// Something that happened during a run: the only thing reporters see.
///
/// Events are written one per line as JSON (NDJSON) with a `schema` version and a `kind`;
/// readers skip kinds they do not know, so new kinds never break old reporters.
/// IDs are stable: a case is its key (`MM-T938`, `MM-T938#2` when a run holds the key twice), a
/// step its number within the case (`1`, `2.1`), an item its step and position (`1.i2` for the
/// second instruction, `1.e1` for the first expectation). Step and item IDs are unique within
/// their case; `attempt` counts retries from 1.
public enum Event: Hashable, Sendable {
    case runStarted(RunStarted)
    case diagnostic(DiagnosticReported)
    case caseStarted(CaseStarted)
    case stepStarted(StepStarted)
    case itemStarted(ItemStarted)
    case itemFinished(ItemFinished)
    case stepFinished(StepFinished)
    case caseFinished(CaseFinished)
    case runFinished(RunFinished)
    /// A kind this version does not know, kept so a stream can be passed on unchanged.
    case unknown(kind: String)

    /// The version of the event schema this build writes.
    public static let schemaVersion = 1

    /// The `kind` field of the event's JSON.
    public var kind: String {
        switch self {
        case .runStarted: "runStarted"
        case .diagnostic: "diagnostic"
        case .caseStarted: "caseStarted"
        case .stepStarted: "stepStarted"
        case .itemStarted: "itemStarted"
        case .itemFinished: "itemFinished"
        case .stepFinished: "stepFinished"
        case .caseFinished: "caseFinished"
        case .runFinished: "runFinished"
        case .unknown(let kind): kind
        }
    }
}

/// Two readings of time: the wall clock, and the case's clock (virtual unless asked for real).
public struct Timing: Hashable, Sendable, Codable {
    /// Seconds of real time.
    public var wall: Double
    /// Seconds on the case's clock; equal to `wall` when the clock is real.
    public var virtual: Double

    public init(wall: Double, virtual: Double) {
        self.wall = wall
        self.virtual = virtual
    }

    public static let zero = Timing(wall: 0, virtual: 0)

    /// The time between two readings, on both clocks.
    public static func - (end: Timing, start: Timing) -> Timing {
        Timing(wall: end.wall - start.wall, virtual: end.virtual - start.virtual)
    }
}

extension Event {
    public struct RunStarted: Hashable, Sendable, Codable {
        public var runID: String
        /// Wall-clock time the run started.
        public var startedAt: Date
        /// The tool and its version, such as `stepwise 0.1.0`.
        public var tool: String
        /// How many cases are planned.
        public var cases: Int
        public var jobs: Int
        /// The clock the cases ran on.
        public var clock: ClockKind
        public var strict: Bool

        public init(
            runID: String, startedAt: Date, tool: String, cases: Int, jobs: Int, clock: ClockKind, strict: Bool
        ) {
            self.runID = runID
            self.startedAt = startedAt
            self.tool = tool
            self.cases = cases
            self.jobs = jobs
            self.clock = clock
            self.strict = strict
        }
    }

    /// A problem with a spec file or a binding, found before or while running.
    public struct DiagnosticReported: Hashable, Sendable, Codable {
        public var runID: String
        /// The case it concerns, when it concerns one that runs.
        public var caseID: String?
        public var diagnostic: Diagnostic
        /// The line of the spec the diagnostic points at, for compiler-style rendering.
        public var sourceLine: String?

        public init(runID: String, caseID: String? = nil, diagnostic: Diagnostic, sourceLine: String? = nil) {
            self.runID = runID
            self.caseID = caseID
            self.diagnostic = diagnostic
            self.sourceLine = sourceLine
        }
    }

    public struct CaseStarted: Hashable, Sendable, Codable {
        public var runID: String
        public var caseID: String
        public var attempt: Int
        /// The whole plan of the case: what it is and every item that will run.
        public var plan: CasePlan
        /// Wall seconds since the run started.
        public var at: Double

        public init(runID: String, caseID: String, attempt: Int, plan: CasePlan, at: Double) {
            self.runID = runID
            self.caseID = caseID
            self.attempt = attempt
            self.plan = plan
            self.at = at
        }
    }

    public struct StepStarted: Hashable, Sendable, Codable {
        public var caseID: String
        public var stepID: String
        public var attempt: Int
        /// Wall seconds since the run started, and virtual seconds since the case started.
        public var at: Timing

        public init(caseID: String, stepID: String, attempt: Int, at: Timing) {
            self.caseID = caseID
            self.stepID = stepID
            self.attempt = attempt
            self.at = at
        }
    }

    public struct ItemStarted: Hashable, Sendable, Codable {
        public var caseID: String
        public var stepID: String
        public var itemID: String
        public var attempt: Int
        public var at: Timing

        public init(caseID: String, stepID: String, itemID: String, attempt: Int, at: Timing) {
            self.caseID = caseID
            self.stepID = stepID
            self.itemID = itemID
            self.attempt = attempt
            self.at = at
        }
    }

    public struct ItemFinished: Hashable, Sendable, Codable {
        public var caseID: String
        public var stepID: String
        public var itemID: String
        public var attempt: Int
        public var status: Status
        public var at: Timing
        public var duration: Timing
        /// Why it failed (or why it is manual, undefined or ambiguous).
        public var message: String?
        /// Where the failure was raised in Swift, when it was.
        public var failureLocation: SourceLocation?
        /// What the definition observed and reported ("Chrome on Mac: redirected after 7.4 s").
        public var notes: [String]

        public init(
            caseID: String, stepID: String, itemID: String, attempt: Int, status: Status, at: Timing,
            duration: Timing, message: String? = nil, failureLocation: SourceLocation? = nil, notes: [String] = []
        ) {
            self.caseID = caseID
            self.stepID = stepID
            self.itemID = itemID
            self.attempt = attempt
            self.status = status
            self.at = at
            self.duration = duration
            self.message = message
            self.failureLocation = failureLocation
            self.notes = notes
        }
    }

    public struct StepFinished: Hashable, Sendable, Codable {
        public var caseID: String
        public var stepID: String
        public var attempt: Int
        public var status: Status
        public var at: Timing
        public var duration: Timing

        public init(caseID: String, stepID: String, attempt: Int, status: Status, at: Timing, duration: Timing) {
            self.caseID = caseID
            self.stepID = stepID
            self.attempt = attempt
            self.status = status
            self.at = at
            self.duration = duration
        }
    }

    public struct CaseFinished: Hashable, Sendable, Codable {
        public var caseID: String
        public var attempt: Int
        public var status: Status
        /// Failed on an earlier attempt and passed on this one.
        public var flaky: Bool
        /// The runner will try the case again (`--retries`).
        public var willRetry: Bool
        public var at: Double
        public var duration: Timing
        /// The first failure's message, for one-line summaries.
        public var message: String?

        public init(
            caseID: String, attempt: Int, status: Status, flaky: Bool = false, willRetry: Bool = false,
            at: Double, duration: Timing, message: String? = nil
        ) {
            self.caseID = caseID
            self.attempt = attempt
            self.status = status
            self.flaky = flaky
            self.willRetry = willRetry
            self.at = at
            self.duration = duration
            self.message = message
        }
    }

    public struct RunFinished: Hashable, Sendable, Codable {
        public var runID: String
        public var status: Status
        /// Cases per final status.
        public var counts: [String: Int]
        public var flaky: Int
        public var duration: Timing
        /// The exit code the command line gives this run.
        public var exitCode: Int32

        public init(
            runID: String, status: Status, counts: [String: Int], flaky: Int, duration: Timing, exitCode: Int32
        ) {
            self.runID = runID
            self.status = status
            self.counts = counts
            self.flaky = flaky
            self.duration = duration
            self.exitCode = exitCode
        }
    }
}
