// Typed registration for actions and checks: any number of captured values (a parameter pack),
// or a Regex.
extension Steps {
    /// Binds an instruction ("Log on as another test user") matching `expression` to `body`, which
    /// receives the world, the item's context and one value per parameter of the expression, typed
    /// as its parameters: `{ (world, step, page: String) in ... }`.
    public mutating func action<each Value: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, repeat each Value) async throws -> Void
    ) {
        add(.action, expression, scope, fileID, line, body)
    }

    /// Binds an instruction ("Log on as another test user") matching a Swift `Regex` (compared without case against the normalised
    /// text) to `body`, which receives the regex's typed output. The regex is built when an item first reaches it. `name` is how plans and reports show
    /// the definition (a compiled `Regex` cannot print its source); by default, its Swift location.
    public mutating func action<Output: Sendable>(
        _ regex: @autoclosure @escaping @Sendable () -> Regex<Output>, named name: String? = nil, matching scope: MatchScope = .item, fileID: String = #fileID,
        line: Int = #line, _ body: @escaping @Sendable (World, StepContext, Output) async throws -> Void
    ) {
        add(.action, regex, name, scope, fileID, line, body)
    }

    /// Binds an instruction matching `pattern`, written in Swift's regex syntax (compared without
    /// case against the normalised text), to `body`, which receives the match typed as `Output`:
    /// `Substring`, or a tuple of the whole match and each capture as Swift types a regex literal,
    /// `(Substring, Substring?)` for `"log ?in(?: as (\\w+))?"`.
    ///
    /// Unlike a `Regex` value, which Swift parses when the program runs, the pattern is read by
    /// Stepwise's own matcher when the library loads, and items that lack its literal words never
    /// reach it: prefer it in a library of many regex definitions. A pattern Swift does not read,
    /// or an `Output` that does not fit its captures, is reported at the definition's line.
    /// `name` is how plans and reports show the definition; by default, the pattern.
    public mutating func action<Output: Sendable>(
        pattern: String, as output: Output.Type, named name: String? = nil,
        matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, Output) async throws -> Void
    ) {
        add(.action, pattern: pattern, as: output, name, scope, fileID, line, body)
    }

    /// Binds an instruction matching `pattern`, a pattern without captures, to `body`, which receives
    /// the matched text; see ``action(pattern:as:named:matching:fileID:line:_:)``.
    public mutating func action(
        pattern: String, named name: String? = nil, matching scope: MatchScope = .item, fileID: String = #fileID,
        line: Int = #line, _ body: @escaping @Sendable (World, StepContext, Substring) async throws -> Void
    ) {
        add(.action, pattern: pattern, as: Substring.self, name, scope, fileID, line, body)
    }

    /// Binds an expectation matching `pattern`, written in Swift's regex syntax, to `body`, which
    /// receives the match typed as `Output`; see ``action(pattern:as:named:matching:fileID:line:_:)``.
    public mutating func check<Output: Sendable>(
        pattern: String, as output: Output.Type, named name: String? = nil,
        matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, Output) async throws -> Void
    ) {
        add(.check, pattern: pattern, as: output, name, scope, fileID, line, body)
    }

    /// Binds an expectation matching `pattern`, a pattern without captures, to `body`, which receives
    /// the matched text; see ``check(pattern:as:named:matching:fileID:line:_:)``.
    public mutating func check(
        pattern: String, named name: String? = nil, matching scope: MatchScope = .item, fileID: String = #fileID,
        line: Int = #line, _ body: @escaping @Sendable (World, StepContext, Substring) async throws -> Void
    ) {
        add(.check, pattern: pattern, as: Substring.self, name, scope, fileID, line, body)
    }

    /// Binds an expectation ("User is redirected to the login page") matching `expression` to
    /// `body`, which receives the world, the item's context and one value per parameter of the
    /// expression, typed as its parameters: `{ (world, step, after: DurationRange) in ... }`.
    public mutating func check<each Value: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, repeat each Value) async throws -> Void
    ) {
        add(.check, expression, scope, fileID, line, body)
    }

    /// Binds an expectation ("User is redirected to the login page") matching a Swift `Regex` (compared without case against the normalised
    /// text) to `body`, which receives the regex's typed output. The regex is built when an item first reaches it. `name` is how plans and reports show
    /// the definition (a compiled `Regex` cannot print its source); by default, its Swift location.
    public mutating func check<Output: Sendable>(
        _ regex: @autoclosure @escaping @Sendable () -> Regex<Output>, named name: String? = nil, matching scope: MatchScope = .item, fileID: String = #fileID,
        line: Int = #line, _ body: @escaping @Sendable (World, StepContext, Output) async throws -> Void
    ) {
        add(.check, regex, name, scope, fileID, line, body)
    }

    /// One typed body as the binder calls it: the binder checks the expression's parameter types
    /// against `Value`'s before it binds anything, so each value has its type.
    private mutating func add<each Value: Sendable>(
        _ role: DefinitionRole, _ expression: String, _ scope: MatchScope, _ fileID: String, _ line: Int,
        _ body: @escaping @Sendable (World, StepContext, repeat each Value) async throws -> Void
    ) {
        var types: [Any.Type] = []
        repeat types.append((each Value).self)
        add(role, expression, scope, fileID, line, types) { world, context, values in
            var next = values.makeIterator()
            func value<T>(_: T.Type) -> T { next.next() as! T }
            try await body(world, context, repeat value((each Value).self))
        }
    }
}
