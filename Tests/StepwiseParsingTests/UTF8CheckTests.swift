import Testing
@testable import StepwiseParsing

@Suite("UTF-8 validation without building a String")
struct UTF8CheckTests {
    @Test(
        "accepts exactly what String(validating:) accepts",
        arguments: [
            [], Array("plain ASCII, longer than eight bytes".utf8), Array("é – — • ➜ ⌘ 🙂".utf8),
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xED, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF5, 0x80, 0x80, 0x80], [0xFF], [0x80], [0xE2, 0x80], Array("abcdefgh".utf8) + [0xE2, 0x80],
            Array("abcdefg".utf8) + [0xE2, 0x80, 0x94] + Array("hijklmnop".utf8), [0xC3], [0x41, 0xC3, 0x28],
        ] as [[UInt8]])
    func agreesWithTheStandardLibrary(bytes: [UInt8]) {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        #expect(bytes.withUnsafeBufferPointer(UTF8Check.isValid) == expected)
    }

    @Test("agrees with the standard library on every short byte sequence around the boundaries")
    func exhaustiveTwoAndThreeBytes() {
        var disagreements = 0
        for first in UInt8(0x70)...UInt8(0xFF) {
            for second in stride(from: 0, through: 0xFF, by: 7).map(UInt8.init) {
                for third in [UInt8(0x41), 0x80, 0x9F, 0xA0, 0xBF, 0xC0] {
                    let bytes = [first, second, third, 0x80]
                    let expected = String(validating: bytes, as: UTF8.self) != nil
                    if bytes.withUnsafeBufferPointer(UTF8Check.isValid) != expected { disagreements += 1 }
                }
            }
        }
        #expect(disagreements == 0)
    }
}
