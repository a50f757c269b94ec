import StepwiseBinding
import StepwiseModel
import StepwiseRunner
import Synchronization
import Testing

/// A built-in library as a team finds it: a world, a parameter type and an option.
struct BaseSteps: StepLibrary {
    let counter = WorldCounter()
    var options: [StepOption] { [.fault("slow-door", "the door opens after 40 s instead of 5 s")] }
    func makeWorld(_ context: WorldContext) async throws -> Journal { Journal(serial: counter.next()) }
    func define(_ steps: inout Steps<Journal>) {
        steps.parameter(ParameterType("colour", matching: #/red|blue/#))
        steps.action("open the door") { journal, _ in journal.lines.append("base: open (world \(journal.serial))") }
        steps.beforeCase { journal, _ in journal.lines.append("base: before case") }
    }
}

/// What the last case's world held, seen from the test.
final class Seen: Sendable {
    let lines = Mutex<[String]>([])
}

/// A team's library over the built-in one: it includes it, and adds definitions on its world.
struct TeamSteps: StepLibrary {
    let base: BaseSteps
    let seen: Seen
    var includes: [any StepLibrary] { [base] }
    var options: [StepOption] { [.fault("slow-door", "the door opens after 40 s instead of 5 s")] }
    func makeWorld(_ context: WorldContext) async throws -> Journal { Journal(serial: -1) }
    func define(_ steps: inout Steps<Journal>) {
        steps.action("paint the door {colour}") { (journal, _, colour: String) in
            journal.lines.append("team: paint \(colour) (world \(journal.serial))")
        }
        steps.action("open the door and paint it") { _, _ in }
        steps.afterCase { [seen] journal, _ in seen.lines.withLock { $0 = journal.lines } }
    }
}

@Suite("Libraries that compose")
struct CompositionTests {
    static func team() -> (TeamSteps, BaseSteps) {
        let base = BaseSteps()
        return (TeamSteps(base: base, seen: Seen()), base)
    }

    @Test("a team's library drives the built-in world: one world per case, the included library loaded once")
    func sharedWorld() async throws {
        let (team, base) = Self.team()
        // Naming the built-in library too changes nothing: each library type loads once.
        let binder = Binder(libraries: [team, base])
        #expect(binder.libraries.map(\.name) == ["BaseSteps", "TeamSteps"])
        let testCase = makeCase("T-1", [(["Open the door", "Paint the door red"], [])])
        let code = await Runner(plan: binder.plan([testCase]), options: RunOptions(exitCode: unmapped, itemTimeout: generousLimit)).run { _ in }
        #expect(code == .passed)
        #expect(base.counter.value == 1)
        #expect(team.seen.lines.withLock { $0 } == ["base: before case", "base: open (world 1)", "team: paint red (world 1)"])
    }

    @Test("the included library's parameter types bind the team's expressions")
    func parameterTypes() {
        let (team, _) = Self.team()
        let plan = Binder(libraries: [team]).plan([makeCase("T-1", [(["Paint the door blue", "Paint the door green"], [])])])
        #expect(plan.diagnostics.isEmpty)
        #expect(plan.cases[0].steps[0].items.map(\.plan.binding.state) == [.matched, .undefined])
    }

    @Test("an option both libraries declare is listed once")
    func optionsOnce() {
        let (team, base) = Self.team()
        #expect(Binder(libraries: [team, base]).options.map(\.name) == ["slow-door"])
        #expect(([team, base] as [any StepLibrary]).options.map(\.name) == ["slow-door"])
    }

    @Test("a sentence two libraries both define is ambiguous, naming each library's definition")
    func ambiguityBetweenLibraries() {
        struct Other: StepLibrary {
            func makeWorld(_ context: WorldContext) async throws -> Journal { Journal(serial: 0) }
            func define(_ steps: inout Steps<Journal>) { steps.action("open the door") { _, _ in } }
        }
        let (team, _) = Self.team()
        let plan = Binder(libraries: [team, Other()]).plan([makeCase("T-1", [(["Open the door"], [])])])
        let binding = plan.cases[0].steps[0].items[0].plan.binding
        #expect(binding.state == .ambiguous)
        #expect(binding.candidates.map(\.location.file) == ["StepwiseRunnerTests/CompositionTests.swift", "StepwiseRunnerTests/CompositionTests.swift"])
        #expect(binding.candidates.count == 2)
    }

    @Test("libraries over different world types each get their own world")
    func separateWorlds() async {
        final class Other {}
        struct OtherSteps: StepLibrary {
            let made = WorldCounter()
            func makeWorld(_ context: WorldContext) async throws -> Other { _ = made.next(); return Other() }
            func define(_ steps: inout Steps<Other>) { steps.action("wave") { _, _ in } }
        }
        let (team, base) = Self.team()
        let other = OtherSteps()
        let plan = Binder(libraries: [team, other]).plan([makeCase("T-1", [(["Open the door", "Wave"], [])])])
        let code = await Runner(plan: plan, options: RunOptions(exitCode: unmapped, itemTimeout: generousLimit)).run { _ in }
        #expect(code == .passed)
        #expect(base.counter.value == 1 && other.made.value == 1)
    }
}

@Suite("Undefined items in a run")
struct UndefinedItemsTests {
    @Test("a run reports every undefined item of a case, not only the first; the others after it are skipped")
    func everyUndefinedItem() async {
        let testCase = makeCase("T-1", [(["wave", "jump", "sing"], ["it rains"]), (["dance"], [])])
        let (_, events) = await run([testCase], options: RunOptions(exitCode: unmapped, itemTimeout: generousLimit, strict: true)) { steps in
            steps.action("jump") { _, _ in }
        }
        #expect(events.itemResults == ["T-1 1.i1 undefined", "T-1 1.i2 skipped", "T-1 1.i3 undefined", "T-1 1.e1 undefined", "T-1 2.i1 undefined"])
    }
}
