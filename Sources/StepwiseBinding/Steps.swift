import StepwiseModel

/// The definitions a ``StepLibrary`` registers, over its world type.
///
/// Expressions are compiled when the library is loaded, after every ``parameter(_:)`` call, so
/// the order of registration does not matter. Mistakes (a bad expression, a closure whose
/// argument types do not fit the expression) become diagnostics at the definition's Swift line.
public struct Steps<World: AnyObject>: Sendable {
    package typealias Body = @Sendable (World, StepContext, [any Sendable]) async throws -> Void
    package typealias Hook = @Sendable (World, StepContext) async throws -> Void

    package enum Pattern: Sendable {
        case expression(String)
        /// A Swift `Regex`, or a pattern in its syntax, under its display name. Its matcher is made
        /// when the binder loads the libraries, all of them at once on every job: reading a
        /// pattern is most of the cost of loading a library.
        case regex(String, OnFirstUse<RegexMatcher>)
    }

    package struct Definition: Sendable {
        package var role: DefinitionRole
        package var pattern: Pattern
        package var scope: MatchScope
        package var location: SourceLocation
        /// The Swift types the body takes, for checking against the expression; `nil` for regexes.
        /// (Their names are made only for a message: describing a type takes reflection.)
        package var argumentTypes: [any Any.Type]?
        package var body: Body?
    }

    package var definitions: [Definition] = []
    package var parameterTypes: [ParameterType] = []
    package var pins: [String: (fingerprint: String, location: SourceLocation)] = [:]
    package var beforeCase: [Hook] = []
    package var afterCase: [Hook] = []
    package var beforeStep: [Hook] = []
    package var afterStep: [Hook] = []

    /// An empty set of definitions; the binder makes one for each library it loads.
    public init() {}

    // MARK: Parameter types and pins

    /// Adds a parameter type that this library's expressions may use as `{name}`.
    public mutating func parameter(_ type: ParameterType) { parameterTypes.append(type) }

    /// Pins the text a case was bound against: when the export's text of `caseKey` no longer has
    /// this fingerprint (`stepwise run --dry-run` prints it), the run reports drift.
    public mutating func pin(_ caseKey: String, fingerprint: String, fileID: String = #fileID, line: Int = #line) {
        pins[caseKey] = (fingerprint, SourceLocation(file: fileID, line: line))
    }

    // MARK: Hooks

    /// Runs before the first step of every case, on the case's fresh world.
    public mutating func beforeCase(_ hook: @escaping @Sendable (World, StepContext) async throws -> Void) {
        beforeCase.append(hook)
    }

    /// Runs after every case, even a failed one.
    public mutating func afterCase(_ hook: @escaping @Sendable (World, StepContext) async throws -> Void) {
        afterCase.append(hook)
    }

    /// Runs before every step.
    public mutating func beforeStep(_ hook: @escaping @Sendable (World, StepContext) async throws -> Void) {
        beforeStep.append(hook)
    }

    /// Runs after every step that started.
    public mutating func afterStep(_ hook: @escaping @Sendable (World, StepContext) async throws -> Void) {
        afterStep.append(hook)
    }

    // MARK: Manual

    /// Marks text a person must check: bound items are reported `manual`, never `passed`.
    ///
    /// Applies to instructions and expectations alike.
    public mutating func manual(
        _ expression: String, because reason: String? = nil, matching scope: MatchScope = .item,
        fileID: String = #fileID, line: Int = #line
    ) {
        definitions.append(
            Definition(
                role: .manual(reason), pattern: .expression(expression), scope: scope,
                location: SourceLocation(file: fileID, line: line), argumentTypes: [], body: nil))
    }

    // MARK: Registration helpers

    package mutating func add(
        _ role: DefinitionRole, _ expression: String, _ scope: MatchScope, _ fileID: String, _ line: Int,
        _ types: [Any.Type], _ body: @escaping Body
    ) {
        definitions.append(
            Definition(
                role: role, pattern: .expression(expression), scope: scope,
                location: SourceLocation(file: fileID, line: line),
                argumentTypes: types, body: body))
    }

    package mutating func add<Output: Sendable>(
        _ role: DefinitionRole, _ regex: @escaping @Sendable () -> Regex<Output>, _ name: String?, _ scope: MatchScope,
        _ fileID: String, _ line: Int, _ body: @escaping @Sendable (World, StepContext, Output) async throws -> Void
    ) {
        add(role, OnFirstUse { RegexMatcher(regex) }, name ?? "Regex at \(fileID):\(line)", scope, fileID, line, body)
    }

    package mutating func add<Output: Sendable>(
        _ role: DefinitionRole, pattern: String, as output: Output.Type, _ name: String?, _ scope: MatchScope,
        _ fileID: String, _ line: Int, _ body: @escaping @Sendable (World, StepContext, Output) async throws -> Void
    ) {
        add(role, OnFirstUse { RegexMatcher(pattern: pattern, as: output) }, name ?? pattern, scope, fileID, line, body)
    }

    private mutating func add<Output: Sendable>(
        _ role: DefinitionRole, _ matcher: OnFirstUse<RegexMatcher>, _ name: String, _ scope: MatchScope,
        _ fileID: String, _ line: Int, _ body: @escaping @Sendable (World, StepContext, Output) async throws -> Void
    ) {
        definitions.append(
            Definition(
                role: role, pattern: .regex(name, matcher), scope: scope,
                location: SourceLocation(file: fileID, line: line), argumentTypes: nil,
                body: { world, context, values in
                    // The binder only hands this body the values its own matcher produced.
                    try await body(world, context, values[0] as! Output)
                }))
    }
}

/// What a definition does with the items it binds.
package enum DefinitionRole: Hashable, Sendable {
    case action
    case check
    case manual(String?)
}
