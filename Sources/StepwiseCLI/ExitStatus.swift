import StepwiseRunner

/// The command line's exit statuses, distinct and stable: the one place their numbers are
/// written, and the one place a run's outcome becomes one.
///
/// Named so as not to clash with ArgumentParser's `ExitCode`, which carries them out of a command.
enum ExitStatus {
    /// Every case passed (manual items allowed; undefined ones too unless strict).
    static let passed: Int32 = 0
    /// At least one case failed, or a report could not be written.
    static let failed: Int32 = 1
    /// A spec could not be read, a library is broken, or (with `--strict`) an item is undefined,
    /// ambiguous or drifted. Wins over ``failed``.
    static let specOrBindingError: Int32 = 2
    /// The command line was wrong.
    static let usage: Int32 = 64

    /// The status of a run that ended with `outcome`.
    @Sendable static func code(for outcome: RunOutcome) -> Int32 {
        switch outcome {
        case .passed: passed
        case .failed: failed
        case .specOrBindingError: specOrBindingError
        }
    }
}
