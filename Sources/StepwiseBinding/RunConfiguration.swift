import StepwiseModel

/// How a run was asked to behave, as step libraries see it when they make a world.
public struct RunConfiguration: Hashable, Sendable {
    /// The names of the ``StepOption``s selected with `--fault` or `--option`.
    public var selectedOptions: Set<String>
    /// Which clock cases run on: ``/StepwiseModel/ClockKind/virtual`` or ``/StepwiseModel/ClockKind/real``.
    public var clock: ClockKind

    /// A configuration: the options and faults selected by name, and the clock cases run on.
    public init(selectedOptions: Set<String> = [], clock: ClockKind = .virtual) {
        self.selectedOptions = selectedOptions
        self.clock = clock
    }

    /// True when the option (or fault) with this name was selected.
    public func isSelected(_ name: String) -> Bool { selectedOptions.contains(name) }
}

/// A named switch a step library offers on the command line: a planted fault in a fake, or any
/// other option its worlds honour. `stepwise run --help` lists them; unknown names are usage errors.
public struct StepOption: Hashable, Sendable {
    /// Whether an option is a planted fault or any other switch.
    public enum Kind: String, Hashable, Sendable {
        /// Selected with `--fault NAME`: breaks the system under test on purpose.
        case fault
        /// Selected with `--option NAME`.
        case option
    }

    /// The name the command line takes (`--fault NAME`, `--option NAME`), in kebab case.
    public var name: String
    /// Whether `--fault` or `--option` selects it.
    public var kind: Kind
    /// One line for `--help`.
    public var summary: String

    /// An option or fault with its name and its line for `--help`.
    public init(_ name: String, kind: Kind = .option, summary: String) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }

    /// A planted fault.
    public static func fault(_ name: String, _ summary: String) -> StepOption {
        StepOption(name, kind: .fault, summary: summary)
    }
}

/// What a step library receives when it makes the world of one case.
public struct WorldContext: Sendable {
    /// How the run was asked to behave: the selected options and faults, and the clock.
    public var configuration: RunConfiguration
    /// The case's own clock: give it to fakes that keep time, so they run on virtual time.
    public var clock: any Clock<Duration>
    /// The key of the case being run.
    public var caseKey: String
    /// The case as read from its export (its created date, folder, steps and step info), for
    /// libraries whose world depends on them: a library that models a product version picks the
    /// version the case was written for from `createdOn`.
    public var testCase: TestCase?

    /// What a library gets for one case; the runner makes it, and tests of a library can too.
    public init(configuration: RunConfiguration, clock: any Clock<Duration>, caseKey: String, testCase: TestCase? = nil) {
        self.configuration = configuration
        self.clock = clock
        self.caseKey = caseKey
        self.testCase = testCase
    }
}

/// How definitions reach the case's clock: read its elapsed time and move it on.
package struct ClockControl: Sendable {
    package var clock: any Clock<Duration>
    package var elapsed: @Sendable () -> Duration
    package var advance: @Sendable (Duration) async throws -> Void

    package init(
        clock: any Clock<Duration>, elapsed: @escaping @Sendable () -> Duration,
        advance: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.clock = clock
        self.elapsed = elapsed
        self.advance = advance
    }
}
