import SessionBackend

/// Something the console refused or could not do, in the words a tester would use.
public struct ConsoleError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    /// The server's error, when the server said no.
    public let serverError: AppError?

    init(_ message: String, serverError: AppError? = nil) {
        self.message = message
        self.serverError = serverError
    }

    public var description: String { message }
}
