import Testing
@testable import StepwiseParsing

@Suite("Quoting in the tree dump")
struct TreeQuotingTests {
    /// What the dump shows of each scalar, one at a time: the rule as first written.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        default:
            let value = scalar.value
            if value < 0x20 || (0x7F...0xA0).contains(value) || (0x2000...0x200F).contains(value)
                || (0x2028...0x202F).contains(value) || value == 0xFEFF
            {
                return "\\u{\(String(value, radix: 16, uppercase: true))}"
            }
            return String(scalar)
        }
    }

    @Test("every scalar near the escaped ranges is shown as the scalar-by-scalar rule shows it, alone and among text")
    func everyScalarIsQuotedByTheRule() {
        let ranges: [ClosedRange<UInt32>] = [0...0x2FF, 0x1FF0...0x2100, 0xFEF0...0xFFFF, 0x1F600...0x1F610]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let text = String(scalar)
                #expect(SpecTreeDumper.quoted(text) == "\"" + Self.shown(scalar) + "\"", "U+\(String(value, radix: 16))")
                #expect(SpecTreeDumper.quoted("a—" + text + "é") == "\"a—" + Self.shown(scalar) + "é\"")
            }
        }
    }

    @Test("text with nothing to escape is quoted as it is")
    func plainTextIsKept() {
        #expect(SpecTreeDumper.quoted("") == "\"\"")
        #expect(SpecTreeDumper.quoted("Go to System Console — Users ➜ ⌘") == "\"Go to System Console — Users ➜ ⌘\"")
    }
}
