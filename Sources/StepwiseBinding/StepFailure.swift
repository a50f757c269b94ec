import StepwiseModel

/// A failure a definition raises: a message and the Swift line that raised it.
///
/// Throw it to stop the item at once (`throw StepFailure("no user named \(name)")`), or record one
/// without stopping with ``StepContext/fail(_:fileID:line:)``; any other error thrown fails the item too.
public struct StepFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as the report shows it.
    public var message: String
    /// Where it was raised in Swift.
    public var location: SourceLocation?

    /// A failure with that message, located at the Swift line that makes it.
    public init(_ message: String, fileID: String = #fileID, line: Int = #line) {
        self.message = message
        self.location = SourceLocation(file: fileID, line: line)
    }

    package init(message: String, location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    /// The failure a fresh snippet throws until it is written.
    public static func pending(fileID: String = #fileID, line: Int = #line) -> StepFailure {
        StepFailure("this definition is not written yet", fileID: fileID, line: line)
    }

    public var description: String { message }
}
