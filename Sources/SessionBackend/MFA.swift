/// A stand-in for TOTP (RFC 6238): six digits from the user's secret and the 30-second time step.
/// It is not HMAC-SHA1, but it behaves the same for a test: the code changes every 30 seconds, the
/// neighbouring steps are accepted (clock skew), and only the secret's holder can compute it.
enum MFA {
    static let stepMilliseconds: Int64 = 30_000

    static func step(atMilliseconds milliseconds: Int64) -> Int64 { milliseconds / stepMilliseconds }

    static func code(secret: UInt64, step: Int64) -> String {
        var generator = SeededGenerator(seed: secret ^ UInt64(bitPattern: step) &* 0x2545_F491_4F6C_DD1D)
        let value = generator.next() % 1_000_000
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Whether `code` is right for the step at `milliseconds` or one next to it.
    static func check(_ code: String, secret: UInt64, atMilliseconds milliseconds: Int64) -> Bool {
        let current = step(atMilliseconds: milliseconds)
        return (current - 1 ... current + 1).contains { self.code(secret: secret, step: $0) == code }
    }

    /// The server wants six digits before it even checks (`mfa.validate_token.authenticate.app_error`).
    static func isWellFormed(_ code: String) -> Bool { code.utf8.count == 6 && code.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
}
