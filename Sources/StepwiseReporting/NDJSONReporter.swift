import Foundation
import StepwiseModel

/// Writes the event stream itself, one JSON object per line (`--format ndjson`).
///
/// To standard output, each line is written as it happens; to a file, the whole stream is
/// written atomically when the run finishes.
public final class NDJSONReporter: Reporter {
    private let destination: ReportDestination
    private let synced: Bool
    private var buffer = Data()

    /// A reporter writing the stream to `destination`; to a file, `synced: false` does not wait
    /// for the data to reach the disk (see ``AtomicFile/write(_:to:synced:)``).
    public init(destination: ReportDestination, synced: Bool = true) {
        self.destination = destination
        self.synced = synced
    }

    public func receive(_ event: Event) throws {
        // The bytes `EventStream.makeEncoder()` writes, written straight from the event's fields.
        var line = try event.jsonLine()
        line.append(UInt8(ascii: "\n"))
        switch destination {
        case .standardOutput: StandardStreams.write(Data(line), to: .output)
        case .path: buffer.append(contentsOf: line)
        }
    }

    public func finish() throws {
        guard case .path(let path) = destination else { return }
        try AtomicFile.write(buffer, to: path, synced: synced)
    }
}
