import Testing
@testable import StepwiseBinding

@Suite("Step expressions")
struct StepExpressionTests {
    func captures(_ expression: String, _ text: String) throws -> [String]? {
        try StepExpression(expression).wholeMatch(MatchText(text))?.captures.map(\.text)
    }

    @Test("real exported sentences bind as pasted, without escaping", arguments: [
        ("go to System Console ➜ {word}", "Logged go to System Console ➜ Users", nil),
        ("go to System Console ➜ {word}", "Go to System Console -> Users.", ["Users"]),
        ("go to System Console ➜ {word}", "go to  system console > Users", ["Users"]),
        (
            "Log on as another test user (who you want to revoke sessions for), on multiple browsers / devices (at least {int} to {int} different sessions)",
            "Log on as another test user (who you want to revoke sessions for), on multiple browsers / devices (at least 2 to 3 different sessions)",
            ["2", "3"]
        ),
        ("Find the other user ➜ user drop-down ➜ Revoke Sessions", "Find the other user -> user drop-down → Revoke Sessions", []),
        ("the user has {int} session(s)", "The user has 1 session", ["1"]),
        ("the user has {int} session(s)", "the user has 3 sessions", ["3"]),
        ("the user has {int} session(s)", "the user has 2 session(s)", ["2"]),
        ("log in with email/password", "Log in with email", []),
        ("log in with email/password", "log in with password", []),
        ("log in with email/password", "log in with email/password", []),
        ("{string} appears", "“Revoke Sessions” appears", ["\"Revoke Sessions\""]),
        ("open http://localhost/login", "Open http://localhost/login", []),
        ("the modal says {}", "The modal says “Revoke all sessions?”", ["\"Revoke all sessions?\""]),
    ] as [(String, String, [String]?)])
    func bindsRealText(expression: String, text: String, expected: [String]?) throws {
        #expect(try captures(expression, text) == expected)
    }

    @Test("escapes make syntax literal")
    func escapes() throws {
        #expect(try captures(#"costs \{int\} \(s\) a\/b"#, "costs {int} (s) a/b") == [])
        #expect(try captures(#"costs \{int\}"#, "costs 3") == nil)
    }

    @Test("normalisation: case, whitespace, quotes, dashes, arrows, trailing period", arguments: [
        ("Users  ➜\tRevoke “all”.", "Users ➜ Revoke \"all\""),
        ("a -> b => c → d", "a ➜ b ➜ c ➜ d"),
        ("2–30 seconds…", "2-30 seconds..."),
        ("keep a>b", "keep a>b"),
        ("x-> =>> a ->b", "x➜ ➜> a ➜b"),
        ("> start, end >", "➜ start, end ➜"),
        ("Log\u{00A0}in\u{2003}as “admin”…;", "Log in as \"admin\"..."),
    ])
    func normalises(raw: String, normalized: String) {
        #expect(TextNormalizer.normalize(raw) == normalized)
    }

    @Test("each mistake is its own error with a caret and a hint", arguments: [
        ("open {int", 6, "never closed"),
        ("wait {nope} now", 6, "no parameter type named {nope}"),
        ("{int}{word}", 6, "two parameters in a row"),
        ("a } b", 3, "closes no parameter"),
        ("ends with \\", 11, "lone backslash"),
        ("   ", 1, "empty"),
        ("bad {a(b}", 7, "cannot contain"),
    ])
    func errors(expression: String, column: Int, message: String) {
        #expect {
            try StepExpression(expression)
        } throws: { error in
            guard let error = error as? ExpressionError else { return false }
            let caretLine = error.description.split(separator: "\n")[2]
            return error.column == column && error.message.contains(message) && !error.hint.isEmpty
                && caretLine.firstIndex(of: "^").map { caretLine.distance(from: caretLine.startIndex, to: $0) } == column + 3
        }
    }
}

@Suite("Parameter types")
struct ParameterTypeTests {
    func value(_ expression: String, _ text: String) throws -> (any Sendable)? {
        let expression = try StepExpression(expression)
        let match = try #require(expression.wholeMatch(MatchText(text)))
        return try match.captures.first.map { try $0.type.convert($0.text) }
    }

    @Test("numbers, spelled numbers and floats")
    func numbers() throws {
        #expect(try value("log in {int} times", "log in 12 times") as? Int == 12)
        #expect(try value("log in {int} times", "log in three times") as? Int == 3)
        #expect(try value("wait {float} s", "wait 7.5 s") as? Double == 7.5)
    }

    @Test("lists split on commas, and, or")
    func lists() throws {
        #expect(try value("Examples: {list}", "Examples: Mac, Windows, iOS and Android") as? [String] == ["Mac", "Windows", "iOS", "Android"])
        #expect(try value("on {list} devices", "on Mac or Linux devices") as? [String] == ["Mac", "Linux"])
    }

    @Test("durations", arguments: [("1 minute", 60_000), ("~30 seconds", 30_000), ("500 ms", 500), ("an hour", 3_600_000), ("2 days", 172_800_000)])
    func durations(text: String, milliseconds: Int64) throws {
        #expect(try value("wait {duration}", "wait \(text)") as? Duration == .milliseconds(milliseconds))
    }

    @Test("spans of time as manual tests write them")
    func periods() throws {
        let window = try #require(try value("redirected after a period of {period} without input", "redirected after a period of ~2-30 seconds without input") as? DurationRange)
        #expect(window == DurationRange(lowerBound: .seconds(2), upperBound: .seconds(30), isApproximate: true))
        #expect(window.contains(.seconds(7)) && !window.contains(.seconds(31)))
        #expect(try value("idle for {period}", "idle for over 24 hours") as? DurationRange == DurationRange(lowerBound: .seconds(86_400), upperBound: nil))
        #expect(try value("done {period}", "done within 5 minutes") as? DurationRange == DurationRange(lowerBound: .zero, upperBound: .seconds(300)))
        #expect(try value("wait {period}", "wait 1 minute") as? DurationRange == DurationRange(lowerBound: .seconds(60), upperBound: .seconds(60)))
    }

    @Test("a library's own parameter type")
    func custom() throws {
        var registry = ParameterRegistry.standard
        registry.register(ParameterType("browser", matching: #/chrome|firefox|safari|edge/#) { $0.lowercased() })
        let expression = try StepExpression("open {browser} on {word}", registry: registry)
        let match = try #require(expression.wholeMatch(MatchText("Open Firefox on Mac")))
        #expect(try match.captures[0].type.convert(match.captures[0].text) as? String == "firefox")
        #expect(expression.wholeMatch(MatchText("Open Lynx on Mac")) == nil)
    }
}
