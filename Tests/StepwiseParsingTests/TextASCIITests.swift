import Testing
@testable import StepwiseParsing

@Suite("Byte-level text searches")
struct TextASCIITests {
    @Test(
        "firstRange(ofASCII:) finds what the Character search finds",
        arguments: [
            "MM-T938: Title", "no colon here", "a: b: c", ":", ": ", "x: \u{301}combining after the space",
            "x\u{0600}: prepend before the colon", "x: \u{301}y: z", "é: ü", "",
        ])
    func agreesWithCharacterSearch(text: String) {
        let fast = text.firstRange(ofASCII: ": ").map { text.distance(from: text.startIndex, to: $0.lowerBound) }
        let slow = text.firstRange(of: ": ").map { text.distance(from: text.startIndex, to: $0.lowerBound) }
        #expect(fast == slow)
    }

    @Test("replacingAll replaces every occurrence and leaves other text alone")
    func replacing() {
        #expect("a(newline)b(newline)".replacingAll("(newline)", with: "\n") == "a\nb\n")
        #expect("no marker".replacingAll("(newline)", with: "\n") == "no marker")
        #expect("(newline".replacingAll("(newline)", with: "\n") == "(newline")
    }
}

@Suite("Item text normalisation")
struct ItemTextNormalizeTests {
    @Test(
        "changes unusual spaces and invisible characters, and nothing else",
        arguments: [
            ("a — b", "a — b"), ("‘quoted’ – “yes” • ➜ ⌘ é", "‘quoted’ – “yes” • ➜ ⌘ é"), ("a\u{2009}b", "a b"),
            ("a\u{200B}b", "ab"), ("x\u{FEFF}", "x"), ("a\u{00A0}\u{00A0}b", "a b"), ("a\u{2028}b", "a\nb"),
            ("a\u{00AD}b", "ab"), ("a\u{3000}b", "a b"), ("a\u{200D}b", "a\u{200D}b"), ("  a  b ", "a b"),
            ("a\u{2060}", "a"), ("a\u{1680}b\u{202F}c\u{205F}d", "a b c d"), ("\u{00A0}", ""),
        ] as [(String, String)])
    func normalizes(text: String, expected: String) {
        #expect(ItemText.normalize(text) == expected)
    }
}
