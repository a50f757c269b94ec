import ArgumentParser
import Foundation
import StepwiseModel
import StepwiseParsing

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Read exported test cases and print what Stepwise makes of them.",
        discussion: """
            Each file's format is recognised from its content: Zephyr Scale Markdown (the \
            '> <article>' export), the Zephyr Scale JSON record, or Mattermost Markdown.

            --format jsonl (the default) prints one JSON object per case per line, a stable \
            contract for other tools; --format tree prints an indented tree for people and \
            golden tests. Diagnostics also go to standard error, compiler-style.

            Examples:
              stepwise parse specs/MM-T938.md
              stepwise parse --format tree specs/MM-T938.md
              stepwise parse exports/ | jq -r '.key + " " + (.steps | length | tostring)'

            Exit status: 0 when every file was read, 1 when any file had an error, 64 for \
            a usage error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, tree
    }

    @Option(help: "Output format: jsonl (one JSON object per case per line) or tree.")
    var format: Format = .jsonl

    @OptionGroup var input: SpecInput

    func run() throws {
        let status = execute(output: .standardOutput, errors: .standardError)
        if status != 0 { throw ExitCode(status) }
    }

    /// Does the work and returns the exit status; the output goes to the given sinks.
    ///
    /// The reading threads also write each file's line (or tree) and render its diagnostics;
    /// this thread only puts them out, in path order, in blocks.
    func execute(output: TextSink, errors: TextSink) -> Int32 {
        let printer = DiagnosticPrinter(output: errors)
        var out = BufferedSink(output)
        var diagnosticsOut = BufferedSink(errors)
        var failed = false
        let format = format
        let pathProblems = input.read(transform: { file in
            let text = format == .jsonl ? SpecJSONLine(file: file).bytes : SpecTreeDumper.dumpBytes(file)
            return (text, DiagnosticPrinter.render(file), file.hasErrors)
        }) { text, diagnostics, hasErrors in
            out.write(text)
            printer.print(diagnostics, into: &diagnosticsOut)
            if hasErrors { failed = true }
        }
        out.flush()
        diagnosticsOut.flush()
        printer.print(pathProblems)
        return failed || pathProblems.contains(where: { $0.severity == .error }) ? 1 : 0
    }
}
