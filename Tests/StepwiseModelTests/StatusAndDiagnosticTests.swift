import Testing

@testable import StepwiseModel

@Suite("Statuses and diagnostics")
struct StatusAndDiagnosticTests {
    @Test(
        "a whole takes the most severe status of its parts",
        arguments: [
            ([Status.passed, .passed], Status.passed),
            ([.passed, .skipped], .skipped),
            ([.passed, .manual], .manual),
            ([.manual, .undefined], .undefined),
            ([.undefined, .ambiguous], .ambiguous),
            ([.ambiguous, .failed, .passed], .failed),
            ([], .skipped),
        ])
    func combining(parts: [Status], whole: Status) {
        #expect(Status.combining(parts) == whole)
    }

    @Test("a diagnostic renders like a compiler's: location, severity, message, the line, a caret, a hint")
    func rendering() {
        let diagnostic = Diagnostic(
            .error, "unknown step", at: SourceLocation(file: "specs/MM-T1.md", line: 12, column: 5), hint: "bind it")
        #expect(
            diagnostic.rendered(sourceLine: "\t-  Revoke it")
                == "specs/MM-T1.md:12:5: error: unknown step\n     -  Revoke it\n        ^\n    hint: bind it")
        #expect(Diagnostic(.warning, "empty", at: nil).rendered() == "warning: empty")
    }

    @Test("a caret past the end of its line stands just after it")
    func caretClamped() {
        let diagnostic = Diagnostic(.note, "gap", at: SourceLocation(file: "a.md", line: 1, column: 40))
        #expect(diagnostic.rendered(sourceLine: "abc") == "a.md:1:40: note: gap\n    abc\n       ^")
    }

    @Test("a caret deep in a long line stands under its column, in an excerpt marked with ellipses")
    func caretInLongLine() throws {
        let line = String(repeating: "a", count: 500) + "X" + String(repeating: "b", count: 500)
        let diagnostic = Diagnostic(.error, "bad", at: SourceLocation(file: "r.json", line: 1, column: 501))
        let rendered = diagnostic.rendered(sourceLine: line).split(separator: "\n").map(String.init)
        let excerpt = try #require(rendered.dropFirst().first)
        let caret = try #require(rendered.dropFirst(2).first)
        #expect(excerpt.hasPrefix("    …") && excerpt.hasSuffix("…"))
        #expect(excerpt.count <= 4 + Diagnostic.excerptWidth + 2)
        let caretOffset = try #require(caret.firstIndex(of: "^")).utf16Offset(in: caret)
        let markedCharacter = excerpt[excerpt.index(excerpt.startIndex, offsetBy: caretOffset)]
        #expect(markedCharacter == "X")
    }

    @Test("control characters of the source line, message and hint are shown as pictures, never sent to a terminal")
    func controlCharactersShown() {
        let diagnostic = Diagnostic(
            .warning, "title \u{1B}[31mred", at: SourceLocation(file: "e.md", line: 2, column: 4), hint: "see \u{7}")
        let rendered = diagnostic.rendered(sourceLine: "Do \u{1B}]0;pwned\u{7} it\u{9B}")
        #expect(!rendered.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!rendered.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) })
        #expect(rendered == "e.md:2:4: warning: title ␛[31mred\n    Do ␛]0;pwned␇ it\u{FFFD}\n       ^\n    hint: see ␇")
    }

    @Test("severities order note < warning < error")
    func severities() {
        #expect(Diagnostic.Severity.note < .warning && Diagnostic.Severity.warning < .error)
    }
}
