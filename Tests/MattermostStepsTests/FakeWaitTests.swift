import MattermostSteps
import SessionBackend
import StepwiseBinding
import StepwiseModel
import StepwiseRunner
import Testing

/// Steps that await the fakes' own waits (friction 3 of issue 10), the two ways a team might write them.
struct WaitingSteps: StepLibrary {
    static func browser(_ world: MattermostWorld) async throws -> ClientID {
        let user = await world.account(for: .emailPassword)
        return try await world.signIn(user, on: .browser(.chrome, on: .linux), method: .emailPassword, posture: .awake, behaviour: .untouched).client
    }

    func makeWorld(_ context: WorldContext) async throws -> MattermostWorld { try await MattermostSteps().makeWorld(context) }

    func define(_ steps: inout Steps<MattermostWorld>) {
        // Awaited by the step's own task: nothing moves the clock while it sleeps.
        steps.action("wait a minute for the redirect") { world, _ in
            let client = try await Self.browser(world)
            _ = try await world.backend.waitForRedirect(of: client, until: await world.backend.now + .seconds(60))
        }
        // The other waits of the fakes, each awaited by the step's own task.
        steps.action("wait a minute for every redirect") { world, _ in
            let client = try await Self.browser(world)
            _ = try await world.backend.waitForRedirects(of: [client], until: await world.backend.now + .seconds(60))
        }
        steps.action("sleep a minute on the backend") { world, _ in
            try await world.backend.sleep(until: await world.backend.now + .seconds(60))
        }
        steps.action("search the users list and let it settle") { world, step in
            let console = try await world.usersPage(step)
            await console.typeSearch("samuel")
            try await console.settle()
        }
        // The documented pattern: the wait in a child task, the step moving the clock beside it.
        steps.action("wait a minute for the redirect while the clock moves") { world, step in
            let backend = world.backend
            let client = try await Self.browser(world)
            let deadline = await backend.now + .seconds(60)
            async let redirect = backend.waitForRedirect(of: client, until: deadline)
            try await step.advance(by: .seconds(60))
            let redirected = try await redirect
            step.expect(redirected == nil, "an untouched browser was sent to the login page at \(redirected.map { "\($0)" } ?? "")")
            step.note("waited until \(DurationRange.format(await backend.now))")
        }
    }
}

@Suite("The fakes' waits on the case's clock")
struct FakeWaitTests {
    static func run(_ items: [String]) async -> [Event.ItemFinished] {
        let testCase = TestCase(
            key: "T-1", title: "Waits",
            steps: [
                Step(
                    number: "1",
                    instructions: items.enumerated().map { Instruction(number: $0.offset + 1, text: $0.element, location: SourceLocation(file: "T.md", line: $0.offset + 1)) },
                    expectations: [], location: SourceLocation(file: "T.md", line: 1))
            ], format: .zephyrMarkdown, location: SourceLocation(file: "T.md", line: 1))
        return await finishedItems(of: testCase, with: WaitingSteps())
    }

    @Test("awaiting SessionBackend.waitForRedirect from the step itself fails at once, saying how to move the clock")
    func waitFromTheStep() async {
        let items = await Self.run(["wait a minute for the redirect"])
        #expect(items.map(\.status) == [.failed])
        let message = items.last?.message ?? ""
        #expect(message.contains("on the case's virtual clock, which only the step's own task moves"), "\(message)")
        #expect(message.contains("start the wait in a child task (async let) and advance beside it"), "\(message)")
        #expect(items.last?.failureLocation?.file.hasSuffix("FakeWaitTests.swift") == true)
    }

    @Test("every other wait of the fakes awaited from the step itself fails at once too, saying how to move the clock", arguments: [
        "wait a minute for every redirect", "sleep a minute on the backend", "search the users list and let it settle",
    ])
    func everyWaitFromTheStep(_ item: String) async {
        let items = await Self.run([item])
        #expect(items.map(\.status) == [.failed])
        let message = items.last?.message ?? ""
        #expect(message.contains("on the case's virtual clock, which only the step's own task moves"), "\(message)")
        #expect(items.last?.failureLocation?.file.hasSuffix("FakeWaitTests.swift") == true)
    }

    @Test("the same wait in a child task ends when the step moves the clock beside it")
    func waitInAChildTask() async {
        let items = await Self.run(["wait a minute for the redirect while the clock moves"])
        #expect(items.map(\.status) == [.passed], "\(items.map(\.message))")
        #expect(items.last?.notes == ["waited until 60 s"])
    }
}
