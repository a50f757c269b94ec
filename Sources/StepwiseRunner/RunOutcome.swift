/// How a run ended, as the runner judges it. The command line alone turns it into an exit code.
public enum RunOutcome: String, Hashable, Sendable, CaseIterable {
    /// Every case passed (manual items allowed; undefined ones too unless strict).
    case passed
    /// At least one case failed, and the plan itself is sound.
    case failed
    /// A spec could not be read, a library is broken, or (under `--strict`) an item is undefined
    /// or ambiguous or a case's text drifted: ``/StepwiseBinding/Plan/hasErrors(strict:)``. Wins over ``failed``.
    case specOrBindingError
}
