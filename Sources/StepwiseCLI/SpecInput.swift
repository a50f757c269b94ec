import ArgumentParser
import StepwiseModel
import StepwiseParsing

/// The `PATH...` arguments every spec-reading command takes.
struct SpecInput: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Spec files or directories. A directory means every .md and .json spec under it, in path order.",
            valueName: "path"))
    var paths: [String]

    /// Reads every spec, in order, handing each to `body`; returns the problems with the paths
    /// themselves (missing, empty directory) for the caller to report after the files.
    func read(_ body: (SpecFile) -> Void) -> [Diagnostic] {
        let (files, diagnostics) = SpecReader.discover(paths)
        for path in files { body(SpecReader.read(path: path)) }
        return diagnostics
    }
}
