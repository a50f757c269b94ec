import StepwiseModel

/// A case with every item bound: the unit the runner executes and `--dry-run` prints.
public struct BoundCase: Sendable {
    /// Unique within the run: the key, with `#2`, `#3`... for repeated keys.
    public var caseID: String
    /// The case as read from its spec.
    public var testCase: TestCase
    /// What reporters see in `caseStarted`.
    public var plan: CasePlan
    /// Its steps, in order, each with its items bound.
    public var steps: [BoundStep]
    /// Drift and other binding problems of this case; a run reads them from ``Plan/diagnostics``.
    package var diagnostics: [Diagnostic]
    /// The fingerprint of the case's text, to pin with ``Steps/pin(_:fingerprint:fileID:line:)``.
    public var fingerprint: String
}

/// One step of a ``BoundCase``: the step as read, its plan as events carry it, and its items bound.
public struct BoundStep: Sendable {
    /// The step as read from the spec.
    public var step: Step
    /// The step as `caseStarted` carries it to reporters.
    public var plan: StepPlan
    /// Its instructions, then its expectations, each bound.
    public var items: [BoundItem]
}

/// One item of a ``BoundStep`` with its binding: the instruction or expectation as read, its plan
/// as events carry it, and the definition (or the reason there is none) it runs with.
public struct BoundItem: Sendable {
    /// The item as `caseStarted` carries it to reporters, with its binding.
    public var plan: ItemPlan
    /// The instruction as read, when the item is one.
    public var instruction: Instruction?
    /// The expectation as read, when the item is one.
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
    case undefined(Explanation)
    case ambiguous(String)
}

/// Why an item is undefined, worked out only when it is read: "did you mean" takes edit distances
/// against the closest definitions, which a catalogue of thousands of unbound items never shows.
package struct Explanation: Sendable, CustomStringConvertible {
    private let make: @Sendable () -> String
    package init(_ make: @escaping @Sendable () -> String) { self.make = make }
    package var description: String { make() }
}

/// One definition called with the values it captured: its compiled body, and which of the
/// plan's libraries makes the world it runs on.
package struct Invocation: Sendable {
    package var body: CompiledDefinition.Body
    /// The index of the definition's library in ``Plan/libraries``, and so of its world in a case.
    package var library: Int
    /// Where the definition is written, for failures that do not say where they were raised.
    package var location: SourceLocation
    package var values: [any Sendable]
}
