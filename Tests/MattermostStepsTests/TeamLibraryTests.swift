import Foundation
import MattermostSteps
import SessionBackend
import StepwiseBinding
import StepwiseModel
import StepwiseParsing
import StepwiseRunner
import StepwiseTestSupport
import Testing

/// A team's library in its own module, as another package sees MattermostSteps: it builds on the
/// built-in library and adds the two definitions MM-T408 ("Sleep/Wake Computer") lacks.
struct SleepWakeSteps: StepLibrary {
    var includes: [any StepLibrary] { [MattermostSteps()] }

    func makeWorld(_ context: WorldContext) async throws -> MattermostWorld {
        try await MattermostSteps().makeWorld(context)
    }

    func define(_ steps: inout Steps<MattermostWorld>) {
        // The step's own title, written as its first line: it names what the lines below do.
        steps.action("Sleep/Wake Computer") { _, step in step.note("the lines below sleep and wake a computer") }
        // The note after it allows the connection banner to flash up and go: only what stays counts.
        steps.check("No blue bar/console error appears {}") { (world, step, _: String) in
            guard let computer = world.devices.last(where: { !$0.kind.isMobile }) else {
                throw StepFailure("no computer signed in to Mattermost in this case")
            }
            let status = await world.backend.status(of: computer.client)
            step.expect(status?.isOnLoginPage == false, "\(computer.label) shows the login page: \(status?.location ?? "?")")
            step.expect(status?.banner == nil, "\(computer.label) shows a banner: \(status?.banner ?? "")")
            step.expect(status?.notification == nil, "\(computer.label) showed a notification: \(status?.notification ?? "")")
            if case .failure(let error) = await world.backend.getMe(token: computer.token) {
                step.fail("\(computer.label)'s session no longer works after waking: \(error.statusCode) \(error.id)")
            }
        }
    }
}

/// A third library over the same world, for a planted fault: it ends the computer's session.
struct SessionEndingSteps: StepLibrary {
    func makeWorld(_ context: WorldContext) async throws -> MattermostWorld { try await MattermostSteps().makeWorld(context) }
    func define(_ steps: inout Steps<MattermostWorld>) {
        steps.action("the session of the computer ends") { world, _ in
            guard let computer = world.devices.last(where: { !$0.kind.isMobile }) else { throw StepFailure("no computer") }
            _ = await world.backend.logout(token: computer.token)
        }
    }
}

@Suite("A team's library over the built-in one")
struct TeamLibraryTests {
    static func mmT408() throws -> TestCase {
        let file = try Corpus.file("zephyr-export/suite/sign-in-authentication/MM-T408.md")
        return try #require(SpecReader.read(path: file.path).testCase)
    }

    static func run(_ testCase: TestCase, _ libraries: [any StepLibrary]) async -> (outcome: RunOutcome, items: [Event.ItemFinished]) {
        let plan = Binder(libraries: libraries).plan([testCase])
        var items: [Event.ItemFinished] = []
        let outcome = await Runner(plan: plan, options: RunOptions(exitCode: { _ in 0 }, itemTimeout: .seconds(120), strict: true)).run { event in
            if case .itemFinished(let item) = event { items.append(item) }
        }
        return (outcome, items)
    }

    @Test("the built-in library alone leaves MM-T408's title line and its expectation undefined")
    func builtInAlone() throws {
        let plan = Binder(libraries: [MattermostSteps()]).plan([try Self.mmT408()])
        let states = plan.cases[0].steps.flatMap(\.items).map { "\($0.plan.itemID) \($0.plan.binding.state)" }
        #expect(states == ["1.i1 undefined", "1.i2 matched", "1.i3 matched", "1.i4 matched", "1.e1 undefined"])
    }

    @Test("two definitions over the built-in world make MM-T408 green under --strict, built-in phrases and the team's on one world")
    func teamLibraryBindsAndPasses() async throws {
        let (code, items) = await Self.run(try Self.mmT408(), [SleepWakeSteps()])
        #expect(code == .passed)
        #expect(items.map(\.status) == [.passed, .passed, .passed, .passed, .passed])
        // The team's check saw the computer the built-in phrases signed in: one world.
        #expect(items.last?.message == nil)
    }

    @Test("the team's check fails when the woken computer's session is gone")
    func teamCheckCanFail() async throws {
        var testCase = try Self.mmT408()
        let ending = Instruction(number: 9, text: "The session of the computer ends", location: testCase.steps[0].location)
        // After waking, so the built-in wake check passes and the team check is the one to catch it.
        testCase.steps[0].instructions.append(ending)
        let (code, items) = await Self.run(testCase, [SleepWakeSteps(), SessionEndingSteps()])
        #expect(code == .failed)
        let check = try #require(items.last)
        #expect(check.status == .failed)
        #expect(check.message?.contains("no longer works after waking: 401") == true, "\(check.message ?? "")")
    }
}
