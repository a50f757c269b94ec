import Foundation
import StepwiseModel

/// A reporter that folds the whole run and writes one document when it finishes.
///
/// To a path the document is written atomically; to standard output it is written in one go.
final class DocumentReporter: Reporter {
    private let destination: ReportDestination
    private let render: (RunRecord) throws -> Data
    private var fold = RunRecord.Fold()

    init(destination: ReportDestination, render: @escaping (RunRecord) throws -> Data) {
        self.destination = destination
        self.render = render
    }

    func receive(_ event: Event) throws {
        fold.apply(event)
    }

    func finish() throws {
        let data = try render(fold.record)
        switch destination {
        case .standardOutput: StandardStreams.write(data, to: .output)
        case .path(let path): try AtomicFile.write(data, to: path)
        }
    }
}
