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
