import MattermostSteps
import StepwiseModel
import StepwiseParsing
import StepwiseTestSupport
import Testing
@testable import StepwiseBinding

/// Stepwise's own regex matcher must match exactly what Swift's `Regex` matches, compared without
/// case: the same range, the same captures, the same typed output.
@Suite("The folded regex matcher")
struct FoldedRegexTests {
    /// Both matchers' answer for one text, printed the same way.
    static func answers(_ matcher: RegexMatcher, _ text: MatchText, _ scope: MatchScope) -> (folded: String, swift: String) {
        func show(_ found: (Range<Int>, [String], [any Sendable])?) -> String {
            found.map { "\($0.0) \($0.1) \(String(describing: $0.2[0]))" } ?? "no match"
        }
        return (show(matcher.match(text, scope: scope)), show(matcher.matchBySwift(text, scope: scope)))
    }

    @Test("every regex definition of the built-in library is read by the folded matcher, and its captures' types fit")
    func builtInPatternsAreRead() {
        let binder = Binder(libraries: [MattermostSteps()])
        #expect(binder.diagnostics.isEmpty)
        let regexes = binder.definitions.filter { if case .regex = $0.matcher { true } else { false } }
        #expect(regexes.count > 100)
        for definition in regexes {
            guard case .regex(let matcher) = definition.matcher else { continue }
            #expect(matcher.readsPattern, "\(definition.source) at \(definition.location)")
            // Swift builds the same pattern with the declared output type (else it never matches).
            #expect(matcher.swiftBuilds, "\(definition.source) at \(definition.location)")
        }
    }

    @Test("over the corpus, each built-in regex definition matches every item as Swift's Regex does")
    func builtInPatternsAgreeOverTheCorpus() throws {
        var texts: [(ItemPlan.Kind, MatchText)] = []
        var seen: Set<String> = []
        for path in try Corpus.files(in: "zephyr-export", withExtension: "md") {
            guard let testCase = SpecReader.read(path: path).testCase else { continue }
            for step in testCase.steps {
                for item in step.instructions.map({ (ItemPlan.Kind.instruction, $0.text) }) + step.expectations.map({ (.expectation, $0.text) })
                where seen.insert("\(item.0) \(item.1)").inserted {
                    texts.append((item.0, MatchText(item.1)))
                }
            }
        }
        #expect(texts.count > 5_000)
        let binder = Binder(libraries: [MattermostSteps()])
        var compared = 0
        var matched = 0
        for definition in binder.definitions {
            guard case .regex(let matcher) = definition.matcher else { continue }
            for (index, (kind, text)) in texts.enumerated() where definition.applies(to: kind) {
                // Swift's matching is slow: every text the literal words let through, and a sample
                // of the rest, which checks that the filter keeps nothing out that would match.
                guard matcher.admits(text) || index % 16 == 0 else { continue }
                let (folded, swift) = Self.answers(matcher, text, definition.scope)
                compared += 1
                if folded != "no match" { matched += 1 }
                #expect(folded == swift, "\(definition.source) on \"\(text.string)\"")
            }
        }
        #expect(matched > 200)
        #expect(compared > matched)
    }

    @Test("over the corpus, the spans of time {duration} and {period} find end where Swift's Regex ends them")
    func spansAgreeOverTheCorpus() throws {
        var compared = 0
        var found = 0
        var seen: Set<String> = []
        for path in try Corpus.files(in: "zephyr-export", withExtension: "md") {
            guard let testCase = SpecReader.read(path: path).testCase else { continue }
            for text in testCase.steps.flatMap({ $0.instructions.map(\.text) + $0.expectations.map(\.text) })
            where seen.insert(text).inserted {
                let match = MatchText(text)
                for pattern in [BuiltinParameters.duration, BuiltinParameters.period] where pattern.folded.reads(match) {
                    for start in 0..<match.count where BuiltinParameters.canStartSpan(match, at: start) {
                        let slice = match.string[match.index(at: start)...]
                        let swift = try pattern.swift.regex?.prefixMatch(in: slice).map { match.offset(of: $0.range.upperBound) }
                        let folded = pattern.prefixMatch(match, at: start)
                        #expect(folded == swift, "\"\(match.string)\" at \(start)")
                        compared += 1
                        if folded != nil { found += 1 }
                    }
                }
            }
        }
        #expect(found > 100)
        #expect(compared > found)
    }

    @Test("over the corpus, the built-in {device}, {method} and {page} end where Swift's Regex ends their patterns")
    func builtInParameterTypesAgreeOverTheCorpus() throws {
        let literals: [(ParameterType, Regex<AnyRegexOutput>)] = [
            (
                MattermostSteps.deviceParameter,
                Regex(
                    #/(?:(?:chrome|firefox|safari|edge)(?: on (?:mac|windows|linux))?|(?:the )?desktop app(?: on (?:mac|windows|linux))?|(?:ios|android)(?: app)?(?: \((?:rn|classic)\))?)/#
                )
            ),
            (
                MattermostSteps.methodParameter,
                Regex(#/email\/password|email|username\/password|saml|ldap|oauth|gitlab|google|office 365|openid/#)
            ),
            (
                MattermostSteps.pageParameter,
                Regex(#/(?:the )?system console(?: ➜ (?:user management|users|environment|session lengths))*(?: page)?/#)
            ),
        ]
        let types = literals.map { ($0.0, $0.1.ignoresCase()) }
        // Swift's matching is slow: every text holding a word the patterns start with or contain,
        // and a sample of the rest, which checks that nothing else matches.
        let words = [
            "chrome", "firefox", "safari", "edge", "desktop", "ios", "android", "email", "password", "saml", "ldap", "oauth",
            "gitlab", "google", "office", "openid", "console",
        ]
        var compared = 0
        var found = 0
        var seen: Set<String> = []
        var index = 0
        for path in try Corpus.files(in: "zephyr-export", withExtension: "md") {
            guard let testCase = SpecReader.read(path: path).testCase else { continue }
            for text in testCase.steps.flatMap({ $0.instructions.map(\.text) + $0.expectations.map(\.text) })
            where seen.insert(text).inserted {
                index += 1
                let lower = text.lowercased()
                guard words.contains(where: { lower.contains($0) }) || index % 20 == 0 else { continue }
                let match = MatchText(text)
                for start in 0..<match.count where match.isWordBoundary(start) {
                    let slice = match.string[match.index(at: start)...]
                    for (type, regex) in types {
                        let swift = try regex.prefixMatch(in: slice).flatMap { found in
                            found.range.upperBound > slice.startIndex ? [match.offset(of: found.range.upperBound)] : nil
                        }
                        let scanned = type.scan(match, start)
                        #expect(scanned == (swift ?? []), "{\(type.name)} on \"\(match.string)\" at \(start)")
                        compared += 1
                        if !scanned.isEmpty { found += 1 }
                    }
                }
            }
        }
        #expect(found > 100)
        #expect(compared > found)
    }

    @Test(
        "on text made of a few letters, digits and marks, tricky patterns match as Swift's Regex does",
        arguments: [
            #"\bab\b"#, #"a\B"#, #"(a|ab)(c|bcd)(d*)"#, #"a+?b"#, #"(?:a|b)*?c"#, #"x(?=a| b|\.|$)"#, #"x(?!a)"#,
            #"[^a' ]+"#, #"[a-c.]{2,3}"#, #"^a|b$"#, #"(a)?(b)?c"#, #"((a)|b)+"#, #"\d+(?:[.,]\d+)?"#, #"\w+'\w"#,
            #"[A-Z]:"#, #"(?<word>ab) ?b?"#, #"a{2}|b{1,}"#, #"\S+ \s?"#, #"\W\w"#, #"(.+?) a\b"#, #"'?b'?"#,
            #"[^\W1]+"#, #"(a|b|)c"#, #"➜ (\w+)"#, #"[-a]\.?"#,
        ])
    func agreesOnTrickyPatterns(pattern: String) throws {
        let folded = try #require(FoldedRegex(pattern))
        let swift = try Regex(pattern).ignoresCase()
        var generator = SplitMix(seed: UInt64(pattern.unicodeScalars.reduce(7) { $0 &* 31 &+ UInt64($1.value) }))
        let alphabet = Array("aAbBc1 2.:',;_x-➜\"d’×")
        var compared = 0
        for _ in 0..<600 {
            let length = Int(generator.next() % 9)
            let raw = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let text = MatchText(normalized: raw)
            guard folded.reads(text) else { continue }
            for whole in [true, false] {
                let mine = folded.match(text, whole: whole).map { found in
                    "\(found.range) \(found.captures.map { $0.map(text.text) })"
                }
                let theirs = try (whole ? swift.wholeMatch(in: raw) : swift.firstMatch(in: raw)).map { found in
                    let start = raw.unicodeScalars.distance(from: raw.startIndex, to: found.range.lowerBound)
                    let end = raw.unicodeScalars.distance(from: raw.startIndex, to: found.range.upperBound)
                    return "\(start..<end) \(found.output.dropFirst().map { $0.substring.map(String.init) })"
                }
                compared += 1
                #expect(mine == theirs, "\(pattern) on \"\(raw)\" (\(whole ? "whole" : "first"))")
            }
        }
        #expect(compared > 500)
    }

    @Test("beside every symbol whose word-break class is known here, word boundaries fall where Swift's Regex puts them")
    func wordBoundariesBesideSymbols() throws {
        let boundary = try Regex(#"\b"#)
        var symbols = 0
        for value in UInt32(0x80)...0xFFFF {
            guard let symbol = Unicode.Scalar(value), ScalarSet.isPlainSymbol(symbol), WordBoundary.isKnown(symbol) else { continue }
            symbols += 1
            for raw in ["a\(symbol)b", "1\(symbol)2", "\(symbol)\(symbol)", " \(symbol)a", "a'\(symbol)", "_\(symbol)_"] {
                let text = MatchText(normalized: raw)
                guard text.regexReady else { continue }
                let mine = (0...text.count).filter { WordBoundary.isBoundary(text.folded, $0) }
                let theirs = raw.ranges(of: boundary).map { raw.unicodeScalars.distance(from: raw.startIndex, to: $0.lowerBound) }
                #expect(mine == theirs, "U+\(String(value, radix: 16, uppercase: true)) in \"\(raw)\"")
            }
        }
        #expect(symbols > 1_000)
    }

    @Test(
        "a pattern with syntax the folded matcher does not read is left to Swift's Regex",
        arguments: [#"(?i)x"#, #"(?<=a)b"#, #"a++"#, #"(a)\1"#, #"[[:alpha:]]"#, #"é"#, #"a{,2}"#, #"\Qa.b\E"#, #"(?:a*)*"#])
    func unreadPatterns(pattern: String) {
        #expect(FoldedRegex(pattern) == nil)
    }

    @Test("a definition whose pattern is not read here still binds, through Swift's Regex")
    func unreadPatternBinds() {
        let register: @Sendable (inout Steps<Journal>) -> Void = { steps in
            steps.action(pattern: #"log in as (\w++)"#, as: (Substring, Substring).self, named: "log in as {user}") { _, _, _ in }
        }
        #expect(binding("Log in as admin", register).state == .matched)
        #expect(binding("Log in as admin now", register).state == .undefined)
    }

    @Test("a pattern definition's body receives its captures typed as declared, an unset one as nil")
    func typedCaptures() async throws {
        let binder = Binder(libraries: [
            TestSteps { steps in
                steps.action(pattern: #"log ?in as (\w+)(?: on (mobile|web))?"#, as: (Substring, Substring, Substring?).self) { journal, _, match in
                    journal.lines.append("\(match.1) \(match.2 ?? "anywhere")")
                }
            }
        ])
        #expect(binder.diagnostics.isEmpty)
        let text = MatchText("Login as Admin on Web")
        let found = try #require(binder.definitions[0].match(text, scope: .item))
        #expect(found.rendered == ["Admin", "Web"])
        let typed = try #require(found.values.first as? (Substring, Substring, Substring?))
        #expect(typed.0 == "Login as Admin on Web" && typed.1 == "Admin" && typed.2 == "Web")
        let unset = try #require(binder.definitions[0].match(MatchText("log in as bob"), scope: .item))
        let bob = try #require(unset.values.first as? (Substring, Substring, Substring?))
        #expect(bob.1 == "bob" && bob.2 == nil)
    }

    @Test("a pattern Swift does not read, or an output type that does not fit its captures, is reported at its line")
    func patternProblems() {
        let binder = Binder(libraries: [
            TestSteps { steps in
                steps.action(pattern: #"log (in"#, line: 10) { _, _, _ in }
                steps.action(pattern: #"log (in|out)"#, line: 11) { _, _, _ in }
                steps.check(pattern: #"log (?:as (\w+))?"#, as: (Substring, Substring).self, line: 12) { _, _, _ in }
                steps.check(pattern: #"log (?:as (\w+))?"#, as: (Substring, Substring?).self, line: 13) { _, _, _ in }
            }
        ])
        #expect(binder.definitions.count == 1)
        #expect(binder.diagnostics.map(\.code) == [.expressionInvalid, .definitionArguments, .definitionArguments])
        #expect(binder.diagnostics.map(\.location?.line) == [10, 11, 12])
        #expect(binder.diagnostics[1].message.contains("captures 1 value(s)"))
    }
}

/// A small deterministic generator, so that a failure names text that fails again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
