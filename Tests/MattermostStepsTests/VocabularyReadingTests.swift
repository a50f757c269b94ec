@testable import MattermostSteps
import Testing

@Suite("The vocabulary's reading of a text")
struct VocabularyReadingTests {
    @Test("its words are those splitting by characters gives, for ASCII text read on bytes and for any other", arguments: [
        "Examples: Mac, Windows, iOS, Android (RN or Classic); various browsers; desktop app",
        "Log on as another test user (who you want to revoke sessions for), on 2-3 devices",
        "", "   ", "one", "MacBook/macOS & Linux_box 42x", "System Console ➜ Users", "café au lait, naïve", "e\u{301}toile deux",
    ])
    func sameWordsAsSplittingByCharacters(text: String) {
        let lower = text.lowercased()
        let expected = Set(lower.split { !Vocabulary.isWordCharacter($0) }.map(String.init))
        #expect(Vocabulary.Reading(text).words == expected)
    }
}
