import StepwiseBinding
import StepwiseModel

/// The clock of one case attempt: virtual or real, with a reading of its elapsed time.
enum CaseClock {
    /// A fresh clock. Virtual time is a ``VirtualClock``: it stands still until the case advances
    /// it (``StepContext/advance(by:)``, ``StepContext/eventually(within:every:_:fileID:line:_:)``),
    /// then wakes every sleeper due on the way in deadline order. Fakes with timers on it are
    /// therefore deterministic, and a run spanning minutes of virtual time takes microseconds.
    static func make(_ kind: ClockKind) -> ClockControl {
        switch kind {
        // `mixed` names merged streams only; a run is never asked for it.
        case .virtual, .mixed:
            let clock = VirtualClock()
            let start = clock.now
            return ClockControl(
                clock: clock, elapsed: { start.duration(to: clock.now) },
                advance: { duration in
                    try Task.checkCancellation()
                    await clock.advance(by: duration)
                })
        case .real:
            let clock = ContinuousClock()
            let start = clock.now
            return ClockControl(
                clock: clock, elapsed: { start.duration(to: clock.now) },
                advance: { duration in try await clock.sleep(for: duration) })
        }
    }
}

extension Duration {
    /// Seconds of wall-clock time, for timings: one division of the whole count of attoseconds,
    /// which is cheaper than splitting it into ``components`` (a 128-bit division), and as exact
    /// as a wall-clock reading is.
    var wallSeconds: Double { self / .seconds(1) }

    var seconds: Double {
        // A virtual clock nothing moved reads zero for every item: spare it the 128-bit division.
        if self == .zero { return 0 }
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
