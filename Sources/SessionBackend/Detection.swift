/// What made a client meet the 401 that logged it out.
public enum Detection: String, Codable, Hashable, Sendable {
    /// A user action: switching channel, posting, opening a menu.
    case interaction
    /// The periodic status poll over REST.
    case statusPoll
    /// The REST resync after the websocket reconnected (after a failed ping, or on waking).
    case websocketReconnect
    /// The mobile app's session check when it went inactive.
    case inactiveCheck
    /// The mobile app's REST sync on coming to the foreground.
    case foreground
    /// The user logged out, or revoked their own sessions from the console.
    case userAction
}
