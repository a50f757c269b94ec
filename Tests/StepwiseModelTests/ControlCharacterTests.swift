import Testing

@testable import StepwiseModel

@Suite("Control characters shown as pictures")
struct ControlCharacterTests {
    /// What a terminal acts on: C0 and C1 controls and DEL, but tab and line feed.
    private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA: false
        case 0x0...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    @Test("every scalar from U+0000 to U+07FF is shown as a picture exactly when a terminal would act on it")
    func everyScalarOfTheFirstTwoUTF8Lengths() {
        for value in UInt32(0)...0x7FF {
            let scalar = Unicode.Scalar(value)!
            let text = "a\(Character(scalar))b"
            let shown = text.showingControlCharacters
            #expect((shown != text) == Self.isHidden(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test("text without controls comes back as it is, non-ASCII and C2-led characters included")
    func plainTextUnchanged() {
        for text in ["", "Users ➜ Revoke Sessions", "¡Hola! café © ®", "\t indented\nnext line", "中文 ✔"] {
            #expect(text.showingControlCharacters == text)
        }
        #expect("bell\u{7}".showingControlCharacters == "bell␇")
        #expect("csi\u{9B}".showingControlCharacters == "csi\u{FFFD}")
        #expect("del\u{7F}".showingControlCharacters == "del␡")
    }
}
