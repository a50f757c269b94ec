import ArgumentParser
import Foundation
import StepwiseModel
import StepwiseParsing

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the test cases in spec files, one row per case.",
        discussion: """
            Columns: key, title, number of steps, format, and the number of diagnostics \
            ('stepwise lint' shows them). Files that hold no readable case are listed with \
            '-' as their key.

            Examples:
              stepwise list specs/
              stepwise list exports/ | sort -k3 -n

            Exit status: 0 when every file was read, 1 when any file had an error, 64 for \
            a usage error.
            """)

    @OptionGroup var input: SpecInput

    func run() throws {
        let status = execute(output: .standardOutput, errors: .standardError)
        if status != 0 { throw ExitCode(status) }
    }

    /// Does the work and returns the exit status; the output goes to the given sinks.
    func execute(output: TextSink, errors: TextSink) -> Int32 {
        var rows: [[String]] = [["KEY", "TITLE", "STEPS", "FORMAT", "DIAGNOSTICS"]]
        var failed = false
        // The reading threads make each row; this thread gathers them in path order.
        let pathProblems = input.read(transform: { file in
            let testCase = file.testCase
            let row = [
                testCase?.key ?? "-",
                Self.oneLine(testCase?.title ?? file.path),
                testCase.map { String($0.steps.count) } ?? "-",
                file.format?.rawValue ?? "-",
                String(file.diagnostics.count),
            ]
            return (row, file.hasErrors)
        }) { row, hasErrors in
            rows.append(row)
            if hasErrors { failed = true }
        }
        output.write(Self.table(rows))
        DiagnosticPrinter(output: errors).print(pathProblems)
        return failed || pathProblems.contains(where: { $0.severity == .error }) ? 1 : 0
    }

    /// Titles may hold line breaks, tabs and control characters; a row may not, nor may it send
    /// escape sequences to the terminal.
    static func oneLine(_ text: String) -> String {
        // Printable ASCII, nearly every title: no line to join, nothing to show, a Character a byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text.utf8.count > 60 ? String(decoding: text.utf8.prefix(59), as: UTF8.self) + "…" : text
        }
        let flat = text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
            .showingControlCharacters
        return flat.count > 60 ? String(flat.prefix(59)) + "…" : flat
    }

    /// Columns padded to their widest cell; numbers are right-aligned.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { column in rows.map { characters($0[column]) }.max() ?? 0 }
        var out = ""
        for row in rows {
            var cells: [String] = []
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - characters(cell))
                let numeric = column == 2 || column == 4
                cells.append(numeric ? padding + cell : cell + padding)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// `text.count`, taken from the bytes when each is an ASCII one other than a carriage return
    /// (each is then a Character of its own), without the grapheme rules.
    private static func characters(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D } ? text.utf8.count : text.count
    }
}
