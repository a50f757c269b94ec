import Synchronization
import StepwiseModel

/// Binds every instruction and expectation of a case to the step libraries' definitions.
///
/// An item binds to the single definition of its kind (actions for instructions, checks for
/// expectations, manual phrases for both) that matches its whole text; failing that, to the
/// phrase definitions it contains (see ``MatchScope/phrase``). None is `undefined` (with a
/// snippet), more than one is `ambiguous` (naming each with its Swift location).
public struct Binder: Sendable {
    package let libraries: [LoadedLibrary]
    package let definitions: [CompiledDefinition]
    /// Problems in the libraries themselves: bad expressions, closures that do not fit them.
    public let diagnostics: [Diagnostic]
    let pins: [String: (fingerprint: String, location: SourceLocation)]
    let cache: BindingCache
    /// Each definition's source normalised and folded, with its words, for "did you mean": made
    /// the first time an item needs it, which a run whose items all bind never does.
    let sourceTexts: OnFirstUse<[(folded: [Unicode.Scalar], words: Set<String>)]>
    /// The indices of the definitions an instruction and an expectation are tried against,
    /// whole-item ones and phrase ones, in definition order (see ``candidates(for:)``).
    private let instructionCandidates: (item: [Int], phrase: [Int])
    private let expectationCandidates: (item: [Int], phrase: [Int])
    /// The pairs of letters each definition's literals need, to rule out most definitions for an
    /// item at once.
    let requiredPairs: RequiredPairs

    /// Loads `libraries` with the libraries they include (see ``StepLibrary/includes``).
    public init(libraries: [any StepLibrary]) {
        var loaded: [LoadedLibrary] = []
        var definitions: [CompiledDefinition] = []
        var diagnostics: [Diagnostic] = []
        var pins: [String: (fingerprint: String, location: SourceLocation)] = [:]
        // Every library registers first, so that each can use the parameter types of the others.
        let defined = libraries.composed.map(Self.define)
        // Every pattern is read now, on every job at once, before the libraries compile in order.
        let patterns = defined.flatMap(\.patterns)
        _ = Parallel.map(count: patterns.count, jobs: Parallel.defaultJobs) { patterns[$0].value.problem == nil }
        var registry = ParameterRegistry.standard
        for library in defined { for type in library.parameterTypes { registry.register(type) } }
        for (index, library) in defined.enumerated() {
            var result = library.compile(index, registry)
            // Libraries over one world type share the world the first of them makes.
            result.library.worldOwner = defined.firstIndex { $0.worldType == library.worldType } ?? index
            loaded.append(result.library)
            definitions += result.definitions
            diagnostics += result.diagnostics
            pins.merge(result.pins) { first, _ in first }
        }
        self.libraries = loaded
        self.definitions = definitions
        // Made now, on the loading thread, with room for a text per definition: the first case
        // bound then finds the dictionary's type made (its first use searches the conformances).
        cache = BindingCache(capacity: definitions.count)
        let sources = definitions.map(\.source)
        sourceTexts = OnFirstUse {
            sources.map { source in
                let folded = MatchText(source).folded
                return (folded, DefinitionWords.of(folded))
            }
        }
        func candidates(_ kind: ItemPlan.Kind) -> (item: [Int], phrase: [Int]) {
            let applying = definitions.indices.filter { definitions[$0].applies(to: kind) }
            return (applying.filter { definitions[$0].scope == .item }, applying.filter { definitions[$0].scope == .phrase })
        }
        instructionCandidates = candidates(.instruction)
        expectationCandidates = candidates(.expectation)
        requiredPairs = RequiredPairs(definitions.map(\.clauses))
        self.diagnostics = diagnostics
        self.pins = pins
    }

    /// The definitions an item of `kind` is tried against, whole-item ones and phrase ones.
    func candidates(for kind: ItemPlan.Kind) -> (item: [Int], phrase: [Int]) {
        switch kind {
        case .instruction: instructionCandidates
        case .expectation: expectationCandidates
        }
    }

    /// Every option and fault the libraries declare, each name once.
    public var options: [StepOption] { libraries.flatMap(\.options).uniquedByName }

    private typealias Loaded = (
        library: LoadedLibrary, definitions: [CompiledDefinition], diagnostics: [Diagnostic],
        pins: [String: (fingerprint: String, location: SourceLocation)]
    )

    /// A library's registrations, ready to compile once every library's parameter types are known.
    private struct Defined {
        var parameterTypes: [ParameterType]
        /// The library's regex definitions' matchers, not yet made.
        var patterns: [OnFirstUse<RegexMatcher>]
        var worldType: ObjectIdentifier
        var compile: (_ index: Int, _ registry: ParameterRegistry) -> Loaded
    }

    private static func define(_ library: any StepLibrary) -> Defined { defineOpened(library) }

    private static func defineOpened<Library: StepLibrary>(_ library: Library) -> Defined {
        var steps = Steps<Library.World>()
        library.define(&steps)
        let patterns = steps.definitions.compactMap { definition -> OnFirstUse<RegexMatcher>? in
            if case .regex(_, let matcher) = definition.pattern { matcher } else { nil }
        }
        return Defined(
            parameterTypes: steps.parameterTypes, patterns: patterns, worldType: ObjectIdentifier(Library.World.self),
            compile: { [steps] index, registry in load(library, steps, index: index, registry: registry) })
    }

    private static func load<Library: StepLibrary>(
        _ library: Library, _ steps: Steps<Library.World>, index: Int, registry: ParameterRegistry
    ) -> Loaded {
        var compiled: [CompiledDefinition] = []
        var diagnostics: [Diagnostic] = []
        for definition in steps.definitions {
            let matcher: CompiledDefinition.Matcher
            let source: String
            var required: [[Unicode.Scalar]] = []
            switch definition.pattern {
            case .expression(let text):
                source = text
                do {
                    let expression = try StepExpression(text, registry: registry)
                    // Manual phrases have no body, so nothing receives their values.
                    if let types = definition.argumentTypes, definition.body != nil, let problem = Self.mismatch(expression, types) {
                        diagnostics.append(Self.diagnostic(problem, text, definition.location, column: 1))
                        continue
                    }
                    matcher = .expression(expression)
                    required = expression.requiredLiterals
                } catch {
                    diagnostics.append(
                        Diagnostic(
                            .error, "\(error.message)\n    \(text)\n    \(String(repeating: " ", count: error.column - 1))^",
                            at: definition.location, hint: error.hint, code: .expressionInvalid))
                    continue
                }
            case .regex(let text, let made):
                source = text
                let match = made.value
                switch match.problem {
                case .pattern(let message)?:
                    diagnostics.append(
                        Diagnostic(
                            .error, "\(message) in the pattern \"\(text)\"", at: definition.location,
                            hint: "write the pattern in Swift's regex syntax", code: .expressionInvalid))
                    continue
                case .output(let message)?:
                    diagnostics.append(
                        Diagnostic(
                            .error, "\(message) in the pattern \"\(text)\"", at: definition.location,
                            hint: "give `as:` the whole match and one Substring per capture, Substring? for each a match can skip",
                            code: .definitionArguments))
                    continue
                case nil:
                    matcher = .regex(match)
                }
            }
            var body: CompiledDefinition.Body?
            if let typed = definition.body {
                body = { world, context, values in
                    // A library's world was made by the first library over the same World type.
                    try await typed(unsafeDowncast(world, to: Library.World.self), context, values)
                }
            }
            compiled.append(
                CompiledDefinition(
                    library: index, role: definition.role, scope: definition.scope, source: source,
                    location: definition.location, matcher: matcher, body: body, required: required))
        }
        func erase(_ hooks: [Steps<Library.World>.Hook]) -> [CompiledDefinition.Hook] {
            hooks.map { hook -> CompiledDefinition.Hook in
                // A library's world was made by the first library over the same World type.
                { world, context in try await hook(unsafeDowncast(world, to: Library.World.self), context) }
            }
        }
        let loaded = LoadedLibrary(
            name: library.name, options: library.options,
            makeWorld: { context in try await library.makeWorld(context) },
            beforeCase: erase(steps.beforeCase), afterCase: erase(steps.afterCase),
            beforeStep: erase(steps.beforeStep), afterStep: erase(steps.afterStep))
        return (loaded, compiled, diagnostics, steps.pins)
    }

    private static func mismatch(_ expression: StepExpression, _ types: [any Any.Type]) -> String? {
        let parameters = expression.parameters
        guard parameters.count == types.count else {
            return "the expression captures \(parameters.count) value(s) but the closure takes \(types.count)"
        }
        for (position, (parameter, type)) in zip(parameters, types).enumerated() where parameter.valueType != ObjectIdentifier(type) {
            return "value \(position + 1) is {\(parameter.name)}, a \(parameter.typeName), but the closure takes a \(type)"
        }
        return nil
    }

    private static func diagnostic(_ message: String, _ expression: String, _ location: SourceLocation, column: Int) -> Diagnostic {
        Diagnostic(
            .error, "\(message) in \"\(expression)\"", at: location,
            hint: "make the closure's argument types match the expression's parameters in order",
            code: .definitionArguments)
    }
}

/// A library ready to run: its world factory and hooks over type-erased worlds.
package struct LoadedLibrary: Sendable {
    package var name: String
    /// The index of the library that makes this one's world: itself, or the first library over
    /// the same World type, whose world it shares.
    package var worldOwner = 0
    package var options: [StepOption]
    package var makeWorld: @Sendable (WorldContext) async throws -> AnyObject
    package var beforeCase: [CompiledDefinition.Hook]
    package var afterCase: [CompiledDefinition.Hook]
    package var beforeStep: [CompiledDefinition.Hook]
    package var afterStep: [CompiledDefinition.Hook]
}

/// A definition with its expression compiled and its world type erased.
package struct CompiledDefinition: Sendable {
    package typealias Body = @Sendable (AnyObject, StepContext, [any Sendable]) async throws -> Void
    package typealias Hook = @Sendable (AnyObject, StepContext) async throws -> Void

    enum Matcher: Sendable {
        case expression(StepExpression)
        case regex(RegexMatcher)
    }

    package var library: Int
    package var role: DefinitionRole
    var scope: MatchScope
    package var source: String
    package var location: SourceLocation
    var matcher: Matcher
    package var body: Body?
    /// The literal text (folded) every match of an expression contains, longest first.
    var required: [[Unicode.Scalar]] = []

    func applies(to kind: ItemPlan.Kind) -> Bool {
        switch (role, kind) {
        case (.manual, _), (.action, .instruction), (.check, .expectation): true
        default: false
        }
    }

    /// The literals every match holds, as clauses (one literal of each), and whether they hold
    /// only for text that folds apart from ASCII: a regex is matched without case by Swift's rules.
    var clauses: (clauses: [[[Unicode.Scalar]]], onlyFoldingApart: Bool) {
        switch matcher {
        case .expression: (required.map { [$0] }, false)
        case .regex(let regex): (regex.clausesKnownAtLoad, true)
        }
    }

    /// Range, rendered captures and values, or `nil`; values that fail to convert count as no match.
    /// Inlined where the binder tries its definitions in place: called, it would take a copy of
    /// the definition (every string and array in it retained) for each item it is tried against.
    @inline(__always)
    func match(_ text: MatchText, scope: MatchScope) -> (range: Range<Int>, rendered: [String], values: [any Sendable])? {
        guard required.allSatisfy(text.contains) else { return nil }
        switch matcher {
        case .expression(let expression):
            let found = scope == .item ? expression.wholeMatch(text) : expression.firstPhraseMatch(text)
            guard let found else { return nil }
            var values: [any Sendable] = []
            for capture in found.captures {
                guard let value = try? capture.type.convert(capture.text) else { return nil }
                values.append(value)
            }
            return (found.range, found.captures.map(\.text), values)
        case .regex(let regex):
            return regex.match(text, scope: scope)
        }
    }

    /// Why the expression's text matches `text` but a value does not convert (a parameter type's
    /// own error, such as "'Safari on Windows' is not a device"); `nil` when it does not match at all.
    func rejection(of text: MatchText) -> String? {
        guard case .expression(let expression) = matcher, required.allSatisfy(text.contains),
            let found = scope == .item ? expression.wholeMatch(text) : expression.firstPhraseMatch(text)
        else { return nil }
        for capture in found.captures {
            do { _ = try capture.type.convert(capture.text) } catch {
                return (error as? StepFailure)?.message ?? String(describing: error)
            }
        }
        return nil
    }
}

/// Results of binding by item kind and normalised text: exports repeat their phrases a lot.
final class BindingCache: Sendable {
    typealias Key = ItemTextKey

    private let entries: Mutex<[Key: (BindingInfo, Resolution)]>

    init(capacity: Int) { entries = Mutex(Dictionary(minimumCapacity: capacity)) }

    /// Makes room for `count` entries at once rather than growing (and rehashing) step by step.
    func reserve(_ count: Int) { entries.withLock { $0.reserveCapacity(count) } }

    func value(_ key: Key, orInsert make: () -> (BindingInfo, Resolution)) -> (BindingInfo, Resolution) {
        if let found = entries.withLock({ $0[key] }) { return found }
        let made = make()
        entries.withLock { $0[key] = made }
        return made
    }
}

/// An item's kind and text as a dictionary key, the text hashed once when the key is made: a
/// lookup, an insertion and every rehash as the dictionary grows would each hash it again, and
/// a key made on one thread is looked up cheaply on another.
package struct ItemTextKey: Hashable, Sendable {
    package let kind: ItemPlan.Kind
    package let text: String
    private let textHash: Int

    package init(kind: ItemPlan.Kind, text: String) {
        self.kind = kind
        self.text = text
        textHash = text.hashValue
    }

    package static func == (lhs: ItemTextKey, rhs: ItemTextKey) -> Bool { lhs.kind == rhs.kind && lhs.text == rhs.text }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(textHash)
    }
}
