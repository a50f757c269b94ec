import Foundation
import Synchronization

/// Work spread over threads of its own, with results in the order of the inputs: the one place
/// binding and reading run in parallel.
package enum Parallel {
    /// One job per processor the process may use (``AvailableProcessors``), worked out once.
    package static let defaultJobs = AvailableProcessors.count

    /// How many workers `jobs` gives for `count` items: at least one, at most one per item.
    package static func workers(count: Int, jobs: Int) -> Int { min(max(jobs, 1), count) }

    /// Calls `transform` for every index on up to `jobs` threads of its own and hands the results
    /// to `body` on the calling thread in index order, each as soon as it and those before it are
    /// done: the caller goes on with the first results while the workers work on. Workers take
    /// the next index left, so one slow item never leaves the others idle, and keep at most a
    /// bounded number of results ahead of `body`, so memory stays flat over any number of items.
    /// With one worker, no thread is started and `body` runs as each result is made.
    package static func orderedMap<Result: Sendable>(
        count: Int, jobs: Int, _ transform: @escaping @Sendable (Int) -> Result, _ body: (Result) -> Void
    ) {
        let workers = workers(count: count, jobs: jobs)
        guard workers > 1 else {
            for index in 0..<count { body(transform(index)) }
            return
        }
        let state = OrderedResults<Result>(count: count, window: workers * 32)
        for _ in 0..<workers {
            Thread.detachNewThread {
                while let index = state.nextIndex() { state.store(transform(index), at: index) }
            }
        }
        for index in 0..<count { body(state.take(index)) }
    }

    /// `transform` of every index, `jobs` at a time, in index order.
    ///
    /// Nobody waits for results one at a time here: each worker (the calling thread among them)
    /// takes the next index left and stores its result in that index's place, and the array is
    /// made once all are done. No thread is woken per item, as ``orderedMap(count:jobs:_:_:)``
    /// must, since nothing is handed over before the end.
    package static func map<Result: Sendable>(count: Int, jobs: Int, _ transform: @escaping @Sendable (Int) -> Result) -> [Result] {
        let workers = workers(count: count, jobs: jobs)
        guard workers > 1 else { return (0..<count).map(transform) }
        let places = Places<Result>(count: count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { return }
                places.store(transform(index), at: index)
            }
        }
        return places.results()
    }
}

/// One place per result of ``Parallel/map(count:jobs:_:)``, each written by the one worker that
/// took its index; ``results()`` moves them all out once every worker is done.
///
/// `@unchecked Sendable`: no two threads touch the same place, and `concurrentPerform` returns
/// only after every store, which orders them before ``results()``.
private final class Places<Result>: @unchecked Sendable {
    private let places: UnsafeMutablePointer<Result>
    private let count: Int

    init(count: Int) {
        self.count = count
        places = .allocate(capacity: count)
    }

    func store(_ result: Result, at index: Int) { (places + index).initialize(to: result) }

    /// Every result, in index order, moved out of the places: call it once, after every store.
    func results() -> [Result] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: places, count: count)
            initialized = count
        }
    }

    deinit { places.deallocate() }
}

/// The results of ``Parallel/orderedMap(count:jobs:_:_:)`` between the workers and the caller.
///
/// Each wake-up goes to the one thread that can proceed: a worker that has stored the result the
/// caller waits for signals the caller alone, and each result the caller takes lets one worker
/// more into the window (a semaphore counting free places), instead of a broadcast that woke
/// every waiting thread for every file.
///
/// `@unchecked Sendable`: `slots`, `next` and `awaited` are read and written only with `condition`
/// locked; `room` is a semaphore, safe from any thread.
private final class OrderedResults<Result: Sendable>: @unchecked Sendable {
    /// Guards the state; only the caller ever waits on it.
    private let condition = NSCondition()
    /// Free places in the window of results the workers may keep ahead of the caller.
    private let room = DispatchSemaphore(value: 0)
    private var slots: [Result?]
    private var next = 0
    /// The index the caller waits for, while it waits.
    private var awaited: Int?
    private let count: Int

    init(count: Int, window: Int) {
        self.count = count
        slots = Array(repeating: nil, count: count)
        // Made at 0 and raised, so the semaphore may end below its start without complaint.
        for _ in 0..<window { room.signal() }
    }

    /// The next index to work on, waiting while the workers are a full window ahead; `nil` when all are taken.
    func nextIndex() -> Int? {
        room.wait()
        condition.lock()
        defer { condition.unlock() }
        guard next < count else {
            // Let the next idle worker find out too.
            room.signal()
            return nil
        }
        next += 1
        return next - 1
    }

    func store(_ result: Result, at index: Int) {
        condition.lock()
        slots[index] = result
        if index == awaited { condition.signal() }
        condition.unlock()
    }

    /// The result at `index`, waiting until it is there; its slot is freed.
    func take(_ index: Int) -> Result {
        condition.lock()
        awaited = index
        while slots[index] == nil { condition.wait() }
        awaited = nil
        let result = slots[index]!
        slots[index] = nil
        condition.unlock()
        room.signal()
        return result
    }
}
