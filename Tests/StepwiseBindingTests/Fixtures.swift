import StepwiseBinding
import StepwiseModel

/// A world that records what the definitions did.
final class Journal: @unchecked Sendable {
    // Only touched from the one task that runs its case; @unchecked because tests hand it around.
    var lines: [String] = []
}

/// A library built from a registration closure, so each test states only what it needs.
struct TestSteps: StepLibrary {
    let register: @Sendable (inout Steps<Journal>) -> Void
    init(_ register: @escaping @Sendable (inout Steps<Journal>) -> Void) { self.register = register }
    func makeWorld(_ context: WorldContext) async throws -> Journal { Journal() }
    func define(_ steps: inout Steps<Journal>) { register(&steps) }
}

func location(_ line: Int) -> SourceLocation { SourceLocation(file: "specs/T-1.md", line: line) }

/// A case with one step holding these instructions and expectations.
func makeCase(_ key: String = "T-1", instructions: [String], expectations: [String] = [], subItems: [String] = []) -> TestCase {
    TestCase(
        key: key, title: "A case", status: "Active", priority: "Normal", folder: ["Suite", "Users"], labels: ["smoke"],
        steps: [
            Step(
                number: "1",
                instructions: instructions.enumerated().map { index, text in
                    Instruction(
                        number: index + 1, text: text,
                        subItems: index == 0 ? subItems.enumerated().map { Instruction(number: $0.offset + 1, text: $0.element, location: location(3)) } : [],
                        location: location(2 + index))
                },
                expectations: expectations.enumerated().map { Expectation(number: $0.offset + 1, text: $0.element, location: location(10 + $0.offset)) },
                location: location(1))
        ],
        format: .zephyrMarkdown, location: location(1))
}

/// The binding of the first item of a one-item case.
func binding(_ text: String, kind: ItemPlan.Kind = .instruction, _ register: @escaping @Sendable (inout Steps<Journal>) -> Void) -> BindingInfo {
    let binder = Binder(libraries: [TestSteps(register)])
    let testCase = kind == .instruction ? makeCase(instructions: [text]) : makeCase(instructions: [], expectations: [text])
    return binder.bind(testCase, caseID: "T-1").steps[0].items[0].plan.binding
}
