import Dispatch
import Synchronization
import StepwiseBinding
import StepwiseModel

/// One attempt of one case: runs in its own task so that a hang can be abandoned.
///
/// The case's world lives only inside that task. The recorder is shared with the watchdog
/// under a mutex; whoever finishes the block first (the case, or the watchdog at the time
/// limit) wins, and the other's later writes are ignored.
final class CaseExecution: Sendable {
    private struct State {
        var recorder: CaseRecorder
        var done = false
        var status: Status = .passed
        var activityStarted: ContinuousClock.Instant?
        var activity = Activity.named("")
        var continuation: CheckedContinuation<Void, Never>?
        /// The case's clock when it is virtual, to tell a wait nothing will end from a slow item.
        var virtualClock: VirtualClock?
        /// The last probe that went round the concurrency pool, and whether one is queued: proof
        /// the pool ran every task due before it, so a quiet clock is a stuck case, not a starved one.
        var probe: StallWatch.Probe?
        var probeQueued = false
    }

    private let state: Mutex<State>
    let bound: BoundCase
    /// The plan's libraries: the world factories and hooks the case runs with.
    let libraries: [LoadedLibrary]
    let options: RunOptions

    init(bound: BoundCase, attempt: Int, libraries: [LoadedLibrary], options: RunOptions, runStart: ContinuousClock.Instant) {
        self.bound = bound
        self.libraries = libraries
        self.options = options
        state = Mutex(
            State(
                recorder: CaseRecorder(
                    bound: bound, attempt: attempt, retries: options.retries, runID: options.runID, runStart: runStart)))
    }

    /// Runs the attempt; returns its events and status.
    func run(watchdog: Watchdog) async -> (events: [Event], status: Status) {
        watchdog.watch(self)
        let task = Task { await self.perform() }
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.done { return true }
                state.continuation = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
        watchdog.forget(self)
        task.cancel()
        return state.withLock { ($0.recorder.events, $0.status) }
    }

    /// Called by the watchdog: abandons the attempt when its current activity is over the limit,
    /// or when it waits on a virtual clock that nothing moves.
    ///
    /// A step that itself sleeps on the virtual clock fails at once, in ``VirtualClock``
    /// (``VirtualClock/StalledWait``). What is left for this check is a step awaiting a child task
    /// that sleeps on the clock: the clock cannot see that. ``StallWatch`` decides it from
    /// wall-clock readings, robustly against a starved concurrency pool.
    func checkTimeLimit(now: ContinuousClock.Instant) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.done, let started = state.activityStarted else { return nil }
            let quiet = state.virtualClock?.quiet
            if quiet != nil, !state.probeQueued {
                state.probeQueued = true
                // Lowest priority, and round the queue several times: any job of the case that was
                // ready when the probe started runs before the probe ends.
                Task(priority: .background) { [weak self] in
                    let started = ContinuousClock.now
                    for _ in 0..<StallWatch.probeRounds { await Task.yield() }
                    self?.probeRan(StallWatch.Probe(started: started, finished: .now))
                }
            }
            let watch = StallWatch(limit: min(StallWatch.defaultLimit, options.itemTimeout))
            if let wait = watch.stalledWait(now: now, activityStarted: started, quiet: quiet, probe: state.probe) {
                // Every task of the case waits for virtual time, and only the case moves it.
                state.recorder.failHere(
                    "\(state.activity) waits \(DurationRange.format(wait)) on the case's virtual clock, which nothing "
                        + "advances: its own task awaits another task (async let, a task group) that sleeps on the "
                        + "clock, as a fake's wait does (SessionBackend.waitForRedirects(of:until:), "
                        + "waitForRedirect(of:until:), sleep(until:), SystemConsole.settle()). Move the clock from the "
                        + "step while the other task waits (step.advance(by: \(DurationRange.format(wait))), "
                        + "step.eventually), or run with --clock real")
            } else if started.duration(to: now) > options.itemTimeout {
                state.recorder.failHere(
                    "\(state.activity) did not finish within \(DurationRange.format(options.itemTimeout)) of wall-clock "
                        + "time; abandoned (raise it with --timeout)")
            } else {
                return nil
            }
            state.status = state.recorder.finishCase()
            state.done = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }

    private func probeRan(_ probe: StallWatch.Probe) {
        state.withLock { state in
            // The earliest probe that can prove the clock stuck is kept: later ones only end later.
            let limit = min(StallWatch.defaultLimit, options.itemTimeout)
            if let earlier = state.probe, let quiet = state.virtualClock?.quiet, quiet.since.duration(to: earlier.started) > limit {
            } else {
                state.probe = probe
            }
            state.probeQueued = false
        }
    }

    /// Applies `change` unless the attempt is already over.
    private func record(_ change: (inout CaseRecorder) -> Void) {
        state.withLock { state in if !state.done { change(&state.recorder) } }
    }

    /// What the case is doing, for a message about a hang: worded only when one is written, not
    /// for every item of a run.
    private enum Activity: CustomStringConvertible {
        case named(String)
        /// Running the item with this text.
        case item(String)

        var description: String {
            switch self {
            case .named(let text): text
            case .item(let text): "\"\(text)\""
            }
        }
    }

    private func begin(_ activity: Activity) {
        state.withLock { state in
            state.activity = activity
            state.activityStarted = .now
        }
    }

    private func end() { state.withLock { $0.activityStarted = nil } }

    /// Whether every step is closed. Read under the lock: a copy of the recorder would retain
    /// each of its events and strings.
    private var isFinished: Bool { state.withLock { $0.recorder.isFinished } }
    private var isSkipping: Bool { state.withLock { $0.recorder.skipping } }

    /// What the open step does with its next item.
    private enum NextItem {
        /// The item at these indices of ``bound`` has started: run it.
        case run(step: Int, item: Int)
        /// The case is skipping: the item is reported as not run.
        case skipped
    }

    /// Starts the open step's next item, or reports it as not run when the case is skipping;
    /// `nil` when the step has no item left.
    private func startNextItem() -> NextItem? {
        state.withLock { state in
            guard state.recorder.hasCurrentItem else { return nil }
            if state.recorder.skipping {
                if !state.done { state.recorder.skipItem() }
                return .skipped
            }
            if !state.done { state.recorder.startItem() }
            return .run(step: state.recorder.stepIndex, item: state.recorder.itemIndex)
        }
    }

    private func perform() async {
        let clock = CaseClock.make(options.configuration.clock)
        guard let virtual = clock.clock as? VirtualClock else { return await perform(on: clock) }
        state.withLock { $0.virtualClock = virtual }
        // This task runs every step and alone moves the clock: its own sleep on it fails at once.
        await virtual.driven { await perform(on: clock) }
    }

    private func perform(on clock: ClockControl) async {
        record { $0.virtualElapsed = clock.elapsed; $0.startCase() }
        let key = bound.testCase.key
        func context(_ text: String, instruction: Instruction? = nil, expectation: Expectation? = nil, values: [any Sendable] = []) -> StepContext {
            StepContext(
                text: text, caseKey: key, instruction: instruction, expectation: expectation, arguments: values,
                configuration: options.configuration, clock: clock)
        }
        var worlds: [AnyObject] = []
        do {
            begin(.named("making the world"))
            let worldContext = WorldContext(configuration: options.configuration, clock: clock.clock, caseKey: key, testCase: bound.testCase)
            // One world per world type: a library over the same type as an earlier one shares its world.
            for (index, library) in libraries.enumerated() {
                worlds.append(library.worldOwner == index ? try await library.makeWorld(worldContext) : worlds[library.worldOwner])
            }
            end()
        } catch {
            end()
            fail("before the case", error)
        }
        if worlds.count == libraries.count, let error = await runHooks(.beforeCase, worlds: worlds, context: context) {
            fail("before the case", error)
        }
        while !isFinished {
            if isSkipping {
                record { $0.skipRest() }
                break
            }
            record { $0.startStep() }
            if let error = await runHooks(.beforeStep, worlds: worlds, context: context) {
                fail("before the step", error)
                break
            }
            while let next = startNextItem() {
                guard case .run(let step, let item) = next else { continue }
                let outcome = await runItem(runnable(step: step, item: item), worlds: worlds, context: context)
                record { $0.finishItem(outcome.status, message: outcome.message, location: outcome.location, notes: outcome.notes) }
            }
            let stepFailure = await runHooks(.afterStep, worlds: worlds, context: context).map { "after the step: \(Self.describe($0))" }
            record { $0.finishStep(failure: stepFailure) }
        }
        // After-case hooks clean up, so they run even after a failure, for every world that was made.
        let caseFailure = await runHooks(.afterCase, worlds: worlds, context: context).map { "after the case: \(Self.describe($0))" }
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.done else { return nil }
            state.status = state.recorder.finishCase(afterFailure: caseFailure)
            state.done = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }

    /// Fails the case where it is with a hook's or a world's error, and skips the rest.
    private func fail(_ place: String, _ error: any Error) {
        record { $0.failHere("\(place): \(Self.describe(error))", location: (error as? StepFailure)?.location) }
    }

    /// Runs every hook of one kind, library by library in plan order, each on its own library's
    /// world (only libraries whose world was made); returns the first error. An error stops the
    /// hooks of its kind, except after-case hooks, which all run: they clean up.
    private func runHooks(
        _ kind: Hook, worlds: [AnyObject], context: (String, Instruction?, Expectation?, [any Sendable]) -> StepContext
    ) async -> (any Error)? {
        var first: (any Error)?
        var ran = false
        for (index, library) in libraries.enumerated() where worlds.indices.contains(index) {
            for hook in kind.hooks(of: library) {
                ran = true
                begin(.named("the \(kind.rawValue) hook of \(library.name)"))
                do {
                    try await hook(worlds[index], context(kind.text, nil, nil, []))
                } catch {
                    first = first ?? error
                    if kind != .afterCase {
                        end()
                        return first
                    }
                }
            }
        }
        // Without a hook no activity began: there is nothing to end (and no lock to take per step).
        if ran { end() }
        return first
    }

    /// When a library's hooks run.
    private enum Hook: String {
        case beforeCase = "before-case", beforeStep = "before-step", afterStep = "after-step", afterCase = "after-case"

        /// What the hook's context says it is, such as `before case`.
        var text: String { rawValue.split(separator: "-").joined(separator: " ") }

        func hooks(of library: LoadedLibrary) -> [CompiledDefinition.Hook] {
            switch self {
            case .beforeCase: library.beforeCase
            case .beforeStep: library.beforeStep
            case .afterStep: library.afterStep
            case .afterCase: library.afterCase
            }
        }
    }

    private struct Outcome {
        var status: Status
        var message: String?
        var location: SourceLocation?
        var notes: [String] = []
    }

    /// What running an item takes of it.
    private struct Runnable {
        var text: String
        var instruction: Instruction?
        var expectation: Expectation?
        var resolution: Resolution
    }

    /// The parts of an item that running it takes, read in place: a copy of the whole item would
    /// retain its plan's strings and its binding as well, for every item of a run.
    private func runnable(step: Int, item: Int) -> Runnable {
        bound.steps.withUnsafeBufferPointer { steps in
            steps[step].items.withUnsafeBufferPointer { items in
                Runnable(
                    text: items[item].plan.text, instruction: items[item].instruction, expectation: items[item].expectation,
                    resolution: items[item].resolution)
            }
        }
    }

    private func runItem(
        _ item: Runnable, worlds: [AnyObject],
        context: (String, Instruction?, Expectation?, [any Sendable]) -> StepContext
    ) async -> Outcome {
        switch item.resolution {
        case .manual(let reason): return Outcome(status: .manual, message: reason)
        case .undefined(let why): return Outcome(status: .undefined, message: why.description)
        case .ambiguous(let message): return Outcome(status: .ambiguous, message: message)
        case .run(let invocations):
            var notes: [String] = []
            for invocation in invocations {
                let step = context(item.text, item.instruction, item.expectation, invocation.values)
                begin(.item(item.text))
                do {
                    try await invocation.body(worlds[invocation.library], step, invocation.values)
                } catch {
                    end()
                    // What the definition recorded before it threw counts too, in the order it happened.
                    let thrown = StepFailure(message: Self.describe(error), location: (error as? StepFailure)?.location ?? invocation.location)
                    let summary = step.summary(thrown: thrown)!
                    return Outcome(
                        status: .failed, message: summary.failure.message, location: summary.failure.location ?? invocation.location,
                        notes: notes + step.notes + summary.notes)
                }
                end()
                notes += step.notes
                if let summary = step.summary() {
                    return Outcome(
                        status: .failed, message: summary.failure.message, location: summary.failure.location ?? invocation.location,
                        notes: notes + summary.notes)
                }
            }
            return Outcome(status: .passed, notes: notes)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let failure = error as? StepFailure { return failure.message }
        if let stall = error as? VirtualClock.StalledWait { return stall.description }
        if error is CancellationError { return "cancelled" }
        return String(describing: error)
    }
}

/// Tells a case stuck on its virtual clock from a slow one, by wall-clock readings alone (a pure
/// decision, so that tests give it the instants).
///
/// Stuck means: the current activity has run for over `limit`, somebody sleeps on the clock, and
/// nobody has slept on it or moved it for over `limit`. A quiet clock alone proves nothing on a
/// loaded machine, where the case's tasks may simply not have been scheduled. So it also takes a
/// probe: a lowest-priority task that started more than `limit` after the clock went quiet and
/// then went round the pool's queue ``probeRounds`` times. Any job of the case that was ready
/// when the probe started ran before the probe ended, and would have touched the clock had the
/// case been moving it. The clock must still be quiet a quarter of `limit` after the probe
/// ended: after the whole process was frozen (swapped out, stopped), its threads resume within
/// that, so a case's thread resuming a moment after the probe's is not taken for a stuck case.
struct StallWatch {
    /// How long a case may wait on its virtual clock with nobody moving it before it is stuck.
    static let defaultLimit: Duration = .seconds(2)
    /// How many times a probe yields before it counts as having gone round the queue.
    static let probeRounds = 8

    /// When a probe task first ran, and when it ended its rounds.
    struct Probe {
        var started: ContinuousClock.Instant
        var finished: ContinuousClock.Instant
    }

    var limit: Duration

    /// How far ahead the earliest sleeper waits when the case is stuck; `nil` when it is not.
    func stalledWait(
        now: ContinuousClock.Instant, activityStarted: ContinuousClock.Instant,
        quiet: (since: ContinuousClock.Instant, wait: Duration)?, probe: Probe?
    ) -> Duration? {
        guard activityStarted.duration(to: now) > limit, let quiet, quiet.since.duration(to: now) > limit,
            let probe, quiet.since.duration(to: probe.started) > limit, probe.finished.duration(to: now) > limit / 4
        else { return nil }
        return quiet.wait
    }
}

/// Watches every running attempt and abandons those whose current activity passed the limit.
///
/// It ticks on its own dispatch queue rather than as a task, so that steps that keep the
/// concurrency pool's threads busy (a tight loop, a blocking call) cannot keep it from firing.
final class Watchdog: Sendable {
    /// The attempts running now: as many as the run's jobs, so a list, not a dictionary.
    private final class Running: Sendable {
        let executions = Mutex<[CaseExecution]>([])
    }

    private let running = Running()
    /// Dispatch sources are not declared `Sendable`; the mutex makes every use exclusive.
    private let timer: Mutex<any DispatchSourceTimer>

    init(itemTimeout: Duration) {
        let interval = min(max(itemTimeout / 20, .milliseconds(5)), .milliseconds(100))
        let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "stepwise.watchdog"))
        source.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds))
        source.setEventHandler { [running] in
            let now = ContinuousClock.now
            for execution in running.executions.withLock({ $0 }) { execution.checkTimeLimit(now: now) }
        }
        source.resume()
        timer = Mutex(source)
    }

    deinit { timer.withLock { $0.cancel() } }

    func watch(_ execution: CaseExecution) { running.executions.withLock { $0.append(execution) } }
    func forget(_ execution: CaseExecution) { running.executions.withLock { $0.removeAll { $0 === execution } } }
    func stop() { timer.withLock { $0.cancel() } }
}
