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
///
/// Libraries compose the way command-line option groups do: a library lists the libraries it
/// builds on in ``includes``, and a runner loads every library once, whoever names it. In a case,
/// libraries whose `World` is the same type share one world (the first such library makes it), so
/// a team's definitions over a built-in world drive the same objects as the built-in ones.
/// Parameter types registered by any loaded library can be used by all of them, options are
/// listed once by name, and two definitions of different libraries matching one item are an
/// ambiguity like any other.
public protocol StepLibrary: Sendable {
    /// The state one case's definitions share: a class or an actor, made fresh per case by
    /// ``makeWorld(_:)`` and shared by every library over the same type.
    associatedtype World: AnyObject

    /// A short name for messages and `--help`; the type's name by default.
    var name: String { get }
    /// The faults and options the library's worlds honour (`--fault NAME`, `--option NAME`).
    var options: [StepOption] { get }
    /// The libraries this one builds on, loaded before it (none by default).
    var includes: [any StepLibrary] { get }

    /// A fresh world for one case, on the case's clock.
    func makeWorld(_ context: WorldContext) async throws -> World
    /// Registers every definition.
    func define(_ steps: inout Steps<World>)
}

extension StepLibrary {
    /// What `String(describing:)` prints for the type, without its search of every conformance
    /// of the program for ways a value prints itself (a type has none).
    public var name: String { _typeName(Self.self, qualified: false) }
    public var options: [StepOption] { [] }
    public var includes: [any StepLibrary] { [] }
}

extension Array where Element == any StepLibrary {
    /// Every library with the ones it includes, included ones first, each type once (the first
    /// instance met wins): what a runner loads.
    public var composed: [any StepLibrary] {
        // A runner has a handful of libraries: a list is enough, where a set is one more generic
        // type for the program to make before it binds.
        var seen: [ObjectIdentifier] = []
        var result: [any StepLibrary] = []
        func visit(_ library: any StepLibrary) {
            guard !seen.contains(ObjectIdentifier(type(of: library))) else { return }
            // Marked before its includes, so a library that includes itself (or a cycle) ends.
            seen.append(ObjectIdentifier(type(of: library)))
            for included in library.includes { visit(included) }
            result.append(library)
        }
        for library in self { visit(library) }
        return result
    }

    /// The options of every composed library, each name once.
    public var options: [StepOption] { composed.flatMap(\.options).uniquedByName }
}

extension Array where Element == StepOption {
    /// The first option of each name and kind: two libraries declaring one option list it once.
    var uniquedByName: [StepOption] {
        var seen: Set<String> = []
        return filter { seen.insert("\($0.kind.rawValue) \($0.name)").inserted }
    }
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
