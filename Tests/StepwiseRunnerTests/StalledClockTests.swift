import StepwiseBinding
import StepwiseModel
import Testing

@testable import StepwiseRunner

@Suite("Waits on a clock nothing moves")
struct StalledClockTests {
    @Test("a step that sleeps on the virtual clock itself fails at once, saying how to move the clock, not after the time limit")
    func stepSleepsOnItsOwnClock() async {
        let (_, events) = await run([makeCase("T-1", [(["wait for the redirect", "log in"], [])])]) { steps in
            steps.action("wait for the redirect") { _, step in try await step.clock.sleep(for: .seconds(45)) }
            steps.action("log in") { _, _ in }
        }
        let item = events.finishedItems.first
        #expect(item?.status == .failed)
        let message = item?.message ?? ""
        #expect(message.contains("waits 45 s on the case's virtual clock, which only the step's own task moves"), "\(message)")
        #expect(message.contains("step.advance(by: 45 s)"), "\(message)")
        #expect(message.contains("waitForRedirects(of:until:)"), "\(message)")
        #expect(!message.contains("raise it with --timeout"))
        // The definition that waited is where the item failed.
        #expect(item?.failureLocation?.file.hasSuffix("StalledClockTests.swift") == true)
        #expect(events.itemResults == ["T-1 1.i1 failed", "T-1 1.i2 skipped"])
    }

    @Test("a step's hook that sleeps on the clock it alone moves fails the case at once too")
    func hookSleeps() async {
        let (_, events) = await run([makeCase("T-1", [(["log in"], [])])]) { steps in
            steps.beforeCase { _, step in try await step.clock.sleep(for: .seconds(3)) }
            steps.action("log in") { _, _ in }
        }
        let finished = events.finishedCases.first
        #expect(finished?.status == .failed)
        #expect(events.finishedItems.first?.message?.contains("waits 3 s on the case's virtual clock") == true, "\(events.finishedItems.map(\.message))")
    }

    @Test("a wait in a child task ends when the step moves the clock beside it")
    func childWaitsWhileStepAdvances() async {
        let (_, events) = await run([makeCase("T-1", [(["wait 45 s for the redirect"], [])])]) { steps in
            steps.action("wait 45 s for the redirect") { _, step in
                let clock = step.clock
                async let woke: Duration = {
                    try await clock.sleep(for: .seconds(45))
                    return .seconds(45)
                }()
                try await step.advance(by: .seconds(60))
                let waited = try await woke
                step.expect(waited == .seconds(45), "woke after \(waited)")
            }
        }
        #expect(events.itemResults == ["T-1 1.i1 passed"], "\(events.finishedItems.map(\.message))")
    }

    @Test("sleeping until an instant the clock has passed returns at once, for the step's own task too")
    func pastDeadline() async {
        let (_, events) = await run([makeCase("T-1", [(["advance then wait"], [])])]) { steps in
            steps.action("advance then wait") { _, step in
                try await step.advance(by: .seconds(10))
                try await step.clock.sleep(for: .zero)
            }
        }
        #expect(events.itemResults == ["T-1 1.i1 passed"], "\(events.finishedItems.map(\.message))")
    }

    @Test("a step awaiting a child that sleeps on the clock nobody moves fails with the child's wait named, before the time limit")
    func stepAwaitsSleepingChild() async {
        let (_, events) = await run(
            [makeCase("T-1", [(["wait for the redirect"], [])])], options: RunOptions(exitCode: unmapped, itemTimeout: .seconds(120))
        ) { steps in
            steps.action("wait for the redirect") { _, step in
                let clock = step.clock
                async let woke: Void = clock.sleep(for: .seconds(45))
                try await woke
            }
        }
        let item = events.finishedItems.first
        #expect(item?.status == .failed)
        #expect(item?.message?.contains("waits 45 s on the case's virtual clock, which nothing advances") == true, "\(item?.message ?? "")")
        #expect(item?.message?.contains("raise it with --timeout") == false)
    }

    @Test("a virtual clock stays usable by any task when nobody drives it")
    func undrivenClock() async throws {
        let clock = VirtualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(5)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        await clock.advance(by: .seconds(5))
        try await sleeper.value
        #expect(clock.now.offset == .seconds(5))
    }

    @Test("the driving task's sleep throws at once, and the clock keeps no sleeper for it")
    func drivenClock() async {
        let clock = VirtualClock()
        _ = await clock.driven {
            await #expect(throws: VirtualClock.StalledWait.self) { try await clock.sleep(for: .seconds(1)) }
        }
        #expect(clock.sleeperCount == 0)
    }
}

@Suite("Stall watch")
struct StallWatchTests {
    let start = ContinuousClock.now
    let watch = StallWatch(limit: .seconds(2))

    func at(_ seconds: Double) -> ContinuousClock.Instant { start + .milliseconds(Int(seconds * 1000)) }
    func probe(_ started: Double, _ finished: Double) -> StallWatch.Probe { StallWatch.Probe(started: at(started), finished: at(finished)) }

    @Test("a clock quiet for over the limit, with a probe round the pool started well after it went quiet, is stuck")
    func stuck() {
        let wait = watch.stalledWait(now: at(5), activityStarted: at(0), quiet: (at(1), .seconds(45)), probe: probe(3.5, 3.6))
        #expect(wait == .seconds(45))
    }

    @Test("a quiet clock on a starved pool (no probe started since it went quiet) is not stuck, however long it lasts")
    func starvedPool() {
        // The probe started before the clock had been quiet for the limit: a frozen pool then
        // resuming may still run the case's jobs.
        #expect(watch.stalledWait(now: at(60), activityStarted: at(0), quiet: (at(1), .seconds(45)), probe: probe(2.5, 59)) == nil)
        #expect(watch.stalledWait(now: at(60), activityStarted: at(0), quiet: (at(1), .seconds(45)), probe: nil) == nil)
    }

    @Test("a probe that ended only a moment ago does not yet count: the case's thread may resume just after the probe's")
    func probeJustEnded() {
        #expect(watch.stalledWait(now: at(5), activityStarted: at(0), quiet: (at(1), .seconds(45)), probe: probe(4.7, 4.8)) == nil)
        #expect(watch.stalledWait(now: at(5.4), activityStarted: at(0), quiet: (at(1), .seconds(45)), probe: probe(4.7, 4.8)) == .seconds(45))
    }

    @Test("a clock slept on or moved within the limit is not stuck")
    func recentActivity() {
        #expect(watch.stalledWait(now: at(5), activityStarted: at(0), quiet: (at(3.5), .seconds(45)), probe: probe(4.9, 4.95)) == nil)
    }

    @Test("a clock nobody sleeps on is not stuck, and neither is an activity younger than the limit")
    func nobodySleeps() {
        #expect(watch.stalledWait(now: at(5), activityStarted: at(0), quiet: nil, probe: probe(4, 4.1)) == nil)
        #expect(watch.stalledWait(now: at(5), activityStarted: at(4), quiet: (at(1), .seconds(45)), probe: probe(4.5, 4.6)) == nil)
    }
}
