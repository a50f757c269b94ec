/// A small seeded generator (SplitMix64) for the simulation's timing randomness: websocket and
/// polling phases, reconnect jitter. The same seed gives the same run. Identifiers and tokens come
/// from here only when ``BackendConfiguration/identifierSeed`` is set.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A duration drawn uniformly from `range`, to the millisecond.
    mutating func duration(in range: ClosedRange<Duration>) -> Duration {
        let low = range.lowerBound.milliseconds
        let high = range.upperBound.milliseconds
        guard high > low else { return range.lowerBound }
        return .milliseconds(Int64.random(in: low...high, using: &self))
    }
}
