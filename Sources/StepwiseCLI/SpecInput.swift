import Foundation
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

    /// Reads every spec and applies `transform` to it on the reading thread, then hands the
    /// results to `body` in path order; returns the problems with the paths themselves (missing,
    /// empty directory, special files, links) for the caller to report after the files.
    ///
    /// Files are read (and transformed) on every processor while `body` works through those
    /// already done, so output starts at once and keeps pace with reading.
    func read<Result: Sendable>(
        jobs: Int = SpecReader.defaultJobs, transform: @escaping @Sendable (SpecFile) -> Result, _ body: (Result) -> Void
    ) -> [Diagnostic] {
        let directory = FileManager.default.currentDirectoryPath
        let collection = SpecCollection(paths: paths, naming: { SpecPath.relative($0, to: directory) })
        collection.read(jobs: jobs, transform: transform, body)
        return collection.diagnostics
    }
}
