import StepwiseModel

/// A `Regex` that may cross tasks.
///
/// `Regex` is not declared `Sendable`, but it is an immutable value: its compiled program is
/// created once and published with an atomic compare-and-swap in the standard library, and
/// matching never mutates it. Definitions are matched from many cases at once, so they share it.
struct SendableRegex<Output>: @unchecked Sendable {
    let regex: Regex<Output>

    init(_ regex: Regex<Output>) { self.regex = regex }
}

/// A `Regex` built the first time it is needed: parsing a pattern costs a fraction of a
/// millisecond, and a run pays it only for the definitions its items reach. `nil` when it cannot
/// be built.
final class LazyRegex<Output>: Sendable {
    private let built: OnFirstUse<SendableRegex<Output>?>

    init(_ make: @escaping @Sendable () -> Regex<Output>?) { built = OnFirstUse { make().map(SendableRegex.init) } }

    var regex: Regex<Output>? { built.value?.regex }
}
