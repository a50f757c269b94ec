import Foundation
import Testing

@testable import StepwiseReporting

@Suite("Report text")
struct ReportTextTests {
    @Test(
        "text is put on one line at every kind of line break, and text without one is only made printable",
        arguments: [
            "Log in", "Log\nin", "Log\r\nin", "a\rb\u{B}c\u{C}d", "next\u{85}line", "para\u{2028}line\u{2029}end",
            "é ➜ 中文 \u{1B}[31m", "\u{E2}\u{80}", "ends with a break\n", "\n\nleading", "ÂÂ¨ and \u{2027}",
        ])
    func oneLine(text: String) {
        let split = ReportText.printable(text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ "))
        #expect(ReportText.oneLine(text) == split)
        #expect(ReportText.hasLineBreak(text) == text.contains(where: \.isNewline))
    }

    @Test("times are written with the digits printf's fixed notation gives, halfway cases and carries included")
    func fixedDecimals() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0.0005, 0.00095, 0.0094999, 0.00945, 0.0095, 0.125, 0.375, 0.5, 0.9994999, 0.995, 0.9995, 1.005, 2.675, 9.995, 59.995, 59.999]
        for decimals in 0...2 {
            let step = 1 / [1.0, 10, 100][decimals]
            // Exactly and nearly halfway between two results, at every size the reports use.
            for whole in stride(from: 0.0, through: 1_000, by: 0.731) {
                let halfway = (whole / step).rounded(.down) * step + step / 2
                values += [halfway, halfway.nextUp, halfway.nextDown, halfway + 1e-9, halfway - 1e-9]
            }
        }
        values += (0..<20_000).map { _ in Double.random(in: 0..<60, using: &generator) }
        values += (0..<5_000).map { _ in Double.random(in: 0..<0.01, using: &generator) }
        for value in values {
            for decimals in 0...2 {
                #expect(ReportText.fixed(value, decimals: decimals) == String(format: "%.\(decimals)f", value), "\(value)")
            }
        }
        #expect(ReportText.seconds(0.0012) == "1.2 ms")
        #expect(ReportText.seconds(0.25) == "250 ms")
        #expect(ReportText.seconds(12.4) == "12.40 s")
        #expect(ReportText.seconds(29.76) == "29.76 s")
        #expect(ReportText.seconds(125) == "2 min 05.0 s")
    }
}
