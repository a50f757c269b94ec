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

    @Test("severities order note < warning < error")
    func severities() {
        #expect(Diagnostic.Severity.note < .warning && Diagnostic.Severity.warning < .error)
    }
}
