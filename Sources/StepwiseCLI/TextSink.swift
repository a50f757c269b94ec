import Foundation

/// Where a command writes text: standard output, standard error, or a buffer in tests.
struct TextSink: Sendable {
    let write: @Sendable (String) -> Void

    static let standardOutput = TextSink { FileHandle.standardOutput.write(Data($0.utf8)) }
    static let standardError = TextSink { FileHandle.standardError.write(Data($0.utf8)) }
}
