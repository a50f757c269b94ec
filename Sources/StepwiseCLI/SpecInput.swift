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
    /// themselves (missing, empty directory) for the caller to report after the files.
    ///
    /// Files are read on every processor, a batch at a time, so output starts before a large
    /// directory has been read in full.
    func read(jobs: Int = SpecReader.defaultJobs, _ body: (SpecFile) -> Void) -> [Diagnostic] {
        let (found, diagnostics) = SpecReader.discover(paths)
        let files = found.map { SpecPath.relative($0) }
        let batch = max(jobs, 1) * 64
        var start = 0
        while start < files.count {
            let end = min(start + batch, files.count)
            for spec in SpecReader.read(paths: Array(files[start..<end]), jobs: jobs) { body(spec) }
            start = end
        }
        return diagnostics
    }
}
