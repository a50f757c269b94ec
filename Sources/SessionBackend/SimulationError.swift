/// A request the simulation cannot honour, such as putting a phone to sleep or opening Safari on
/// Windows. The message says what and why.
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was asked and why the simulation cannot do it, such as "Safari on Windows does not
    /// exist: Safari runs only on a Mac".
    public let message: String
    /// The ``message``.
    public var description: String { message }
}
