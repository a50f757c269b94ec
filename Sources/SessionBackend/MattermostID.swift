/// A 26-character Mattermost identifier, as made by the server's `model.NewId()`.
///
/// The server draws a random (version 4) UUID and encodes its 16 bytes with Go's base32 using the
/// alphabet `ybndrfg8ejkmcpqxot1uwisza345h769` and no padding: 128 bits in 26 five-bit digits, so
/// the last digit carries three bits and two zero bits. Keeping the 16 bytes instead of the text
/// makes a session key two words: hashing and comparing it allocates nothing.
public struct MattermostID: Hashable, Sendable, CustomStringConvertible {
    let high: UInt64
    let low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A new identifier from the system's cryptographically secure generator (`getrandom` on Linux).
    public static func random() -> MattermostID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A new identifier with the version and variant bits of a random UUID, from `generator`.
    static func random<G: RandomNumberGenerator>(using generator: inout G) -> MattermostID {
        let high = (generator.next() & ~0xF000) | 0x4000  // version 4 in byte 6
        let low = (generator.next() & ~(0xC000_0000_0000_0000 as UInt64)) | 0x8000_0000_0000_0000  // RFC 4122 variant
        return MattermostID(high: high, low: low)
    }

    static let alphabet: [UInt8] = Array("ybndrfg8ejkmcpqxot1uwisza345h769".utf8)

    static let digitValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = Int8(value) }
        return table
    }()

    /// Parses the text form; `nil` for anything `NewId()` could not have produced.
    public init?(_ text: String) {
        var text = text
        let parsed: MattermostID? = text.withUTF8 { MattermostID(utf8: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 26 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        // Digits 0...11 fill 60 bits of `high`, digit 12 straddles the two words, 13...25 fill `low`.
        for index in 0..<26 {
            let value = MattermostID.digitValues[Int(bytes[index])]
            guard value >= 0 else { return nil }
            let digit = UInt64(value)
            switch index {
            case 0..<12: high = high << 5 | digit
            case 12:
                high = high << 4 | digit >> 1
                low = digit & 1
            case 13..<25: low = low << 5 | digit
            default:
                // Only the top three bits are data; the server always writes zeros below them.
                guard digit & 0b11 == 0 else { return nil }
                low = low << 3 | digit >> 2
            }
        }
        self.init(high: high, low: low)
    }

    /// The 26-character text, as it appears in JSON and headers.
    public var description: String {
        String(unsafeUninitializedCapacity: 26) { buffer in
            for index in 0..<26 {
                let digit: UInt64
                switch index {
                case 0..<12: digit = high >> UInt64(59 - 5 * index) & 31
                case 12: digit = (high & 0xF) << 1 | low >> 63
                case 13..<25: digit = low >> UInt64(58 - 5 * (index - 13)) & 31
                default: digit = (low & 0b111) << 2
                }
                buffer[index] = MattermostID.alphabet[Int(digit)]
            }
            return 26
        }
    }
}
