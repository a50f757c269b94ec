import Foundation
import Synchronization
import Testing

@testable import StepwiseModel

@Suite("Parallel work in input order")
struct ParallelTests {
    @Test("a map over many items on several threads returns every result in the order of the inputs")
    func mapKeepsOrder() {
        let results = Parallel.map(count: 5_000, jobs: 4) { $0 * 2 }
        #expect(results == (0..<5_000).map { $0 * 2 })
    }

    @Test("a map on several threads works on each index exactly once and keeps results that own memory")
    func mapOnce() {
        let calls = Mutex([Int: Int]())
        let results = Parallel.map(count: 1_000, jobs: 3) { index in
            calls.withLock { $0[index, default: 0] += 1 }
            return String(repeating: "x", count: index % 40) + "\(index)"
        }
        #expect(results == (0..<1_000).map { String(repeating: "x", count: $0 % 40) + "\($0)" })
        #expect(calls.withLock { $0.values.allSatisfy { $0 == 1 } && $0.count == 1_000 })
    }

    @Test("the caller gets results in order as they come, each index worked on exactly once")
    func orderedMapOnce() {
        let calls = Mutex([Int: Int]())
        var seen: [Int] = []
        Parallel.orderedMap(count: 500, jobs: 3, { index in
            calls.withLock { $0[index, default: 0] += 1 }
            return index
        }) { seen.append($0) }
        #expect(seen == Array(0..<500))
        #expect(calls.withLock { $0.values.allSatisfy { $0 == 1 } && $0.count == 500 })
    }

    @Test("one job, or no items, starts no thread and still gives every result")
    func serial() {
        #expect(Parallel.workers(count: 10, jobs: 1) == 1)
        #expect(Parallel.workers(count: 3, jobs: 8) == 3)
        #expect(Parallel.workers(count: 10, jobs: 0) == 1)
        #expect(Parallel.map(count: 3, jobs: 1) { "\($0)" } == ["0", "1", "2"])
        #expect(Parallel.map(count: 0, jobs: 4) { $0 }.isEmpty)
    }

    @Test("workers stay at most a window of results ahead of a slow caller, and all finish")
    func boundedWindow() {
        let started = Mutex(0)
        let consumed = Mutex(0)
        let furthestAhead = Mutex(0)
        var seen = 0
        Parallel.orderedMap(count: 400, jobs: 2, { index in
            let ahead = index - consumed.withLock { $0 }
            furthestAhead.withLock { $0 = max($0, ahead) }
            started.withLock { $0 += 1 }
            return index
        }) { index in
            if index % 50 == 0 { Thread.sleep(forTimeInterval: 0.005) }
            consumed.withLock { $0 = index + 1 }
            seen += 1
        }
        #expect(seen == 400)
        #expect(started.withLock { $0 } == 400)
        // Two workers keep at most 2 × 32 results ahead of the caller.
        #expect(furthestAhead.withLock { $0 } <= 64)
    }
}

@Suite("available processors")
struct AvailableProcessorsTests {
    @Test("a CPU quota grants its share of each period, rounded up; no quota or no number grants nothing")
    func quota() {
        #expect(AvailableProcessors.quota("150000", period: "100000") == 2)
        #expect(AvailableProcessors.quota("100000", period: "100000") == 1)
        #expect(AvailableProcessors.quota("50000", period: "100000") == 1)
        #expect(AvailableProcessors.quota("-1", period: "100000") == nil)
        #expect(AvailableProcessors.quota("max", period: "100000") == nil)
        #expect(AvailableProcessors.quota("100000", period: "0") == nil)
        #expect(AvailableProcessors.quota(nil, period: "100000") == nil)
    }

    @Test("a cpuset counts its first range, or its one processor; an empty or garbled list counts nothing")
    func cpuset() {
        #expect(AvailableProcessors.cpuset("0-3") == 4)
        #expect(AvailableProcessors.cpuset("0-3,8-11") == 4)
        #expect(AvailableProcessors.cpuset("5") == 1)
        #expect(AvailableProcessors.cpuset("") == nil)
        #expect(AvailableProcessors.cpuset("3-1") == nil)
        #expect(AvailableProcessors.cpuset(nil) == nil)
    }

    @Test("on this machine the count is Foundation's, and the default number of jobs")
    func agreesWithFoundation() {
        #expect(AvailableProcessors.count == ProcessInfo.processInfo.activeProcessorCount)
        #expect(Parallel.defaultJobs == AvailableProcessors.count)
    }
}
