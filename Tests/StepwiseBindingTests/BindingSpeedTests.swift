import MattermostSteps
import StepwiseModel
import StepwiseParsing
import StepwiseTestSupport
import Testing
@testable import StepwiseBinding

/// The shortcuts that make binding fast must never change what binds.
@Suite("Binding shortcuts")
struct BindingSpeedTests {
    @Test(
        "a regex's clauses hold for every match: its literal runs, one literal of each branch of an alternation, the literals of groups a match cannot skip",
        arguments: [
            (#"click (?:on )?the ["']([^"']+)["'] button(?: again)?"#, [["click "], ["the "], [" button"]]),
            (#"(?:the )?users? (?:is )?redirected to login"#, [["user"], ["redirected to login"]]),
            (#"\bconfirm\b"#, [["confirm"]]),
            (#"drop-?down menu+"#, [["drop"], ["down men"]]),
            (#"Sign In"#, [["sign in"]]),
            (#"(?:then )?logs out again|(?:the )?user logs out"#, [["logs out again", "user logs out"]]),
            (#"(enable|disable) "([^"]*(?:session|extend)[^"]*)""#, [[" \""], ["enable", "disable"], ["session", "extend"]]),
            (#"go back(?= and|\.|$|,)"#, [["go back"]]),
            (#"(?:post|send) a (?:message|post)"#, [[" a "], ["post", "send"], ["message", "post"]]),
            (#"email\/password|email|saml"#, [["email/password", "email", "saml"]]),
            (#"(?:a|b)?c"#, []),
            (#"(?:x|)yz"#, [["yz"]]),
            (#"(?<word>sign) in"#, [[" in"], ["sign"]]),
            (#"log ?in(?: as (ldap|saml))?"#, [["log"], ["in"]]),
        ] as [(String, [[String]])])
    func requiredClauses(pattern: String, expected: [[String]]) throws {
        let regex = try #require(FoldedRegex(pattern))
        let found = regex.required.map { Set($0.map { String(String.UnicodeScalarView($0)) }) }
        #expect(Set(found) == Set(expected.map(Set.init)))
    }

    @Test("a regex of alternatives binds through any branch, and not text containing none")
    func alternationPrefilter() {
        let register: @Sendable (inout Steps<Journal>) -> Void = { steps in
            steps.action(#/(?:then )?logs out again|(?:the )?user logs out/#, named: "logs out", matching: .phrase) { _, _, _ in }
        }
        #expect(binding("Then logs out again", register).state == .matched)
        #expect(binding("The user logs out", register).state == .matched)
        #expect(binding("The user signs out", register).state == .undefined)
    }

    @Test("a regex definition binds text with and without its optional words, and not text lacking a required one")
    func regexPrefilter() {
        let register: @Sendable (inout Steps<Journal>) -> Void = { steps in
            steps.action(#/click (?:on )?the ["']([^"']+)["'] button(?: again)?/#, named: "click the button") { _, _, _ in }
        }
        #expect(binding("Click on the 'Revoke' button again", register).state == .matched)
        #expect(binding("CLICK THE \"Revoke\" BUTTON", register).state == .matched)
        #expect(binding("Click the 'Revoke' link", register).state == .undefined)
    }

    @Test("text with arrows and accents binds through a regex as before")
    func nonASCIIText() {
        let register: @Sendable (inout Steps<Journal>) -> Void = { steps in
            steps.action(#/go to (?:the )?console ➜ (\w+)/#, named: "go to console") { _, _, _ in }
        }
        #expect(binding("Go to the Console -> Users", register).state == .matched)
        #expect(binding("Go to Console ➜ Usérs", register).state == .matched)
    }

    @Test("text with letters outside ASCII is filtered by a regex's literal words, unless a letter of it matches an ASCII one without case")
    func accentedTextPrefilter() {
        #expect(MatchText("Click 'Äú'Edit'Äù' in 中文").foldsApartFromASCII)
        #expect(!MatchText("Clic\u{212A} the button").foldsApartFromASCII)  // the Kelvin sign matches "k"
        #expect(!MatchText("Größe").foldsApartFromASCII)  // "ß" is "SS" in capitals
        #expect(!MatchText("Sign ın").foldsApartFromASCII)  // the dotless i is "I" in capitals
        let register: @Sendable (inout Steps<Journal>) -> Void = { steps in
            steps.action(pattern: #"click (?:on )?the ["']([^"']+)["'] button"#, as: (Substring, Substring).self, named: "click the button") { _, _, _ in }
        }
        #expect(binding("Click the 'Édition' button", register).state == .matched)
        #expect(binding("Click the 'Édition' link", register).state == .undefined)
        #expect(binding("Clic\u{212A} the 'Édition' button", register).state == .matched)
    }

    @Test("an item's matching form (scalars, folded copy, offsets) is the same whether or not its text is ASCII", arguments: [
        "Log In As ADMIN_42 [x] {y} @Z ~`^", "Log In As ADMIN_42 ➜ Ü", "", "A",
    ])
    func matchTextOfASCII(text: String) {
        let match = MatchText(normalized: text)
        #expect(match.scalars == Array(text.unicodeScalars))
        #expect(match.folded == text.unicodeScalars.map(TextNormalizer.fold))
        #expect(match.isASCII == text.unicodeScalars.allSatisfy(\.isASCII))
        #expect(match.foldsApartFromASCII)
        for offset in 0...match.count {
            #expect(match.index(at: offset) == text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: offset))
        }
    }

    @Test("a definition is ruled out by the letter pairs of its literals only for text lacking one: of alternatives, the pairs they share")
    func requiredPairs() {
        let pairs = RequiredPairs([
            ([[Array("logs out again".unicodeScalars), Array("user logs out".unicodeScalars)]], true),
            ([[Array("sign in".unicodeScalars)], [Array("as".unicodeScalars)]], false),
            ([], true),
        ])
        func admitted(_ text: String) -> [Int] { pairs.admitted([0, 1, 2], MatchText(text).indexingPairs()) }
        #expect(admitted("Then logs out again") == [0, 2])
        #expect(admitted("the user logs out") == [0, 2])
        #expect(admitted("Sign in as admin") == [1, 2])
        #expect(admitted("Sign in") == [2])
        // Swift's Regex matches the Kelvin sign as "k" without case: a regex is not ruled out, an expression is.
        #expect(admitted("user logs out as \u{212A}") == [0, 2])
        #expect(admitted("sign out \u{212A}") == [0, 2])
        // Text whose pairs were not noted is tried against every definition.
        #expect(pairs.admitted([0, 1, 2], MatchText("nothing")) == [0, 1, 2])
    }

    @Test("over the corpus, no definition the letter pairs rule out for an item matches it")
    func requiredPairsOverTheCorpus() throws {
        let binder = Binder(libraries: [MattermostSteps()])
        var seen: Set<String> = []
        var ruledOut = 0
        for path in try Corpus.files(in: "zephyr-export", withExtension: "md") {
            guard let testCase = SpecReader.read(path: path).testCase else { continue }
            for step in testCase.steps {
                for (kind, raw) in step.instructions.map({ (ItemPlan.Kind.instruction, $0.text) }) + step.expectations.map({ (.expectation, $0.text) })
                where seen.insert("\(kind) \(raw)").inserted {
                    let text = MatchText(raw).indexingPairs()
                    let applying = binder.definitions.indices.filter { binder.definitions[$0].applies(to: kind) }
                    let admitted = Set(binder.requiredPairs.admitted(applying, text))
                    for index in applying where !admitted.contains(index) {
                        ruledOut += 1
                        let definition = binder.definitions[index]
                        #expect(definition.match(text, scope: definition.scope) == nil, "\(definition.source) on \"\(raw)\"")
                    }
                }
            }
        }
        #expect(ruledOut > 100_000)
    }

    @Test("binding many cases at once gives the same plans, in order, as binding them one by one")
    func parallelBinding() {
        let binder = Binder(libraries: [
            TestSteps { steps in
                steps.action("log in as user {int}") { (_, _, _: Int) in }
                steps.check("user {int} is signed in") { (_, _, _: Int) in }
            }
        ])
        let cases = (0..<200).map { index in
            (testCase: makeCase("T-\(index)", instructions: ["Log in as user \(index)", "Dance"], expectations: ["User \(index) is signed in"]),
             caseID: "T-\(index)")
        }
        let together = binder.bind(cases, jobs: 4)
        let oneByOne = cases.map { binder.bind($0.testCase, caseID: $0.caseID) }
        #expect(together.map(\.caseID) == oneByOne.map(\.caseID))
        #expect(together.map(\.plan) == oneByOne.map(\.plan))
        #expect(together.map(\.fingerprint) == oneByOne.map(\.fingerprint))
    }

    @Test(
        "text already normal is kept as it is, and any other text is normalised as before",
        arguments: [
            "Log in as user 5 on 3 devices", "Go to System Console ➜ Users", "The search box shows \"user5\"", "", "a",
            "Search for “user5”", "Log in.", "Wait...", "Go to a -> b", "a => b", "keep a>b", " leading", "trailing ",
            "two  spaces", "tab\there", "line\nbreak", "no\u{A0}break", "thin\u{2009}space", "2–30 seconds…", "‘quoted’",
            "ends with:", "ends with;", "Ünïcödé Text", "→ arrow", "› chevron", "x \u{2212} y", "emoji 🙂 stays",
        ])
    func normalisationShortcut(text: String) {
        #expect(TextNormalizer.normalize(text) == TextNormalizer.normalize(text, trimming: true))
        if TextNormalizer.isNormalized(text) { #expect(TextNormalizer.normalize(text, trimming: true) == text) }
    }

    @Test("the fingerprint hashes each item's folded text, as UTF-8, a line each, without making the folded text")
    func fingerprintOfFoldedText() {
        let items = ["Log  in → “Now”…", "Ünïcödé TEXT.", "ASCII Only", "İstanbul ΣΑΣ"]
        let testCase = makeCase(instructions: Array(items.prefix(3)), expectations: [items[3]])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for line in ["step 1"] + items {
            for byte in Array(String(String.UnicodeScalarView(MatchText(line).folded)).utf8) + [0x0a] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        let expected = String(repeating: "0", count: 16 - String(hash, radix: 16).count) + String(hash, radix: 16)
        #expect(Binder.fingerprint(of: testCase) == expected)
        #expect(Binder(libraries: []).bind(testCase, caseID: "T-1").fingerprint == expected)
    }

    @Test("the fingerprint a case is bound with is the one fingerprint(of:) computes")
    func fingerprintFromFoldedText() {
        let testCase = makeCase(instructions: ["Log  in → “Now”…", "Ünïcödé Text."], expectations: ["Done;"], subItems: ["a note"])
        let bound = Binder(libraries: []).bind(testCase, caseID: "T-1")
        #expect(bound.fingerprint == Binder.fingerprint(of: testCase))
    }
}
