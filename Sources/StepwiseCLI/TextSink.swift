import StepwiseReporting
import Foundation

/// Where a command writes text: standard output, standard error, or a buffer in tests.
struct TextSink: Sendable {
    let write: @Sendable (String) -> Void

    static let standardOutput = TextSink { StandardStreams.write($0, to: .output) }
    static let standardError = TextSink { StandardStreams.write($0, to: .error) }
}
