import StepwiseBinding

/// How a run goes: parallelism, retries, time limits, clock and strictness.
public struct RunOptions: Sendable {
    /// Cases run at once.
    public var jobs: Int
    /// Extra attempts for a failed case; a case that passes on one is `flaky`.
    public var retries: Int
    /// Wall-clock limit per item (and per hook): past it the item fails and the case is abandoned.
    public var itemTimeout: Duration
    /// What libraries see: selected options and faults, and the clock kind.
    public var configuration: RunConfiguration
    /// Undefined, ambiguous or drifted items make the run a binding error (exit 2).
    public var strict: Bool
    public var runID: String
    /// Name and version for `runStarted`.
    public var tool: String

    public init(
        jobs: Int = 1, retries: Int = 0, itemTimeout: Duration = .seconds(10),
        configuration: RunConfiguration = .init(), strict: Bool = false, runID: String = "run",
        tool: String = "stepwise"
    ) {
        self.jobs = max(1, jobs)
        self.retries = max(0, retries)
        self.itemTimeout = itemTimeout
        self.configuration = configuration
        self.strict = strict
        self.runID = runID
        self.tool = tool
    }
}

/// The command line's exit codes, distinct and stable.
public enum ExitCode {
    /// Every case passed (manual items allowed; undefined ones too unless strict).
    public static let passed: Int32 = 0
    /// At least one case failed.
    public static let failed: Int32 = 1
    /// A spec could not be read, a library is broken, or (under `--strict`) an item is undefined,
    /// ambiguous or drifted. Wins over ``failed``.
    public static let specOrBindingError: Int32 = 2
    /// The command line was wrong.
    public static let usage: Int32 = 64
}
