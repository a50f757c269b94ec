import Foundation
import StepwiseBinding
import StepwiseModel

/// Runs a plan and reports what happens as events, each case's events one contiguous block
/// in plan order (whatever the parallelism), so the stream is deterministic but for timings.
public struct Runner: Sendable {
    /// What it runs: the bound cases in plan order, their diagnostics, and the libraries' worlds
    /// and hooks.
    public let plan: Plan
    /// How it runs them.
    public let options: RunOptions

    /// A runner of `plan` with `options`; nothing runs until ``run(isolation:sourceLine:emit:)``.
    public init(plan: Plan, options: RunOptions) {
        self.plan = plan
        self.options = options
    }

    /// Runs the plan and hands every event to `emit`, in order, from the calling task (on the
    /// caller's actor, if any); returns how the run ended.
    ///
    /// The plan's diagnostics come first, after `runStarted`, as ``/StepwiseBinding/Plan/diagnostics(strict:)``
    /// reports them.
    ///
    /// - Parameters:
    ///   - isolation: the caller's actor, where `emit` is called (the caller's own, by default).
    ///   - sourceLine: the spec line a diagnostic points at, for its event.
    ///   - emit: receives every event, in order; an error it throws ends the run and is rethrown.
    @discardableResult
    public func run(
        isolation: isolated (any Actor)? = #isolation, sourceLine: (Diagnostic) -> String? = { _ in nil },
        emit: (Event) throws -> Void
    ) async rethrows -> RunOutcome {
        let cases = plan.cases
        let runStart = ContinuousClock.now
        try emit(
            .runStarted(
                .init(
                    runID: options.runID, startedAt: Date(), tool: options.tool, cases: cases.count, jobs: options.jobs,
                    clock: options.configuration.clock, strict: options.strict)))
        for reported in plan.diagnostics(strict: options.strict) {
            try emit(
                .diagnostic(
                    .init(
                        runID: options.runID, caseID: reported.caseID, diagnostic: reported.diagnostic,
                        sourceLine: sourceLine(reported.diagnostic))))
        }

        var finals: [Status] = []
        var flaky = 0
        var virtual = 0.0
        let watchdog = Watchdog(itemTimeout: options.itemTimeout)
        defer { watchdog.stop() }
        try await withThrowingTaskGroup(of: (Int, [Event], Status, Bool).self) { group in
            var next = 0
            // Finished cases waiting for the ones before them, by plan index.
            var ready = [([Event], Status, Bool)?](repeating: nil, count: cases.count)
            var emitted = 0
            func start(_ index: Int) {
                let bound = cases[index]
                group.addTask { [libraries = plan.libraries, options] in
                    let (events, status, wasFlaky) = await Self.runWithRetries(
                        bound, libraries: libraries, options: options, runStart: runStart, watchdog: watchdog)
                    return (index, events, status, wasFlaky)
                }
            }
            while next < min(options.jobs, cases.count) {
                start(next)
                next += 1
            }
            var failures = 0
            while let (index, events, status, wasFlaky) = try await group.next() {
                ready[index] = (events, status, wasFlaky)
                if status == .failed { failures += 1 }
                // Cases already running finish; no new one starts once the limit is reached.
                if next < cases.count, failures < options.maxFailures ?? .max {
                    start(next)
                    next += 1
                }
                while emitted < cases.count, let (events, status, wasFlaky) = ready[emitted] {
                    ready[emitted] = nil
                    for event in events {
                        try emit(event)
                        // Each case runs on its own clock: the run's virtual time is their sum.
                        if case .caseFinished(let finished) = event, !finished.willRetry {
                            virtual += finished.duration.virtual
                        }
                    }
                    finals.append(status)
                    if wasFlaky { flaky += 1 }
                    emitted += 1
                }
            }
            // The cases never started, in plan order, each a block of skipped items saying why.
            if next < cases.count, let limit = options.maxFailures {
                let reason = "not run: the run stopped after \(limit) failed case\(limit == 1 ? "" : "s") (--max-failures \(limit))"
                for bound in cases[next...] {
                    var recorder = CaseRecorder(bound: bound, attempt: 1, retries: 0, runID: options.runID, runStart: runStart)
                    finals.append(recorder.notRun(reason))
                    for event in recorder.events { try emit(event) }
                }
            }
        }

        let outcome: RunOutcome =
            plan.hasErrors(strict: options.strict) ? .specOrBindingError : finals.contains(.failed) ? .failed : .passed
        var counts: [String: Int] = [:]
        for status in finals { counts[status.rawValue, default: 0] += 1 }
        let wall = runStart.duration(to: .now).wallSeconds
        try emit(
            .runFinished(
                .init(
                    runID: options.runID, status: cases.isEmpty ? .passed : Status.combining(finals), counts: counts,
                    flaky: flaky, duration: Timing(wall: wall, virtual: virtual), exitCode: options.exitCode(outcome))))
        return outcome
    }

    private static func runWithRetries(
        _ bound: BoundCase, libraries: [LoadedLibrary], options: RunOptions, runStart: ContinuousClock.Instant, watchdog: Watchdog
    ) async -> ([Event], Status, Bool) {
        var all: [Event] = []
        var attempt = 1
        while true {
            let execution = CaseExecution(bound: bound, attempt: attempt, libraries: libraries, options: options, runStart: runStart)
            let (events, status) = await execution.run(watchdog: watchdog)
            // Most cases run once: their block is the attempt's, not a copy of it.
            if all.isEmpty { all = events } else { all += events }
            // The recorder decided both as the attempt finished (CaseRecorder.finishCase).
            guard case .caseFinished(let finished)? = events.last else { return (all, status, false) }
            let (retry, flaky) = (finished.willRetry, finished.flaky)
            if !retry { return (all, status, flaky) }
            attempt += 1
        }
    }
}
