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

    /// Reads every spec, handing each to `body` in path order; returns the problems with the paths
    /// themselves (missing, empty directory, special files, links) for the caller to report after the files.
    ///
    /// Files are read on every processor while `body` works through those already read, so
    /// output starts at once and keeps pace with reading.
    func read(jobs: Int = SpecReader.defaultJobs, _ body: (SpecFile) -> Void) -> [Diagnostic] {
        let collection = SpecCollection(paths: paths, naming: { SpecPath.relative($0) })
        collection.read(jobs: jobs, body)
        return collection.diagnostics
    }
}
