import Testing
@testable import SessionBackend

@Suite struct MattermostIDTests {
    @Test("a new id is 26 characters of the NewId alphabet")
    func format() {
        for _ in 0..<200 {
            let text = MattermostID.random().description
            #expect(text.count == 26)
            #expect(text.allSatisfy { "ybndrfg8ejkmcpqxot1uwisza345h769".contains($0) })
            // Go's base32 of 16 bytes leaves two zero bits in the last digit.
            let alphabet = Array("ybndrfg8ejkmcpqxot1uwisza345h769")
            #expect(alphabet.firstIndex(of: text.last!)! % 4 == 0)
        }
    }

    @Test("text and value round-trip, and ids differ")
    func roundTrip() throws {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let id = MattermostID.random()
            let parsed = try #require(MattermostID(id.description))
            #expect(parsed == id)
            seen.insert(id.description)
        }
        #expect(seen.count == 1000)
    }

    @Test("the bytes are a version 4 UUID, as uuid.NewRandom() makes")
    func uuidBits() {
        let id = MattermostID.random()
        #expect((id.high >> 12) & 0xF == 4)
        #expect(id.low >> 62 == 0b10)
    }

    @Test("known bytes encode as Go's base32 with this alphabet")
    func knownVector() {
        // 16 zero bytes: all "y" (value 0).
        #expect(MattermostID(high: 0, low: 0).description == String(repeating: "y", count: 26))
        // All ones: 25 digits of 31 ("9") and a last digit of 0b11100 = 28 ("h").
        #expect(MattermostID(high: .max, low: .max).description == String(repeating: "9", count: 25) + "h")
        // Bytes 0x00...0x0f, as Go's base32.NewEncoding(alphabet).WithPadding(NoPadding) writes them.
        #expect(MattermostID(high: 0x0001_0203_0405_0607, low: 0x0809_0A0B_0C0D_0E0F).description == "yyyoryarywdyqnyjbefoadeqbh")
    }

    @Test("text NewId could not have produced is rejected", arguments: [
        "", "short", String(repeating: "y", count: 27), String(repeating: "Y", count: 26),
        String(repeating: "y", count: 25) + "b", String(repeating: "y", count: 25) + "0",
    ])
    func rejects(_ text: String) {
        #expect(MattermostID(text) == nil)
    }
}
