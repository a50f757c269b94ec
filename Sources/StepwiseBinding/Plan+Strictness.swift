import StepwiseModel

extension Plan {
    /// The diagnostics as a run reports them: under `--strict`, those ``StepwiseModel/Diagnostic/severity(strict:)``
    /// raises are errors.
    public func diagnostics(strict: Bool) -> [PlanDiagnostic] {
        guard strict else { return diagnostics }
        return diagnostics.map { reported in
            var reported = reported
            reported.diagnostic.severity = reported.diagnostic.severity(strict: true)
            return reported
        }
    }

    /// Whether the plan is broken whatever its cases do: a spec could not be read, a library is
    /// broken, or (under `--strict`) an item is undefined or ambiguous or a case's text drifted.
    /// This is the only place that decides it; `run` and `run --dry-run` both ask.
    public func hasErrors(strict: Bool) -> Bool {
        if diagnostics(strict: strict).contains(where: { $0.diagnostic.severity == .error }) { return true }
        guard strict else { return false }
        return cases.contains { bound in
            bound.steps.contains { step in step.items.contains { [.undefined, .ambiguous].contains($0.staticStatus) } }
        }
    }
}

extension Diagnostic {
    /// The severity under `--strict` or not: strictness makes drift (``/StepwiseModel/DiagnosticCode/bindingDrift``)
    /// an error, and nothing else.
    public func severity(strict: Bool) -> Severity {
        strict && code == .bindingDrift ? .error : severity
    }
}
