/// Where identifiers, tokens and device ids draw their bits: the system's secure generator, as
/// the server does, or a seeded one, so that a harness reports the same ids on every run.
struct IdentifierSource: RandomNumberGenerator, Sendable {
    private var seeded: SeededGenerator?

    init(seed: UInt64?) { seeded = seed.map(SeededGenerator.init(seed:)) }

    mutating func next() -> UInt64 {
        if let value = seeded?.next() { return value }
        var system = SystemRandomNumberGenerator()
        return system.next()
    }
}
