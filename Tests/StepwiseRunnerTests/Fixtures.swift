import StepwiseBinding
import StepwiseModel
import StepwiseRunner

/// A world shared with the test through a log, so tests can see what ran and on which world.
final class Journal: @unchecked Sendable {
    // Only touched from the one task that runs its case; @unchecked because the type is handed around.
    var lines: [String] = []
    var serial: Int
    init(serial: Int) { self.serial = serial }
}

/// Counts worlds made, from any task.
final class WorldCounter: Sendable {
    private let count = Mutex(0)
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
    var value: Int { count.withLock { $0 } }
}

import Synchronization

struct TestSteps: StepLibrary {
    let counter = WorldCounter()
    let register: @Sendable (inout Steps<Journal>) -> Void
    var options: [StepOption] { [.fault("slow-door", "the door opens after 40 s instead of 5 s")] }
    init(_ register: @escaping @Sendable (inout Steps<Journal>) -> Void) { self.register = register }
    func makeWorld(_ context: WorldContext) async throws -> Journal { Journal(serial: counter.next()) }
    func define(_ steps: inout Steps<Journal>) { register(&steps) }
}

/// A world no case ever gets.
final class Lab {}

/// A library whose world can never be made, with an after-case hook that must then not run (its
/// own world type: libraries over one type share the first one's world).
struct UnmakeableSteps: StepLibrary {
    let afterCase: @Sendable () -> Void
    init(afterCase: @escaping @Sendable () -> Void) { self.afterCase = afterCase }
    func makeWorld(_ context: WorldContext) async throws -> Lab { throw StepFailure("the lab is closed") }
    func define(_ steps: inout Steps<Lab>) { steps.afterCase { [afterCase] _, _ in afterCase() } }
}

func location(_ line: Int) -> SourceLocation { SourceLocation(file: "specs/T.md", line: line) }

/// A case made of steps, each a list of instructions and a list of expectations.
func makeCase(_ key: String, _ steps: [([String], [String])], subItems: [String] = []) -> TestCase {
    TestCase(
        key: key, title: "Case \(key)",
        steps: steps.enumerated().map { stepIndex, step in
            Step(
                number: "\(stepIndex + 1)",
                instructions: step.0.enumerated().map { index, text in
                    Instruction(
                        number: index + 1, text: text,
                        subItems: subItems.enumerated().map { Instruction(number: $0.offset + 1, text: $0.element, location: location(99)) },
                        location: location(10 * stepIndex + index + 1))
                },
                expectations: step.1.enumerated().map { index, text in
                    Expectation(number: index + 1, text: text, location: location(10 * stepIndex + index + 5))
                },
                location: location(10 * stepIndex))
        },
        format: .zephyrMarkdown, location: location(1))
}

/// For runs judged by their outcome: the command line's exit codes are not the runner's to know.
let unmapped: @Sendable (RunOutcome) -> Int32 = { _ in 0 }

/// The wall-clock limit for items in these tests: a safety net against hangs, far above any item's
/// real time, so that a test run sharing two cores with a build never turns a slow item into a
/// failure. The limit itself has its own test, with its own small value.
let generousLimit: Duration = .seconds(300)

/// Runs cases and returns the outcome and every event.
func run(
    _ cases: [TestCase], options: RunOptions = RunOptions(exitCode: unmapped, itemTimeout: generousLimit), _ register: @escaping @Sendable (inout Steps<Journal>) -> Void
) async -> (code: RunOutcome, events: [Event]) {
    let binder = Binder(libraries: [TestSteps(register)])
    var events: [Event] = []
    let code = await Runner(plan: binder.plan(cases), options: options).run { events.append($0) }
    return (code, events)
}

extension [Event] {
    /// `itemID status` of every finished item, in order.
    var itemResults: [String] {
        compactMap { if case .itemFinished(let item) = $0 { "\(item.caseID) \(item.itemID) \(item.status.rawValue)" } else { nil } }
    }

    var finishedItems: [Event.ItemFinished] {
        compactMap { if case .itemFinished(let item) = $0 { item } else { nil } }
    }

    var finishedCases: [Event.CaseFinished] {
        compactMap { if case .caseFinished(let finished) = $0 { finished } else { nil } }
    }

    /// The stream with every timing figure zeroed and the start date fixed: what must not vary between runs.
    var withoutTimings: [Event] {
        map { event in
            switch event {
            case .runStarted(var started): started.startedAt = .init(timeIntervalSince1970: 0); started.jobs = 0; return .runStarted(started)
            case .caseStarted(var started): started.at = 0; return .caseStarted(started)
            case .stepStarted(var started): started.at.wall = 0; return .stepStarted(started)
            case .itemStarted(var started): started.at.wall = 0; return .itemStarted(started)
            case .itemFinished(var finished): finished.at.wall = 0; finished.duration.wall = 0; return .itemFinished(finished)
            case .stepFinished(var finished): finished.at.wall = 0; finished.duration.wall = 0; return .stepFinished(finished)
            case .caseFinished(var finished): finished.at = 0; finished.duration.wall = 0; return .caseFinished(finished)
            case .runFinished(var finished): finished.duration = .zero; return .runFinished(finished)
            default: return event
            }
        }
    }
}
