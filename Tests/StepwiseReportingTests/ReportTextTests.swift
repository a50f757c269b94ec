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
}
