import SessionBackend

/// Something the console refused or could not do, in the words a tester would use.
public struct ConsoleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as the page says it or as a tester would, such as "No row for samuel in the
    /// users list".
    public let message: String
    /// The server's error, when the server said no.
    public let serverError: AppError?

    init(_ message: String, serverError: AppError? = nil) {
        self.message = message
        self.serverError = serverError
    }

    /// The ``message``.
    public var description: String { message }
}
