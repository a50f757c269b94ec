/// Which clock a run's cases ran on, as `runStarted` and reports carry it. Its raw values
/// (`virtual`, `real`, `mixed`) are the stream's and the JSON report's `clock` field.
public enum ClockKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Deterministic time that only moves when the case advances it.
    case virtual
    /// The machine's continuous clock.
    case real
    /// Only in a merged stream whose runs used different clocks; no case runs on it.
    case mixed

    /// The clocks a run can be asked for (`--clock`).
    public static let runnable: [ClockKind] = [.virtual, .real]
}
