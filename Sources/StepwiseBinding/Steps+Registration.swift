// Typed registration overloads for actions and checks (0 to 3 captured values, or a Regex).
extension Steps {

    /// Binds an instruction ("Log on as another test user") matching `expression` to `body`, which receives the world, the item's
    /// context and 0 captured value(s) typed as the expression's parameters.
    public mutating func action(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext) async throws -> Void
    ) {
        // The binder checks the parameter types against [] before it binds anything.
        add(.action, expression, scope, fileID, line, []) { world, context, values in
            try await body(world, context)
        }
    }

    /// Binds an instruction ("Log on as another test user") matching `expression` to `body`, which receives the world, the item's
    /// context and 1 captured value(s) typed as the expression's parameters.
    public mutating func action<A: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, A) async throws -> Void
    ) {
        // The binder checks the parameter types against [A.self] before it binds anything.
        add(.action, expression, scope, fileID, line, [A.self]) { world, context, values in
            try await body(world, context, values[0] as! A)
        }
    }

    /// Binds an instruction ("Log on as another test user") matching `expression` to `body`, which receives the world, the item's
    /// context and 2 captured value(s) typed as the expression's parameters.
    public mutating func action<A: Sendable, B: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, A, B) async throws -> Void
    ) {
        // The binder checks the parameter types against [A.self, B.self] before it binds anything.
        add(.action, expression, scope, fileID, line, [A.self, B.self]) { world, context, values in
            try await body(world, context, values[0] as! A, values[1] as! B)
        }
    }

    /// Binds an instruction ("Log on as another test user") matching `expression` to `body`, which receives the world, the item's
    /// context and 3 captured value(s) typed as the expression's parameters.
    public mutating func action<A: Sendable, B: Sendable, C: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, A, B, C) async throws -> Void
    ) {
        // The binder checks the parameter types against [A.self, B.self, C.self] before it binds anything.
        add(.action, expression, scope, fileID, line, [A.self, B.self, C.self]) { world, context, values in
            try await body(world, context, values[0] as! A, values[1] as! B, values[2] as! C)
        }
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

    /// Binds an expectation ("User is redirected to the login page") matching `expression` to `body`, which receives the world, the item's
    /// context and 0 captured value(s) typed as the expression's parameters.
    public mutating func check(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext) async throws -> Void
    ) {
        // The binder checks the parameter types against [] before it binds anything.
        add(.check, expression, scope, fileID, line, []) { world, context, values in
            try await body(world, context)
        }
    }

    /// Binds an expectation ("User is redirected to the login page") matching `expression` to `body`, which receives the world, the item's
    /// context and 1 captured value(s) typed as the expression's parameters.
    public mutating func check<A: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, A) async throws -> Void
    ) {
        // The binder checks the parameter types against [A.self] before it binds anything.
        add(.check, expression, scope, fileID, line, [A.self]) { world, context, values in
            try await body(world, context, values[0] as! A)
        }
    }

    /// Binds an expectation ("User is redirected to the login page") matching `expression` to `body`, which receives the world, the item's
    /// context and 2 captured value(s) typed as the expression's parameters.
    public mutating func check<A: Sendable, B: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, A, B) async throws -> Void
    ) {
        // The binder checks the parameter types against [A.self, B.self] before it binds anything.
        add(.check, expression, scope, fileID, line, [A.self, B.self]) { world, context, values in
            try await body(world, context, values[0] as! A, values[1] as! B)
        }
    }

    /// Binds an expectation ("User is redirected to the login page") matching `expression` to `body`, which receives the world, the item's
    /// context and 3 captured value(s) typed as the expression's parameters.
    public mutating func check<A: Sendable, B: Sendable, C: Sendable>(
        _ expression: String, matching scope: MatchScope = .item, fileID: String = #fileID, line: Int = #line,
        _ body: @escaping @Sendable (World, StepContext, A, B, C) async throws -> Void
    ) {
        // The binder checks the parameter types against [A.self, B.self, C.self] before it binds anything.
        add(.check, expression, scope, fileID, line, [A.self, B.self, C.self]) { world, context, values in
            try await body(world, context, values[0] as! A, values[1] as! B, values[2] as! C)
        }
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
}
