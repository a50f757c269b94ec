import StepwiseBinding
import Synchronization

/// A clock that stands still until it is moved: the virtual time every case runs on by default.
///
/// ``advance(by:)`` moves it forward and wakes every sleeper due on the way, one at a time in
/// deadline order, each at its own deadline, letting the woken task run before the next one wakes.
/// When nobody sleeps on it, moving it costs a lock and one yield.
///
/// swift-clocks' `TestClock` has the same semantics, and it is what Stepwise used first. It lets
/// woken tasks run by spawning dozens of background-priority tasks on every advance, whatever
/// sleeps on the clock; a check polling a 30 s window then cost tens of milliseconds, and on a
/// loaded machine (a parallel test run, a build beside it) those background tasks starved until
/// items ran into their wall-clock limit. This clock only yields when it has woken someone.
public final class VirtualClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Hashable, Sendable {
        /// Time since the clock was made.
        public var offset: Duration

        /// The instant `offset` after the clock was made.
        public init(offset: Duration) { self.offset = offset }

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID: UInt64 = 0
        /// Sleepers in the order they went to sleep; woken in deadline order, ties by that order.
        var sleepers: [Sleeper] = []
        /// When (in wall-clock time) someone last went to sleep on the clock or moved it.
        var lastActivity = ContinuousClock.now
        /// The task that moves the clock (the case's own task), by its identity while it runs.
        var driver: Int?
        /// How many calls of ``advance(to:)`` are under way.
        var advancing = 0
        /// Sleepers woken by ``advance(to:)`` whose task has not yet run past its sleep.
        var woken: Set<UInt64> = []

        /// Removes and returns the earliest sleeper due by `limit`, moving `now` to its deadline.
        mutating func popDue(by limit: Instant) -> Sleeper? {
            var earliest: Int?
            for index in sleepers.indices where sleepers[index].deadline <= limit {
                if earliest.map({ sleepers[index].deadline < sleepers[$0].deadline }) ?? true { earliest = index }
            }
            guard let earliest else { return nil }
            let sleeper = sleepers.remove(at: earliest)
            if now < sleeper.deadline { now = sleeper.deadline }
            return sleeper
        }
    }

    private let state = Mutex(State())
    /// How many times ``advance(by:)`` yields after waking a sleeper, so that the woken task runs
    /// up to its next suspension before time moves on.
    private let yieldsPerWake: Int

    /// A clock at zero; `yieldsPerWake` is how many times moving it yields after each sleeper it
    /// wakes, so the woken task runs to its next suspension first.
    public init(yieldsPerWake: Int = 10) {
        self.yieldsPerWake = yieldsPerWake
    }

    /// Where the clock stands: the time it has been moved since it was made.
    public var now: Instant { state.withLock { $0.now } }

    /// Zero: any duration can be slept.
    public var minimumResolution: Duration { .zero }

    /// Suspends until the clock is moved to `deadline` or past it; returns at once if it is there.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        defer { state.withLock { _ = $0.woken.remove(id) } }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // A cancellation that lands after the check above and before this lock finds no
                // sleeper to remove: checking again here keeps the sleeper from waiting forever.
                let task = Self.currentTask
                let resumeNow = state.withLock { state -> Result<Bool, any Error> in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if deadline <= state.now { return .success(true) }
                    // The only task that moves the clock waiting on it, while nobody moves it:
                    // this sleep could never end.
                    if let driver = state.driver, driver == task, state.advancing == 0 {
                        return .failure(StalledWait(wait: state.now.duration(to: deadline)))
                    }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    state.lastActivity = .now
                    return .success(false)
                }
                switch resumeNow {
                case .failure(let error): continuation.resume(throwing: error)
                case .success(true): continuation.resume()
                case .success(false): break
                }
            }
        } onCancel: {
            let cancelled = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock forward by `duration`, waking every sleeper due on the way in deadline order.
    public func advance(by duration: Duration) async {
        precondition(duration >= .zero, "a virtual clock only moves forward")
        let target = state.withLock { $0.now.advanced(by: duration) }
        await advance(to: target)
    }

    /// Moves the clock forward to `deadline` (never back), waking every sleeper due on the way.
    public func advance(to deadline: Instant) async {
        // A task just started (a fake's timer loop) gets a chance to go to sleep on the clock
        // before time moves past its deadline.
        state.withLock {
            $0.lastActivity = .now
            $0.advancing += 1
        }
        await Task.yield()
        // Finding no sleeper due and moving the reading to `deadline` happen under one lock: a
        // sleeper arriving in between would otherwise be left behind, due but never woken.
        while let sleeper = state.withLock({ state -> Sleeper? in
            if let due = state.popDue(by: deadline) {
                state.woken.insert(due.id)
                return due
            }
            if state.now < deadline { state.now = deadline }
            state.advancing -= 1
            return nil
        }) {
            sleeper.continuation.resume()
            await letRun(sleeper.id)
        }
    }

    /// Lets the task of the sleeper just woken run before time moves on: yields until that task
    /// has returned from its sleep, then `yieldsPerWake` times more so it runs on to its next
    /// suspension. Yielding alone can starve it: when the only free thread of the pool is the
    /// caller's and the woken task waits behind work of higher priority, every yield runs the
    /// caller again. So after the first yields the caller also sleeps briefly in real time, which
    /// frees its thread, for at most two seconds (a pool that never runs the task is blocked
    /// elsewhere, and the run's own limits report that).
    private func letRun(_ id: UInt64) async {
        var yields = 0
        let giveUp = ContinuousClock.now.advanced(by: .seconds(2))
        while state.withLock({ $0.woken.contains(id) }) {
            if yields < yieldsPerWake {
                yields += 1
                await Task.yield()
            } else if ContinuousClock.now < giveUp {
                try? await Task.sleep(for: .microseconds(100))
            } else {
                break
            }
        }
        for _ in 0..<yieldsPerWake { await Task.yield() }
    }

    /// Makes the calling task the one that moves the clock until `body` returns: the case's own
    /// task, which runs every step. A sleep on the clock by that task itself (not by a child task)
    /// while no advance is under way throws ``StalledWait`` at once, since nothing else would move
    /// the clock to wake it. Only the calling task counts: child tasks may wait on the clock while
    /// it moves it.
    package func driven<R>(_ body: () async throws -> R) async rethrows -> R {
        let task = Self.currentTask
        state.withLock { $0.driver = task }
        defer { state.withLock { $0.driver = nil } }
        return try await body()
    }

    /// The identity of the running task, comparable while it runs.
    private static var currentTask: Int? { withUnsafeCurrentTask { $0?.hashValue } }

    /// A sleep by the task that moves the clock: nothing would ever wake it.
    public struct StalledWait: Error, CustomStringConvertible {
        /// How far ahead of the clock's reading the sleep was to end.
        public var wait: Duration

        public var description: String {
            let wait = DurationRange.format(wait)
            return "waits \(wait) on the case's virtual clock, which only the step's own task moves, and that task is "
                + "the one waiting: a fake's wait (SessionBackend.waitForRedirect(of:until:), "
                + "waitForRedirects(of:until:), sleep(until:), SystemConsole.settle()) or a sleep on step.clock ends "
                + "only when the clock moves. Move it from the step (step.advance(by: \(wait)), "
                + "step.eventually(within:) polling the fake's state), start the wait in a child task (async let) and "
                + "advance beside it, or run with --clock real"
        }
    }

    /// While tasks sleep on the clock: since when (wall-clock) nobody has slept on it or moved
    /// it, and how far ahead the earliest sleeper waits; `nil` when nobody sleeps, or while
    /// somebody is moving it.
    public var quiet: (since: ContinuousClock.Instant, wait: Duration)? {
        state.withLock { state in
            guard state.advancing == 0, let earliest = state.sleepers.map(\.deadline).min() else { return nil }
            return (state.lastActivity, state.now.duration(to: earliest))
        }
    }

    /// How many tasks sleep on the clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }
}
