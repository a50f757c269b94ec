import ArgumentParser
import Foundation
import StepwiseModel
import StepwiseParsing

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check spec files and report every problem, compiler-style.",
        discussion: """
            Every file is read in full and every diagnostic printed to standard error as \
            'file:line:column: severity: message', with the source line, a caret and a hint. \
            One bad file never stops the others. A summary line ends the output.

            Examples:
              stepwise lint specs/
              stepwise lint exports/ 2>&1 | grep error:

            Exit status: 0 when no file has an error (warnings and notes do not count), 1 \
            when any file has one, 64 for a usage error.
            """)

    @OptionGroup var input: SpecInput

    func run() throws {
        let status = execute(errors: .standardError)
        if status != 0 { throw ExitCode(status) }
    }

    /// Does the work and returns the exit status; diagnostics and the summary go to `errors`.
    func execute(errors: TextSink) -> Int32 {
        let printer = DiagnosticPrinter(output: errors)
        var fileCount = 0
        // The reading threads render the diagnostics; this thread prints them in path order, in blocks.
        var buffered = BufferedSink(errors)
        let pathProblems = input.read(transform: DiagnosticPrinter.render) { rendered in
            fileCount += 1
            printer.print(rendered, into: &buffered)
        }
        buffered.flush()
        printer.print(pathProblems)
        let summary = printer.summary
        let files = "\(fileCount) file\(fileCount == 1 ? "" : "s") checked"
        errors.write(files + (summary.isEmpty ? ", no problems" : ": \(summary)") + "\n")
        return printer.errorCount > 0 ? 1 : 0
    }
}
