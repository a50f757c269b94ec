import Synchronization
import Testing

@testable import StepwiseRunner

/// What woke, and when.
final class WakeLog: Sendable {
    private let entries = Mutex<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

@Suite("Virtual clock")
struct VirtualClockTests {
    /// Starts a task that sleeps until `offset` and then records `name`, and waits until it sleeps.
    static func sleeper(_ clock: VirtualClock, _ name: String, at offset: Duration, log: WakeLog) async -> Task<Void, any Error> {
        let before = clock.sleeperCount
        let task = Task {
            try await clock.sleep(until: .init(offset: offset))
            log.append("\(name)@\(clock.now.offset)")
        }
        while clock.sleeperCount == before { await Task.yield() }
        return task
    }

    @Test("time stands still until the clock is moved")
    func standsStill() async throws {
        let clock = VirtualClock()
        #expect(clock.now.offset == .zero)
        await clock.advance(by: .seconds(30))
        #expect(clock.now.offset == .seconds(30))
        // Sleeping until an instant already passed returns at once.
        try await clock.sleep(until: .init(offset: .seconds(5)))
        #expect(clock.now.offset == .seconds(30))
    }

    @Test("sleepers wake in deadline order, each at its own deadline, and the clock ends where it was sent")
    func wakesInOrder() async throws {
        let clock = VirtualClock()
        let log = WakeLog()
        let late = await Self.sleeper(clock, "late", at: .seconds(20), log: log)
        let early = await Self.sleeper(clock, "early", at: .seconds(5), log: log)
        let beyond = await Self.sleeper(clock, "beyond", at: .seconds(90), log: log)
        await clock.advance(by: .seconds(60))
        try await early.value
        try await late.value
        #expect(log.all == ["early@5.0 seconds", "late@20.0 seconds"])
        #expect(clock.now.offset == .seconds(60))
        #expect(clock.sleeperCount == 1)
        beyond.cancel()
        await #expect(throws: CancellationError.self) { try await beyond.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test("a timer loop on the clock fires once per period as the clock moves")
    func timerLoop() async throws {
        let clock = VirtualClock()
        let ticks = Mutex<[Duration]>([])
        let loop = Task {
            while true {
                try await clock.sleep(until: clock.now.advanced(by: .seconds(10)))
                ticks.withLock { $0.append(clock.now.offset) }
            }
        }
        while clock.sleeperCount == 0 { await Task.yield() }
        await clock.advance(by: .seconds(35))
        #expect(ticks.withLock { $0 } == [.seconds(10), .seconds(20), .seconds(30)])
        loop.cancel()
    }

    @Test("a cancelled sleeper stops sleeping without the clock moving")
    func cancellation() async {
        let clock = VirtualClock()
        let task = Task { try await clock.sleep(until: .init(offset: .seconds(5))) }
        while clock.sleeperCount == 0 { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.now.offset == .zero)
    }
}
