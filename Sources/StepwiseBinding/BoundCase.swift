import StepwiseModel

/// A case with every item bound: the unit the runner executes and `--dry-run` prints.
public struct BoundCase: Sendable {
    /// Unique within the run: the key, with `#2`, `#3`... for repeated keys.
    public var caseID: String
    public var testCase: TestCase
    /// What reporters see in `caseStarted`.
    public var plan: CasePlan
    public var steps: [BoundStep]
    /// Drift and other binding problems of this case.
    public var diagnostics: [Diagnostic]
    /// The fingerprint of the case's text, to pin with ``Steps/pin(_:fingerprint:fileID:line:)``.
    public var fingerprint: String
}

public struct BoundStep: Sendable {
    public var step: Step
    public var plan: StepPlan
    public var items: [BoundItem]
}

public struct BoundItem: Sendable {
    public var plan: ItemPlan
    public var instruction: Instruction?
    public var expectation: Expectation?
    package var resolution: Resolution

    /// The status the item has before it runs, when binding already decides it.
    public var staticStatus: Status? {
        switch resolution {
        case .run: nil
        case .manual: .manual
        case .undefined: .undefined
        case .ambiguous: .ambiguous
        }
    }
}

/// How an item will run.
package enum Resolution: Sendable {
    /// One definition, or several phrases in the order they appear.
    case run([Invocation])
    case manual(String)
    case undefined(String)
    case ambiguous(String)
}

/// One definition called with the values it captured.
package struct Invocation: Sendable {
    package var definition: Int
    package var values: [any Sendable]
}
