import Foundation
import StepwiseModel
import StepwiseParsing

/// Prints diagnostics the way a compiler does: `file:line:col: severity: message`, the source
/// line, a caret under the column and the hint. Every command that reports problems uses it.
///
/// Source lines are read from the files the diagnostics point at, once per file.
final class DiagnosticPrinter {
    private var linesByFile: [String: [Substring]] = [:]
    private let output: TextSink

    /// Counts of what was printed, for the summary line.
    private(set) var errorCount = 0
    private(set) var warningCount = 0
    private(set) var noteCount = 0

    init(output: TextSink = .standardError) { self.output = output }

    /// Supplies the text of a file the printer should not read from disk (standard input, tests).
    func register(text: String, for path: String) {
        linesByFile[path] = Self.lines(of: text)
    }

    /// The lines of `text`. In Swift "\r\n" is one `Character`, not "\n": splitting on "\n" alone
    /// would leave a Windows file as one line.
    static func lines(of text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    /// The rendered diagnostic, with its source line when the file can be read.
    func render(_ diagnostic: Diagnostic) -> String {
        guard let location = diagnostic.location else { return diagnostic.rendered() }
        return diagnostic.rendered(sourceLine: sourceLine(file: location.file, line: location.line))
    }

    /// A file's diagnostics as printed, and how many there are of each severity: worked out
    /// on any thread (the reading threads do it, so that printing keeps pace with reading).
    struct Rendered: Sendable {
        var text = ""
        var errors = 0
        var warnings = 0
        var notes = 0
    }

    /// Renders a file's diagnostics with the lines the file was read with, without reading it
    /// again (a file refused before its text was kept, as binary or too large, is read for its
    /// lines as ``sourceLine(file:line:)`` reads any other).
    static func render(_ file: SpecFile) -> Rendered {
        var rendered = Rendered()
        guard !file.diagnostics.isEmpty else { return rendered }
        let kept = file.sourceLine(1) != nil
        var other: DiagnosticPrinter?
        for diagnostic in file.diagnostics {
            rendered.count(diagnostic.severity)
            guard let location = diagnostic.location else {
                rendered.text += diagnostic.rendered() + "\n"
                continue
            }
            let line: String?
            if kept, location.file == file.path {
                line = file.sourceLine(location.line).map(Self.withoutCarriageReturn)
            } else {
                if other == nil { other = DiagnosticPrinter(output: TextSink { _ in }) }
                line = other?.sourceLine(file: location.file, line: location.line)
            }
            rendered.text += diagnostic.rendered(sourceLine: line) + "\n"
        }
        return rendered
    }

    private static func withoutCarriageReturn(_ line: String) -> String {
        line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    /// Prints diagnostics rendered by ``render(_:)`` and counts them.
    func print(_ rendered: Rendered) {
        count(rendered)
        if !rendered.text.isEmpty { output.write(rendered.text) }
    }

    /// Counts diagnostics rendered by ``render(_:)`` and adds them to `buffer` rather than writing them at once.
    func print(_ rendered: Rendered, into buffer: inout BufferedSink) {
        count(rendered)
        buffer.write(rendered.text)
    }

    private func count(_ rendered: Rendered) {
        errorCount += rendered.errors
        warningCount += rendered.warnings
        noteCount += rendered.notes
    }

    /// Prints a file's diagnostics with the lines it was read with, without reading it again.
    func print(_ file: SpecFile) { print(Self.render(file)) }

    func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        var text = ""
        for diagnostic in diagnostics {
            count(diagnostic.severity)
            text += render(diagnostic) + "\n"
        }
        output.write(text)
    }

    private func count(_ severity: Diagnostic.Severity) {
        switch severity {
        case .error: errorCount += 1
        case .warning: warningCount += 1
        case .note: noteCount += 1
        }
    }

    /// `3 errors, 1 warning` style summary; empty when nothing was printed.
    var summary: String {
        var parts: [String] = []
        if errorCount > 0 { parts.append("\(errorCount) error\(errorCount == 1 ? "" : "s")") }
        if warningCount > 0 { parts.append("\(warningCount) warning\(warningCount == 1 ? "" : "s")") }
        if noteCount > 0 { parts.append("\(noteCount) note\(noteCount == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }

    /// The text of line `line` of `file` (read once), or `nil` for a missing, huge, binary or
    /// special file (a pipe is never opened for reading: it could block).
    func sourceLine(file: String, line: Int) -> String? {
        if linesByFile[file] == nil {
            guard case .success(let bytes) = SpecReader.contents(ofFile: file), !bytes.contains(0),
                let text = String(validating: bytes, as: UTF8.self)
            else {
                linesByFile[file] = []
                return nil
            }
            linesByFile[file] = Self.lines(of: text)
        }
        guard let lines = linesByFile[file], line >= 1, line <= lines.count else { return nil }
        var text = lines[line - 1]
        if text.hasSuffix("\r") { text = text.dropLast() }
        // A long line (a whole HTML step, a one-line JSON record) is cut around the column by
        // `Diagnostic.rendered`, which knows where the caret goes.
        return String(text)
    }
}

extension DiagnosticPrinter.Rendered {
    fileprivate mutating func count(_ severity: Diagnostic.Severity) {
        switch severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
    }
}
