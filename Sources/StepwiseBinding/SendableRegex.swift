/// A `Regex` that may cross tasks.
///
/// `Regex` is not declared `Sendable`, but it is an immutable value: its compiled program is
/// created once and published with an atomic compare-and-swap in the standard library, and
/// matching never mutates it. Definitions are matched from many cases at once, so they share it.
struct SendableRegex<Output>: @unchecked Sendable {
    let regex: Regex<Output>

    init(_ regex: Regex<Output>) { self.regex = regex }
}
