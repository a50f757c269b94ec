import StepwiseBinding
import StepwiseModel

/// Builds the event block of one case attempt and keeps track of where it is, so that a block
/// can be completed from any point: by the case itself, or by the watchdog abandoning a hang.
struct CaseRecorder {
    let bound: BoundCase
    let attempt: Int
    /// Extra attempts the run allows a failed case: whether this attempt is retried, or a pass
    /// on it is flaky, is decided here as the attempt finishes.
    let retries: Int
    let runID: String
    let runStart: ContinuousClock.Instant
    var virtualElapsed: @Sendable () -> Duration = { .zero }

    private(set) var events: [Event] = []
    /// The step that runs next or is running.
    private(set) var stepIndex = 0
    /// The item of that step that runs next or is running.
    private(set) var itemIndex = 0
    private(set) var stepOpen = false
    private(set) var itemOpen = false
    private var itemStart = Timing.zero
    private var stepStart = Timing.zero
    /// Wall seconds since the run started when this attempt started.
    private var caseStart = 0.0
    private var stepStatuses: [Status] = []
    private var caseStatuses: [Status] = []
    private(set) var firstFailure: String?
    /// Set after a failed instruction (or hook): every item after it is skipped.
    private(set) var skipping = false

    init(bound: BoundCase, attempt: Int, retries: Int, runID: String, runStart: ContinuousClock.Instant) {
        self.bound = bound
        self.attempt = attempt
        self.retries = retries
        self.runID = runID
        self.runStart = runStart
        // Made at its size (a start and an end for the case, each step and each item): an event
        // is large, and growing the array moves every one.
        events.reserveCapacity(2 + bound.steps.reduce(0) { $0 + 2 + 2 * $1.items.count })
    }

    var now: Timing {
        Timing(wall: runStart.duration(to: .now).wallSeconds, virtual: virtualElapsed().seconds)
    }

    private var caseID: String { bound.caseID }
    private var stepID: String { bound.steps[stepIndex].plan.stepID }
    var isFinished: Bool { stepIndex >= bound.steps.count }
    /// Whether the open step has an item left (the one at ``itemIndex``).
    var hasCurrentItem: Bool { !isFinished && itemIndex < bound.steps[stepIndex].items.count }
    /// The item that runs next or is running, read in place (a copy of the item costs a retain of
    /// each of its strings, for every item of a run).
    private var currentItemID: String { bound.steps[stepIndex].items[itemIndex].plan.itemID }
    private var currentKind: ItemPlan.Kind { bound.steps[stepIndex].items[itemIndex].plan.kind }

    mutating func startCase() {
        caseStart = now.wall
        events.append(.caseStarted(.init(runID: runID, caseID: caseID, attempt: attempt, plan: bound.plan, at: caseStart)))
    }

    mutating func startStep() {
        stepStart = now
        stepOpen = true
        stepStatuses = []
        events.append(.stepStarted(.init(caseID: caseID, stepID: stepID, attempt: attempt, at: stepStart)))
    }

    mutating func startItem() {
        if !stepOpen { startStep() }
        itemStart = now
        itemOpen = true
        events.append(
            .itemStarted(.init(caseID: caseID, stepID: stepID, itemID: currentItemID, attempt: attempt, at: itemStart)))
    }

    /// Finishes the open item and moves to the next; a failed instruction starts skipping.
    mutating func finishItem(_ status: Status, message: String? = nil, location: SourceLocation? = nil, notes: [String] = []) {
        precondition(hasCurrentItem, "an item finishes only while one is open or next")
        if !itemOpen { startItem() }
        let end = now
        events.append(
            .itemFinished(
                .init(
                    caseID: caseID, stepID: stepID, itemID: currentItemID, attempt: attempt, status: status, at: end,
                    duration: end - itemStart,
                    message: message, failureLocation: location, notes: notes)))
        itemOpen = false
        stepStatuses.append(status)
        if status == .failed, firstFailure == nil { firstFailure = message }
        if currentKind == .instruction, [.failed, .undefined, .ambiguous].contains(status) { skipping = true }
        itemIndex += 1
    }

    /// Closes the step; `failure` (from an after-step hook) fails it and skips the rest.
    mutating func finishStep(failure: String? = nil) {
        if !stepOpen { startStep() }
        // A step with nothing to do (an export with an empty action and expected result) did
        // not pass anything: it is skipped, and so is a case made only of such steps.
        var status = Status.combining(stepStatuses)
        if let failure {
            status = .failed
            skipping = true
            if firstFailure == nil { firstFailure = failure }
        }
        let end = now
        events.append(
            .stepFinished(
                .init(
                    caseID: caseID, stepID: stepID, attempt: attempt, status: status, at: end,
                    duration: end - stepStart)))
        caseStatuses.append(status)
        stepOpen = false
        stepIndex += 1
        itemIndex = 0
    }

    /// Fails where the case is (the open item, or the next one) and skips everything after it.
    mutating func failHere(_ message: String, location: SourceLocation? = nil) {
        guard !isFinished else {
            if firstFailure == nil { firstFailure = message }
            caseStatuses.append(.failed)
            return
        }
        if hasCurrentItem {
            finishItem(.failed, message: message, location: location)
        } else {
            if firstFailure == nil { firstFailure = message }
            stepStatuses.append(.failed)
        }
        skipping = true
        skipRest()
    }

    /// Reports the current item as not run: skipped, or undefined or ambiguous when nothing (or
    /// more than one thing) binds it, so that one run (under --strict, say) lists every item still
    /// to write, not only the first.
    mutating func skipItem() {
        startItem()
        switch bound.steps[stepIndex].items[itemIndex].resolution {
        case .undefined(let why): finishItem(.undefined, message: why.description)
        case .ambiguous(let message): finishItem(.ambiguous, message: message)
        default: finishItem(.skipped)
        }
    }

    /// Reports every remaining item as skipped and closes every remaining step.
    mutating func skipRest() {
        skipping = true
        while !isFinished {
            while hasCurrentItem { skipItem() }
            finishStep()
        }
    }

    /// Closes the attempt: `caseFinished` says whether it is retried (failed with attempts left)
    /// or flaky (passed after a failed one).
    mutating func finishCase(afterFailure: String? = nil) -> Status {
        if let afterFailure {
            caseStatuses.append(.failed)
            if firstFailure == nil { firstFailure = afterFailure }
        }
        let status = Status.combining(caseStatuses)
        let end = now
        let willRetry = status == .failed && attempt <= retries
        let flaky = status == .passed && attempt > 1
        events.append(
            .caseFinished(
                .init(
                    caseID: caseID, attempt: attempt, status: status, flaky: flaky, willRetry: willRetry, at: end.wall,
                    duration: Timing(wall: end.wall - caseStart, virtual: end.virtual), message: status == .passed
                        ? nil : firstFailure ?? (status == .skipped ? "nothing to run: no step has an instruction or an expected result" : nil)
                        ?? firstProblem)))
        return status
    }

    /// The whole block of a case that is not run at all (the run stopped at `--max-failures`):
    /// every item and step skipped, and the case skipped with `reason` as its message.
    mutating func notRun(_ reason: String) -> Status {
        startCase()
        while !isFinished {
            while hasCurrentItem {
                startItem()
                finishItem(.skipped)
            }
            finishStep()
        }
        let end = now
        events.append(
            .caseFinished(
                .init(
                    caseID: caseID, attempt: attempt, status: .skipped, flaky: false, willRetry: false, at: end.wall,
                    duration: Timing(wall: end.wall - caseStart, virtual: 0), message: reason)))
        return .skipped
    }

    /// The message of the first non-passing item, for cases that did not fail but are not passed.
    private var firstProblem: String? {
        for event in events {
            if case .itemFinished(let finished) = event, finished.status != .passed, finished.status != .skipped {
                return finished.message
            }
        }
        return nil
    }
}
