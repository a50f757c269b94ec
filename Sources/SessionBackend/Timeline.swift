/// The backend's view of time: an injected clock measured from the instant the backend was made,
/// plus the wall-clock epoch that instant stands for, so `create_at` and friends are real-looking
/// milliseconds while every comparison runs on the (possibly virtual) clock.
struct Timeline: Sendable {
    /// Milliseconds since 1970 at the origin.
    let epochMilliseconds: Int64
    private let elapsedNow: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void

    init<C: Clock>(clock: C, epochMilliseconds: Int64) where C.Duration == Duration {
        let origin = clock.now
        self.epochMilliseconds = epochMilliseconds
        self.elapsedNow = { origin.duration(to: clock.now) }
        self.sleepUntil = { offset in try await clock.sleep(until: origin.advanced(by: offset), tolerance: nil) }
    }

    /// Time since the origin.
    var now: Duration { elapsedNow() }

    /// Suspends until the clock reads `offset` past the origin (a virtual clock gets there at once
    /// when it is advanced, or by itself if it is an immediate clock).
    func sleep(until offset: Duration) async throws {
        // Some clocks (swift-clocks' TestClock among them) keep a sleep until exactly `now`
        // suspended until they move again; an instant already reached is no wait at all.
        guard offset > now else { return try Task.checkCancellation() }
        try await sleepUntil(offset)
    }

    /// The epoch milliseconds of an instant on this timeline.
    func milliseconds(at offset: Duration) -> Int64 { epochMilliseconds + offset.milliseconds }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Seconds as a floating-point number, for reports and random offsets.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
