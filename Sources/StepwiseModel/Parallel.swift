import Foundation

/// Work spread over threads of its own, with results in the order of the inputs: the one place
/// binding and reading run in parallel.
package enum Parallel {
    /// One job per processor the process may use.
    package static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

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
    package static func map<Result: Sendable>(count: Int, jobs: Int, _ transform: @escaping @Sendable (Int) -> Result) -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(count)
        orderedMap(count: count, jobs: jobs, transform) { results.append($0) }
        return results
    }
}

/// The results of ``Parallel/orderedMap(count:jobs:_:_:)`` between the workers and the caller.
///
/// `@unchecked Sendable`: every stored property is read and written only with `condition` locked.
private final class OrderedResults<Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Result?]
    private var next = 0
    private var taken = 0
    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        slots = Array(repeating: nil, count: count)
    }

    /// The next index to work on, waiting while the workers are a full window ahead; `nil` when all are taken.
    func nextIndex() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count, next >= taken + window { condition.wait() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result, at index: Int) {
        condition.lock()
        slots[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result at `index`, waiting until it is there; its slot is freed.
    func take(_ index: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil { condition.wait() }
        let result = slots[index]!
        slots[index] = nil
        taken = index + 1
        condition.broadcast()
        return result
    }
}
