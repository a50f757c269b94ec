/// A set of step definitions over a world of the library's choice: actions for instructions,
/// checks for expectations, manual phrases, hooks, parameter types and pinned texts.
///
/// ```swift
/// struct ShopSteps: StepLibrary {
///     func makeWorld(_ context: WorldContext) async throws -> Shop { Shop(clock: context.clock) }
///
///     func define(_ steps: inout Steps<Shop>) {
///         steps.action("go to System Console ➜ {word}") { (shop, step, page: String) in
///             try await shop.open(page)
///         }
///         steps.check("the basket holds {int} item(s)") { (shop, step, count: Int) in
///             step.expect(await shop.basket.count == count, "the basket holds \(await shop.basket.count)")
///         }
///     }
/// }
/// ```
///
/// Each case gets a fresh world from ``makeWorld(_:)``; the world is a class or an actor so that
/// what one item does the next one sees.
public protocol StepLibrary: Sendable {
    associatedtype World: AnyObject

    /// A short name for messages and `--help`; the type's name by default.
    var name: String { get }
    /// The faults and options the library's worlds honour (`--fault NAME`, `--option NAME`).
    var options: [StepOption] { get }

    /// A fresh world for one case, on the case's clock.
    func makeWorld(_ context: WorldContext) async throws -> World
    /// Registers every definition.
    func define(_ steps: inout Steps<World>)
}

extension StepLibrary {
    public var name: String { String(describing: Self.self) }
    public var options: [StepOption] { [] }
}

/// Whether a definition must match an item's whole text or may match part of it.
public enum MatchScope: Hashable, Sendable {
    /// The whole item, from its first word to its last (the default).
    case item
    /// A phrase inside the item, on word boundaries. An item that no whole-item definition
    /// matches is bound to the phrases it contains, run in the order they appear, provided they
    /// cover every word of it but connectives (`and`, `then`, `also`, punctuation).
    case phrase
}
