import ArgumentParser
import Foundation

/// The first word of a command line, when it is meant as a subcommand but names none.
///
/// `run` is the default subcommand, so `stepwise specs/` runs specs/. A first word that is no
/// subcommand is still taken as a path when something exists at that path, or when it looks like
/// one (it holds a `/` or a `.`, such as `MM-T938.md`); a bare word naming nothing
/// (`stepwise frobnicate`) is an unknown command, exit 64, rather than a missing spec. `help`
/// followed by a word that names no subcommand is refused the same way.
enum CommandWord {
    static var names: [String] {
        RunCommand.withoutHelpText { StepwiseCommand.configuration.subcommands.compactMap { $0.configuration.commandName } }
    }

    /// The message for `arguments`, or `nil` when they are fine (or for the parser to judge).
    static func mistake(in arguments: [String], exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) })
        -> String?
    {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let known = names + ["help"]
        if first == "help" {
            guard arguments.count > 1, let wanted = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }) else { return nil }
            guard !names.contains(wanted) else { return nil }
            return "error: 'stepwise help \(wanted)': there is no command '\(wanted)'\n    hint: the commands are \(names.joined(separator: ", "))"
        }
        guard !known.contains(first), !exists(first), !first.contains("/"), !first.contains(".") else { return nil }
        let hint = "the commands are \(names.joined(separator: ", ")); to run a spec path of that name, write ./\(first)"
        return "error: unknown command '\(first)', and no file or directory of that name\n    hint: \(hint)"
    }
}
