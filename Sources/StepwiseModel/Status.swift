/// The closed set of outcomes of an item, a step, a case or a run.
public enum Status: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Ran and met every expectation.
    case passed
    /// Ran and did not: an action threw, a check was not met, or a time limit passed.
    case failed
    /// Not run, because something before it failed.
    case skipped
    /// No definition matches the text.
    case undefined
    /// More than one definition matches the text.
    case ambiguous
    /// A definition says a person must do this: never reported as passed.
    case manual

    /// Severity order used to combine statuses: the most severe wins.
    private var severity: Int {
        switch self {
        case .passed: 0
        case .skipped: 1
        case .manual: 2
        case .undefined: 3
        case .ambiguous: 4
        case .failed: 5
        }
    }

    public static func < (lhs: Status, rhs: Status) -> Bool { lhs.severity < rhs.severity }

    /// The status of a whole made of parts with these statuses: the most severe one, or
    /// ``skipped`` when there are no parts at all.
    public static func combining<S: Sequence>(_ parts: S) -> Status where S.Element == Status {
        parts.max() ?? .skipped
    }
}
