import ArgumentParser
import Foundation
import StepwiseModel
import StepwiseReporting

/// `stepwise merge`: joins the NDJSON event streams of several runs, such as CI shards, into one.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the event streams of several runs (for example CI shards) into one.",
        discussion: """
            Case IDs are renumbered across streams, and the runs' start and finish become one run \
            with combined counts. Render the result with `stepwise render`.

            Exit codes: 0 merged; 2 a stream is unreadable or not an event stream (the error names \
            its file:line); 64 usage error.
            """)

    @Argument(help: "NDJSON event streams written by `stepwise run --format ndjson` (- for standard input).")
    var streams: [String]

    @Option(name: .shortAndLong, help: "Where to write the merged stream (default: standard output).")
    var output: String?

    func validate() throws {
        guard !streams.isEmpty else { throw ValidationError("give at least one event stream to merge") }
        guard streams.count(where: { $0 == "-" }) <= 1 else {
            throw ValidationError("standard input (-) can be read only once")
        }
        if output == "" { throw ValidationError("--output is empty: give a file path, or leave it out for standard output") }
        if let output {
            do {
                try ReportRequest(format: .ndjson, destination: .path(output)).checkDestination()
            } catch let error as UsageError {
                throw ValidationError(error.description)
            }
        }
    }

    func run() throws {
        let inputs = try streams.map(StreamInput.read)
        // The same run twice (the same file, or a copy of it) would double every count silently.
        var seen: [String: String] = [:]
        for (stream, events) in zip(streams, inputs) {
            guard let runID = events.lazy.compactMap({ event -> String? in
                if case .runStarted(let started) = event { return started.runID } else { return nil }
            }).first else { continue }
            if let earlier = seen[runID] {
                StandardStreams.write(
                    "\(stream):1:1: error: this is the same run as \(earlier) (run \(runID)): merging a run with itself would count every case twice\n"
                        + "    hint: merge the streams of different runs, such as one per CI shard\n",
                    to: .error)
                throw StreamInput.invalidStreamExitCode
            }
            seen[runID] = stream
        }
        let merged = StreamMerger.merge(inputs)
        let encoder = EventStream.makeEncoder()
        var text = ""
        for event in merged { text += try EventStream.line(for: event, encoder: encoder) + "\n" }
        if let output {
            try AtomicFile.write(text, to: output)
        } else {
            StandardStreams.write(text, to: .output)
        }
    }
}

/// Reading saved streams for the commands that take them, with the exit code for a bad one.
enum StreamInput {
    /// The exit code for an unreadable or invalid stream.
    static let invalidStreamExitCode = ExitCode(ExitStatus.specOrBindingError)

    static func read(_ path: String) throws -> [Event] {
        do {
            return try SavedStream.read(path: path)
        } catch let error as SavedStream.ReadError {
            StandardStreams.write(error.description + "\n", to: .error)
            throw invalidStreamExitCode
        }
    }
}
