/// A request the simulation cannot honour, such as putting a phone to sleep or opening Safari on
/// Windows. The message says what and why.
public struct SimulationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
