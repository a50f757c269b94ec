import Foundation
import Testing
import StepwiseBinding
import StepwiseModel
@testable import StepwiseRunner

@Suite("Runner")
struct RunnerTests {
    @Test("instructions run in order, then every expectation; events nest case, step, item")
    func order() async {
        let (code, events) = await run([makeCase("T-1", [(["open the door", "walk in"], ["the room is lit", "the door is open"])])]) { steps in
            steps.action("open the door") { world, _ in world.lines.append("open") }
            steps.action("walk in") { world, _ in world.lines.append("walk") }
            steps.check("the room is lit") { world, step in step.expect(world.lines == ["open", "walk"], "lines: \(world.lines)") }
            steps.check("the door is open") { world, step in step.expect(world.lines.first == "open", "not open") }
        }
        #expect(code == RunOutcome.passed)
        #expect(events.map(\.kind) == [
            "runStarted", "caseStarted", "stepStarted", "itemStarted", "itemFinished", "itemStarted", "itemFinished",
            "itemStarted", "itemFinished", "itemStarted", "itemFinished", "stepFinished", "caseFinished", "runFinished",
        ])
        #expect(events.itemResults == ["T-1 1.i1 passed", "T-1 1.i2 passed", "T-1 1.e1 passed", "T-1 1.e2 passed"])
    }

    @Test("a definition's body gets one typed value per parameter, however many the expression has")
    func typedValuesOfAnyCount() async {
        let testCase = makeCase("T-1", [(["Open 2 doors and 3 windows in red at once"], ["Nothing is open"])])
        let (code, _) = await run([testCase]) { steps in
            steps.action("open {int} doors and {int} windows in {word} {}") { (journal, _, doors: Int, windows: Int, colour: String, rest: String) in
                journal.lines.append("\(doors) \(windows) \(colour) \(rest)")
            }
            steps.check("nothing is open") { journal, _ in
                guard journal.lines == ["2 3 red at once"] else { throw StepFailure("saw \(journal.lines)") }
            }
        }
        #expect(code == .passed)
    }

    @Test("a failed instruction skips the rest of its case; a failed expectation does not stop the others")
    func skipSemantics() async {
        let testCase = makeCase("T-1", [(["break it", "go on"], ["first holds", "second holds"]), (["later"], ["still"])])
        let (code, events) = await run([testCase]) { steps in
            steps.action("break it") { _, _ in throw StepFailure("it broke") }
            steps.action("go on") { _, _ in }
            steps.action("later") { _, _ in }
            steps.check("first holds") { _, _ in }
            steps.check("second holds") { _, _ in }
            steps.check("still") { _, _ in }
        }
        #expect(code == RunOutcome.failed)
        #expect(events.itemResults == ["T-1 1.i1 failed", "T-1 1.i2 skipped", "T-1 1.e1 skipped", "T-1 1.e2 skipped", "T-1 2.i1 skipped", "T-1 2.e1 skipped"])
        let failure = events.finishedItems[0]
        #expect(failure.message == "it broke")
        #expect(failure.failureLocation?.file == "StepwiseRunnerTests/RunnerTests.swift")

        let (_, expectationEvents) = await run([makeCase("T-2", [([], ["first holds", "second holds"]), (["later"], [])])]) { steps in
            steps.check("first holds") { _, step in step.fail("not at all") }
            steps.check("second holds") { _, _ in }
            steps.action("later") { _, _ in }
        }
        #expect(expectationEvents.itemResults == ["T-2 1.e1 failed", "T-2 1.e2 passed", "T-2 2.i1 passed"])
        #expect(expectationEvents.finishedCases.last?.status == .failed)
    }

    @Test("undefined, ambiguous and manual items are reported as such and never passed")
    func staticStatuses() async {
        let testCase = makeCase("T-1", [(["watch it"], ["someone smiles", "nobody knows", "twice", "twice"])])
        let (code, events) = await run([testCase]) { steps in
            steps.manual("watch it", because: "a person watches")
            steps.check("twice") { _, _ in }
            steps.check("{word}") { (_, _, _: String) in }
        }
        #expect(code == RunOutcome.passed)
        #expect(events.itemResults == ["T-1 1.i1 manual", "T-1 1.e1 undefined", "T-1 1.e2 undefined", "T-1 1.e3 ambiguous", "T-1 1.e4 ambiguous"])
        #expect(events.finishedCases.last?.status == .ambiguous)
        let strict = await run([testCase], options: RunOptions(exitCode: unmapped, itemTimeout: generousLimit, strict: true)) { steps in steps.check("twice") { _, _ in } }
        #expect(strict.code == RunOutcome.specOrBindingError)
    }

    @Test("an eventual check polls on the virtual clock and reports the observed time")
    func eventually() async throws {
        let testCase = makeCase("T-1", [(["revoke the sessions"], ["the user is redirected after ~2-30 seconds"])])
        let (code, events) = await run([testCase]) { steps in
            steps.action("revoke the sessions") { world, step in
                // A fake whose state is a function of the case's clock: the client notices 7 s later.
                world.lines.append("revoked at \(step.elapsed.components.seconds)")
            }
            steps.check("the user is redirected after {period}") { (world, step, window: DurationRange) in
                guard let observed = try await step.eventually(within: window.upperBound!, every: .milliseconds(100), "the redirect", {
                    world.lines == ["revoked at 0"] && step.elapsed >= .seconds(7)
                }) else { return }
                step.note("redirected after \(DurationRange.format(observed))")
                step.expect(window.contains(observed), "redirected after \(observed), outside \(window)")
            }
        }
        #expect(code == RunOutcome.passed)
        let check = try #require(events.finishedItems.last)
        #expect(check.notes == ["redirected after 7 s"])
        #expect(abs(check.duration.virtual - 7) < 0.001)
    }

    @Test("timers that fakes set on the case's clock fire as the check advances it")
    func timers() async throws {
        let (code, events) = await run([makeCase("T-1", [(["start a timer of 5 s"], ["it fired within 10 minutes"])])]) { steps in
            steps.action("start a timer of {int} s") { (world, step, seconds: Int) in
                let clock = try #require(step.clock as? VirtualClock)
                Task { try await sleep(on: clock, for: .seconds(seconds)); world.lines.append("fired") }
                // The timer is set once its task sleeps on the clock; a loaded machine may start
                // that task late, and the clock must not move before it does.
                while clock.sleeperCount == 0 { await Task.yield() }
            }
            steps.check("it fired {period}") { (world, step, window: DurationRange) in
                guard let observed = try await step.eventually(within: window.upperBound!, every: .seconds(1), "the timer", {
                    !world.lines.isEmpty
                }) else { return }
                step.note("fired after \(DurationRange.format(observed))")
                step.expect(observed >= .seconds(5), "seen after \(observed), before the timer was due")
            }
        }
        #expect(code == RunOutcome.passed, "\(events.finishedItems.map { "\($0.itemID) \($0.status.rawValue): \($0.message ?? "")" })")
        // Due at 5 s of the case's clock; a busy machine may run the woken task some polls later
        // (under a load of 18, once more than 25 polls: hence the wide window, which costs nothing
        // when the task runs at once, as the check stops at the first poll that sees it).
        let note = try #require(events.finishedItems.last?.notes.first)
        #expect(note.hasPrefix("fired after "), "\(note)")
    }

    @Test("an eventual check that never holds fails at the deadline from the text")
    func eventuallyFails() async throws {
        let (code, events) = await run([makeCase("T-1", [([], ["redirected within 30 seconds"])])]) { steps in
            steps.check("redirected {period}") { (_, step, window: DurationRange) in
                try await step.eventually(within: window.upperBound!, "the redirect") { step.elapsed < .zero }
            }
        }
        #expect(code == RunOutcome.failed)
        let item = try #require(events.finishedItems.first)
        #expect(item.message == "still waiting for the redirect after 30 s (checked every 0.1 s)")
        #expect(abs(item.duration.virtual - 30) < 0.001)
    }

    @Test("a case with nothing to run is skipped, not passed, and does not fail the run")
    func nothingToRun() async throws {
        let (code, events) = await run([makeCase("T-1", [([], [])])]) { _ in }
        #expect(code == RunOutcome.passed)
        let finished = try #require(events.compactMap { event -> Event.CaseFinished? in
            if case .caseFinished(let finished) = event { finished } else { nil }
        }.first)
        #expect(finished.status == .skipped)
        #expect(finished.message == "nothing to run: no step has an instruction or an expected result")
    }

    @Test("a hang past the wall-clock limit fails its item, and the run goes on")
    func timeLimit() async {
        let cases = [makeCase("T-1", [(["hang", "after"], [])]), makeCase("T-2", [(["after"], [])])]
        let (code, events) = await run(cases, options: RunOptions(exitCode: unmapped, jobs: 2, itemTimeout: .milliseconds(200))) { steps in
            steps.action("hang") { _, _ in
                // Ignores cancellation, like a call into code that never checks for it.
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().asyncAfter(deadline: .now() + 10) { continuation.resume() }
                }
            }
            steps.action("after") { _, _ in }
        }
        #expect(code == RunOutcome.failed)
        #expect(events.itemResults == ["T-1 1.i1 failed", "T-1 1.i2 skipped", "T-2 1.i1 passed"])
        #expect(events.finishedItems[0].message?.contains("did not finish within 0.2 s of wall-clock time") == true)
        // Abandoned long before the 10 s the hang would take.
        #expect(events.finishedItems[0].duration.wall < 5)
    }

    @Test("a case that passes on a retry is flaky, with a fresh world each attempt")
    func retries() async {
        let attempts = Mutex(0)
        let (code, events) = await run([makeCase("T-1", [(["try"], [])])], options: RunOptions(exitCode: unmapped, retries: 2, itemTimeout: generousLimit)) { steps in
            steps.action("try") { world, _ in
                let attempt = attempts.withLock { $0 += 1; return $0 }
                if world.lines.isEmpty, attempt < 2 { throw StepFailure("not yet") }
            }
        }
        #expect(code == RunOutcome.passed)
        let finished = events.finishedCases
        #expect(finished.map(\.attempt) == [1, 2])
        #expect(finished.map(\.status) == [.failed, .passed])
        #expect(finished.map(\.willRetry) == [true, false])
        #expect(finished.last?.flaky == true)
        if case .runFinished(let run)? = events.last { #expect(run.flaky == 1 && run.counts == ["passed": 1]) }
    }

    @Test("hooks run around every case and step, on the case's world")
    func hooks() async throws {
        let log = Mutex<[String]>([])
        let (code, _) = await run([makeCase("T-1", [(["a"], []), (["b"], [])])]) { steps in
            steps.beforeCase { world, _ in world.lines.append("before case") }
            steps.beforeStep { world, _ in world.lines.append("before step") }
            steps.action("{word}") { (world, _, word: String) in world.lines.append(word) }
            steps.afterStep { world, _ in world.lines.append("after step") }
            steps.afterCase { world, _ in log.withLock { $0 = world.lines + ["after case"] } }
        }
        #expect(code == RunOutcome.passed)
        #expect(log.withLock { $0 } == ["before case", "before step", "a", "after step", "before step", "b", "after step", "after case"])
    }

    @Test("a failing before-case hook fails the first item and skips the rest")
    func failingHook() async {
        let (_, events) = await run([makeCase("T-1", [(["a", "b"], [])])]) { steps in
            steps.beforeCase { _, _ in throw StepFailure("no database") }
            steps.action("{word}") { (_, _, _: String) in }
        }
        #expect(events.itemResults == ["T-1 1.i1 failed", "T-1 1.i2 skipped"])
        #expect(events.finishedItems[0].message == "before the case: no database")
    }

    @Test("when a second library cannot make its world, the case fails and only the first library's after-case hook runs")
    func failingSecondWorld() async throws {
        let log = Mutex<[String]>([])
        let first = TestSteps { steps in
            steps.action("{word}") { (_, _, _: String) in }
            steps.afterCase { _, _ in log.withLock { $0.append("first library's after-case") } }
        }
        let binder = Binder(libraries: [first, UnmakeableSteps { log.withLock { $0.append("second library's after-case") } }])
        var events: [Event] = []
        let code = await Runner(plan: binder.plan([makeCase("T-1", [(["a"], [])])]), options: RunOptions(exitCode: unmapped, itemTimeout: generousLimit)).run {
            events.append($0)
        }
        #expect(code == RunOutcome.failed)
        #expect(events.finishedItems.first?.message == "before the case: the lab is closed")
        #expect(log.withLock { $0 } == ["first library's after-case"])
    }

    @Test("a step that moves the clock back, or polls every 0 s, fails its item and the run goes on", arguments: [
        ("go back", "the case's clock cannot move back"), ("poll forever", "eventually(every:) needs a positive interval"),
    ])
    func clockMisuse(instruction: String, message: String) async throws {
        let (code, events) = await run([makeCase("T-1", [([instruction], [])]), makeCase("T-2", [(["wait"], [])])]) { steps in
            steps.action("go back") { _, step in try await step.advance(by: .seconds(-1)) }
            steps.action("poll forever") { _, step in try await step.eventually(within: .seconds(1), every: .zero) { false } }
            steps.action("wait") { _, step in try await step.advance(by: .seconds(1)) }
        }
        #expect(code == RunOutcome.failed)
        #expect(events.itemResults == ["T-1 1.i1 failed", "T-2 1.i1 passed"])
        #expect(events.finishedItems[0].message?.hasPrefix(message) == true)
    }

    @Test("an action receives its instruction's sub-items, and the world its configuration and clock")
    func context() async throws {
        let seen = Mutex<[String]>([])
        let testCase = makeCase("T-1", [(["log in everywhere"], [])], subItems: ["Mobile apps can have screen locked or not", "Non-mobile can be asleep"])
        let options = RunOptions(exitCode: unmapped, itemTimeout: generousLimit, configuration: RunConfiguration(selectedOptions: ["slow-door"]))
        _ = await run([testCase], options: options) { steps in
            steps.action("log in everywhere") { _, step in
                seen.withLock { $0 = step.subItems + [step.configuration.isSelected("slow-door") ? "fault on" : "fault off"] }
            }
        }
        #expect(seen.withLock { $0 } == ["Mobile apps can have screen locked or not", "Non-mobile can be asleep", "fault on"])
    }

    @Test("the stream is the same for 1 and 4 jobs, but for timings")
    func determinism() async {
        let cases = (1...12).map { makeCase("T-\($0)", [(["wait \($0 % 4) seconds", "fail if \($0 % 5)"], ["done"])]) }
        let register: @Sendable (inout Steps<Journal>) -> Void = { steps in
            steps.action("wait {int} seconds") { (_, step, seconds: Int) in
                // Real sleeps of different lengths make the cases finish out of order.
                try await Task.sleep(for: .milliseconds(5 * (4 - seconds)))
                try await step.advance(by: .seconds(seconds))
            }
            steps.action("fail if {int}") { (_, _, value: Int) in if value == 0 { throw StepFailure("zero") } }
            steps.check("done") { _, _ in }
        }
        let one = await run(cases, options: RunOptions(exitCode: unmapped, jobs: 1, itemTimeout: generousLimit, runID: "r"), register)
        let four = await run(cases, options: RunOptions(exitCode: unmapped, jobs: 4, itemTimeout: generousLimit, runID: "r"), register)
        #expect(one.events.withoutTimings == four.events.withoutTimings)
        #expect(one.events.count == 2 + 12 * 10)
        #expect(one.code == RunOutcome.failed && four.code == RunOutcome.failed)
    }

    @Test("with several jobs and --max-failures, cases start in plan order and stop at the limit; the rest are reported not run")
    func maxFailuresWithJobs() async {
        let cases = (1...20).map { makeCase("T-\($0)", [(["fail"], ["done"])]) }
        let started = Mutex<[String]>([])
        let (code, events) = await run(
            cases, options: RunOptions(exitCode: unmapped, jobs: 3, itemTimeout: generousLimit, maxFailures: 2)
        ) { steps in
            steps.action("fail") { _, step in
                started.withLock { $0.append(step.caseKey) }
                throw StepFailure("no")
            }
            steps.check("done") { _, _ in }
        }
        let finished = events.finishedCases
        #expect(code == .failed)
        #expect(finished.map(\.caseID) == cases.map(\.key), "every case once, in plan order")
        let ran = started.withLock { $0 }
        // Two failures stop the run; the cases already running (at most one per job) finish.
        #expect((2...4).contains(ran.count))
        #expect(Set(ran) == Set(cases.prefix(ran.count).map(\.key)), "the cases that ran are the first ones")
        #expect(finished.prefix(ran.count).allSatisfy { $0.status == .failed })
        #expect(finished.dropFirst(ran.count).allSatisfy { $0.status == .skipped && $0.message?.hasPrefix("not run:") == true })
    }

    struct Stop: Error {}

    /// A run of one-step cases that counts the cases whose instruction ran.
    final class CountedRun: Sendable {
        let started = Mutex(0)
        let cases: [TestCase]

        init(cases count: Int) {
            cases = (1...count).map { makeCase("T-\($0)", [(["step"], ["done"])]) }
        }

        /// How many cases have run their instruction.
        var ran: Int { started.withLock { $0 } }

        var runner: Runner {
            let binder = Binder(libraries: [
                TestSteps { [self] steps in
                    steps.action("step") { _, _ in self.started.withLock { $0 += 1 } }
                    steps.check("done") { _, _ in }
                }
            ])
            return Runner(plan: binder.plan(cases), options: RunOptions(exitCode: unmapped, jobs: 2, itemTimeout: generousLimit))
        }
    }

    @Test("an error thrown by the receiver of the events ends the run: it is rethrown, and no case starts after it")
    func receiverStops() async {
        let counted = CountedRun(cases: 30)
        var received = 0
        await #expect(throws: Stop.self) {
            try await counted.runner.run { event in
                received += 1
                if case .caseFinished = event { throw Stop() }
            }
        }
        // The start of the run and the first case's block, up to its end; the cases started by
        // then (one per job, and one more for each case received) finish, and no other starts.
        #expect(received == 1 + 8)
        #expect((1...4).contains(counted.ran))
    }

    @Test("a receiver slow to take the events holds the cases back: a case starts only as one before it is taken")
    func slowReceiver() async {
        let counted = CountedRun(cases: 24)
        var ahead: [Int] = []
        var taken = 0
        await counted.runner.run { event in
            guard case .caseFinished = event else { return }
            taken += 1
            ahead.append(counted.ran - taken)
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(taken == 24)
        #expect(ahead.allSatisfy { $0 <= 2 * 2 }, "cases started past the one taken: \(ahead)")
    }

    @Test("events survive the NDJSON encoding")
    func encoding() async throws {
        let (_, events) = await run([makeCase("T-1", [(["a"], ["b"])])]) { steps in
            steps.action("a") { _, _ in }
            steps.check("b") { _, step in step.note("fine") }
        }
        let text = try events.map { try EventStream.line(for: $0) }.joined(separator: "\n")
        #expect(try EventStream.events(from: text).withoutTimings == events.withoutTimings)
    }
}

import Synchronization

func sleep<C: Clock<Duration>>(on clock: C, for duration: Duration) async throws {
    try await clock.sleep(for: duration)
}
