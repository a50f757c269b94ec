import StepwiseReporting
import StepwiseBinding
import StepwiseModel
import StepwiseRunner

/// `stepwise run --dry-run`: the plan, item by item, with each binding or a snippet.
enum DryRun {
    static func print(_ plan: Plan, strict: Bool) -> Int32 {
        StandardStreams.write(render(plan.cases), to: .output)
        return ExitStatus.code(for: plan.hasErrors(strict: strict) ? .specOrBindingError : .passed)
    }

    static func render(_ cases: [BoundCase]) -> String {
        var out = ""
        for bound in cases {
            // Spec text shown with control pictures, so an escape in a title cannot drive the terminal.
            out += "\(bound.plan.displayName.showingControlCharacters)  [\(bound.testCase.location.description.showingControlCharacters)]"
            out += "  fingerprint \(bound.fingerprint)\n"
            for step in bound.steps {
                out += "  Step \(step.plan.number)\n"
                for item in step.items {
                    let binding = item.plan.binding
                    out += "    \(binding.state.rawValue.padding(9)) \(item.plan.itemID.padding(7)) \(item.plan.text.showingControlCharacters)\n"
                    switch binding {
                    case .matched(let definition), .manual(let definition):
                        out += "              ↳ " + definition.parts.map { "\"\($0.expression)\" at \($0.location)" }.joined(separator: " + ")
                        out += definition.arguments.isEmpty ? "\n" : "  (\(definition.arguments.joined(separator: ", ")))\n"
                    case .ambiguous(let candidates):
                        for candidate in candidates { out += "              ↳ \"\(candidate.expression)\" at \(candidate.location)\n" }
                    case .undefined(let snippet):
                        for line in snippet.text.split(separator: "\n") { out += "              \(line)\n" }
                    }
                }
            }
        }
        return out
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
