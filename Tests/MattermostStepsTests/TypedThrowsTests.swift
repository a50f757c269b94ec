import MattermostSteps
import SessionBackend
import StepwiseBinding
import StepwiseModel
import StepwiseRunner
import Testing

/// The fakes throw typed errors (`throws(SimulationError)`, `throws(ConsoleError)`); step closures
/// throw `any Error`. These definitions are the pattern docs/running.md gives: they compile
/// without a cast, and each fails its item with a message a reader understands.
struct TypedThrowsSteps: StepLibrary {
    func makeWorld(_ context: WorldContext) async throws -> MattermostWorld { try await MattermostSteps().makeWorld(context) }

    func define(_ steps: inout Steps<MattermostWorld>) {
        // A typed-throwing call tried in a step: its error widens to `any Error` by itself and
        // fails the item with its own message.
        steps.action("open Safari on Windows") { world, _ in
            _ = try await world.backend.openClient(.browser(.safari, on: .windows))
        }
        // Typed and untyped throws in one closure, the fake's error caught as its own type: a
        // `do throws(SimulationError)` block makes `error` a SimulationError, with no `as?`.
        steps.action("open Safari on Windows, saying what the case asked for") { world, step in
            guard !step.text.isEmpty else { throw StepFailure("an item without text") }
            do throws(SimulationError) {
                let client = try await world.backend.openClient(.browser(.safari, on: .windows))
                try await world.backend.setState(client, .idle)
            } catch {
                throw StepFailure("the case asks for a browser that cannot exist: \(error.message)")
            }
        }
        // The same in a check that records and goes on: the typed error becomes a recorded failure.
        steps.check("every browser opens") { world, step in
            for kind in [ClientKind.browser(.chrome, on: .linux), .browser(.safari, on: .windows)] {
                do throws(SimulationError) {
                    _ = try await world.backend.openClient(kind)
                } catch {
                    step.fail("\(kind): \(error.message)")
                }
            }
        }
    }
}

@Suite("Typed-throwing fakes in step closures")
struct TypedThrowsTests {
    static func run(_ instructions: [String], _ expectations: [String] = []) async -> [Event.ItemFinished] {
        let location = SourceLocation(file: "T.md", line: 1)
        let testCase = TestCase(
            key: "T-1", title: "Typed throws",
            steps: instructions.enumerated().map { index, text in
                Step(
                    number: "\(index + 1)", instructions: [Instruction(number: 1, text: text, location: location)],
                    expectations: [], location: location)
            } + [Step(number: "\(instructions.count + 1)", instructions: [], expectations: expectations.map {
                Expectation(number: 1, text: $0, location: location)
            }, location: location)],
            format: .zephyrMarkdown, location: location)
        return await finishedItems(of: testCase, with: TypedThrowsSteps())
    }

    @Test("a typed error tried in a step fails the item with the fake's own message, at the definition")
    func triedDirectly() async {
        let items = await Self.run(["open Safari on Windows"])
        #expect(items.first?.status == .failed)
        #expect(items.first?.message == "Safari on Windows does not exist: Safari runs only on a Mac", "\(items.first?.message ?? "")")
        #expect(items.first?.failureLocation?.file.hasSuffix("TypedThrowsTests.swift") == true)
    }

    @Test("a typed error caught by its type reads as the step's own words")
    func caughtByType() async {
        let items = await Self.run(["open Safari on Windows, saying what the case asked for"])
        #expect(items.first?.message == "the case asks for a browser that cannot exist: Safari on Windows does not exist: Safari runs only on a Mac")
    }

    @Test("a typed error recorded in a check fails it and lets it look at the rest")
    func recorded() async {
        let items = await Self.run([], ["every browser opens"])
        #expect(items.last?.status == .failed)
        #expect(items.last?.message?.hasPrefix("Safari on Windows") == true, "\(items.last?.message ?? "")")
    }
}
