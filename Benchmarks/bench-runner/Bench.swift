import Foundation
import StepwiseBinding
import StepwiseModel
import StepwiseRunner

/// Binds and runs 10,000 synthetic cases of 5 instructions and 3 expectations with 2 jobs and
/// prints items per second (the median of several runs). `Benchmarks/behave/bench.py` runs the
/// same suite under Python's behave for the baseline.
@main
struct Bench {
    static let cases = 10_000
    static let runs = 5

    final class Console {
        var users: [Int: Int] = [:]
        var page = ""
        var searched = ""
    }

    struct ConsoleSteps: StepLibrary {
        func makeWorld(_ context: WorldContext) async throws -> Console { Console() }
        func define(_ steps: inout Steps<Console>) {
            steps.action("log in as user {int} on {int} devices") { (console, _, user: Int, devices: Int) in console.users[user] = devices }
            steps.action("go to System Console ➜ {word}") { (console, _, page: String) in console.page = page }
            steps.action("search for {string}") { (console, _, text: String) in console.searched = text }
            steps.action("open the actions menu of user {int}") { (console, step, user: Int) in
                if console.users[user] == nil { throw StepFailure("no user \(user)") }
            }
            steps.action("revoke {int} session(s) of user {int}") { (console, _, count: Int, user: Int) in
                console.users[user, default: 0] -= count
            }
            steps.check("user {int} has {int} session(s) left") { (console, step, user: Int, left: Int) in
                step.expect(console.users[user] == left, "user \(user) has \(console.users[user] ?? 0) sessions")
            }
            steps.check("the page is {word}") { (console, step, page: String) in step.expect(console.page == page, "page \(console.page)") }
            steps.check("the search box shows {string}") { (console, step, text: String) in
                step.expect(console.searched == text, "search \(console.searched)")
            }
            // Definitions that match nothing here, as a real library has many.
            for index in 0..<12 {
                steps.action("unrelated action number \(index) with {word}") { (_, _, _: String) in }
                steps.check("unrelated check number \(index) is {int}") { (_, _, _: Int) in }
            }
        }
    }

    static func makeCase(_ index: Int) -> TestCase {
        let here = SourceLocation(file: "bench/B-\(index).md", line: 1)
        let user = index % 997
        let devices = 2 + index % 3
        let instructions = [
            "Log in as user \(user) on \(devices) devices", "Go to System Console ➜ Users", "Search for “user\(user)”",
            "Open the actions menu of user \(user)", "Revoke \(devices) sessions of user \(user)",
        ]
        let expectations = ["User \(user) has 0 sessions left", "The page is Users", "The search box shows \"user\(user)\""]
        return TestCase(
            key: "B-\(index)", title: "Bench \(index)",
            steps: [
                Step(
                    number: "1",
                    instructions: instructions.enumerated().map { Instruction(number: $0.offset + 1, text: $0.element, location: here) },
                    expectations: expectations.enumerated().map { Expectation(number: $0.offset + 1, text: $0.element, location: here) },
                    location: here)
            ],
            format: .zephyrMarkdown, location: here)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func main() async {
        let testCases = (0..<cases).map(makeCase)
        let items = cases * 8
        var rates: [Double] = []
        var bindingRates: [Double] = []
        for run in 1...runs {
            let start = ContinuousClock.now
            // A fresh binder each run, so binding is measured without a warm cache.
            let binder = Binder(libraries: [ConsoleSteps()])
            let plan = binder.plan(testCases, jobs: 2)
            bindingRates.append(Double(items) / seconds(start.duration(to: .now)))
            var passed = 0
            var events = 0
            // The outcome is checked, so the exit code the events record does not matter here.
            let outcome = await Runner(plan: plan, options: RunOptions(exitCode: { _ in 0 }, jobs: 2)).run { event in
                events += 1
                if case .itemFinished(let item) = event, item.status == .passed { passed += 1 }
            }
            let secondsValue = seconds(start.duration(to: .now))
            precondition(outcome == .passed && passed == items, "the benchmark suite must pass: \(passed) of \(items)")
            rates.append(Double(items) / secondsValue)
            print("run \(run): \(items) items (\(events) events) in \(String(format: "%.3f", secondsValue)) s = \(Int(rates.last!)) items/s")
        }
        let median = rates.sorted()[rates.count / 2]
        print("binding alone, 2 jobs, median of \(runs): \(Int(bindingRates.sorted()[runs / 2])) items/s")
        print("bench-runner: \(cases) cases × 8 items, 2 jobs, median of \(runs): \(Int(median)) items/s")
        await eventualChecks()
    }

    struct PollingSteps: StepLibrary {
        func makeWorld(_ context: WorldContext) async throws -> Console { Console() }
        func define(_ steps: inout Steps<Console>) {
            steps.check("redirected within {period}, checked every {duration}") { (_, step, window: DurationRange, every: Duration) in
                try await step.eventually(within: window.upperBound!, every: every) { step.elapsed >= window.upperBound! }
            }
        }
    }

    /// What polling costs on the virtual clock: each poll advances swift-clocks' TestClock.
    static func eventualChecks() async {
        for (interval, polls) in [("100 ms", 300), ("1 second", 30)] {
            let here = SourceLocation(file: "bench/poll.md", line: 1)
            let testCase = TestCase(
                key: "P-1", title: "Polling",
                steps: [
                    Step(
                        number: "1",
                        expectations: [Expectation(number: 1, text: "Redirected within 30 seconds, checked every \(interval)", location: here)],
                        location: here)
                ],
                format: .zephyrMarkdown, location: here)
            var walls: [Double] = []
            for _ in 1...runs {
                let binder = Binder(libraries: [PollingSteps()])
                let start = ContinuousClock.now
                let outcome = await Runner(plan: binder.plan([testCase]), options: RunOptions(exitCode: { _ in 0 }, jobs: 1)).run { _ in }
                precondition(outcome == .passed, "the polling case must pass")
                let elapsed = start.duration(to: .now)
                walls.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            }
            let median = walls.sorted()[walls.count / 2]
            print("eventual check over 30 s of virtual time, every \(interval) (\(polls) polls): median \(String(format: "%.1f", median)) ms wall")
        }
    }
}
