import ArgumentParser
import Foundation
import StepwiseModel
import StepwiseParsing

/// The `PATH...` arguments every spec-reading command takes.
struct SpecInput: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Spec files or directories (- reads one spec from standard input). A directory means every .md and .json spec under it, in path order.",
            valueName: "path"),
        completion: .file(extensions: ["md", "json"]))
    var paths: [String]

    /// Reads every spec and applies `transform` to it on the reading thread, then hands the
    /// results to `body` in path order; returns the problems with the paths themselves (missing,
    /// empty directory, special files, links) for the caller to report after the files.
    ///
    /// Files are read (and transformed) on every processor while `body` works through those
    /// already done, so output starts at once and keeps pace with reading. A `-` among the paths
    /// is one spec read from standard input, handed over first (``StandardInputSpec``).
    func read<Result: Sendable>(
        jobs: Int = SpecReader.defaultJobs, transform: @escaping @Sendable (SpecFile) -> Result, _ body: (Result) -> Void
    ) -> [Diagnostic] {
        let (stdin, others) = StandardInputSpec.split(paths)
        if let stdin { body(transform(stdin)) }
        let directory = FileManager.default.currentDirectoryPath
        let collection = SpecCollection(paths: others, naming: { SpecPath.relative($0, to: directory) })
        collection.read(jobs: jobs, transform: transform, body)
        return collection.diagnostics
    }
}

/// `-` among the spec paths: one spec read from standard input, named `<stdin>` in reports and
/// diagnostics, read before the files (whatever its place among the paths), and once however often `-` is given.
enum StandardInputSpec {
    static let name = "<stdin>"

    /// The spec on standard input when `paths` holds `-`, and the other paths.
    static func split(_ paths: [String], input: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) -> (
        stdin: SpecFile?, others: [String]
    ) {
        let others = paths.filter { $0 != "-" }
        guard others.count < paths.count else { return (nil, paths) }
        return (SpecReader.read(bytes: [UInt8](input()), path: name), others)
    }
}
