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
    /// The run's ID in `runStarted` and in the reports (the command line makes a fresh one per
    /// run).
    public var runID: String
    /// Failed cases after which no more cases start (`--max-failures`); the cases not started
    /// are reported skipped, saying why. `nil`: every case runs.
    public var maxFailures: Int?
    /// Name and version for `runStarted`.
    public var tool: String
    /// The exit code `runFinished` records for an outcome: the command line's mapping, handed
    /// in so that the numbers are written in one place only.
    public var exitCode: @Sendable (RunOutcome) -> Int32

    /// Options; `exitCode` maps an outcome to the code `runFinished` records, the rest default to
    /// one job, no retries, 10 s per item, the virtual clock, not strict.
    public init(
        exitCode: @escaping @Sendable (RunOutcome) -> Int32, jobs: Int = 1, retries: Int = 0, itemTimeout: Duration = .seconds(10),
        configuration: RunConfiguration = .init(), strict: Bool = false, runID: String = "run",
        tool: String = "stepwise", maxFailures: Int? = nil
    ) {
        self.maxFailures = maxFailures.map { max(1, $0) }
        self.jobs = max(1, jobs)
        self.retries = max(0, retries)
        self.itemTimeout = itemTimeout
        self.configuration = configuration
        self.strict = strict
        self.runID = runID
        self.tool = tool
        self.exitCode = exitCode
    }
}
