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
        let printer = DiagnosticPrinter()
        let encoder = SpecJSONLine.makeEncoder()
        var failed = false
        let pathProblems = try input.read { file in
            let text: String
            switch format {
            case .jsonl: text = try SpecJSONLine(file: file).encoded(with: encoder) + "\n"
            case .tree: text = SpecTreeDumper.dump(file)
            }
            FileHandle.standardOutput.write(Data(text.utf8))
            printer.print(file.diagnostics)
            if file.hasErrors { failed = true }
        }
        printer.print(pathProblems)
        if failed || pathProblems.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
    }
}
