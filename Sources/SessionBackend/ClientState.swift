/// What a device is doing while its session is revoked.
public enum ClientState: String, CaseIterable, Codable, Hashable, Sendable {
    /// In front of the user, who is using it (the step library drives the interactions).
    case active
    /// Visible and awake, nobody touching it: only its timers talk to the server.
    case idle
    /// A computer asleep (browser or desktop app): no timers run, the socket dies.
    case asleep
    /// A phone with its screen locked: the app is inactive, then in the background.
    case screenLocked
    /// A phone with the app in the background.
    case background

    var isForeground: Bool { self == .active || self == .idle }
}

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

/// A client's handle in the backend.
public struct ClientID: Hashable, Sendable, Comparable, CustomStringConvertible {
    let value: Int
    public static func < (lhs: ClientID, rhs: ClientID) -> Bool { lhs.value < rhs.value }
    public var description: String { "client-\(value)" }
}

/// An interaction a user makes in a client; each is a REST call with the client's session.
public enum Interaction: Hashable, Sendable {
    /// Switch to a channel of the current team (`GET /channels/{id}/posts`, view channel).
    case switchChannel(to: String)
    /// Post a message (`POST /posts`).
    case post(String)
    /// Open a menu that loads data (`GET /users/me/...`).
    case openMenu
}

/// A snapshot of a client: who is logged in, where it is, and when and how it was logged out.
public struct ClientStatus: Hashable, Sendable {
    public let id: ClientID
    public let kind: ClientKind
    public let state: ClientState
    /// The logged-in user, `nil` before login and after logout.
    public let userID: String?
    /// The session token it sends (`nil` once logged out).
    public let token: String?
    /// The page: a channel such as `/ad-1/channels/town-square`, or
    /// `/login?redirect_to=%2Fad-1%2Fchannels%2Ftown-square&extra=expired`.
    public let location: String
    /// The login page's banner, "Your session has expired. Please log in again." after a forced logout.
    public let banner: String?
    /// The browser or desktop notification shown on a forced logout.
    public let notification: String?
    /// The virtual instant (since the backend's origin) the client was sent to the login page.
    public let redirectedAt: Duration?
    /// What revealed the revoke.
    public let detection: Detection?

    /// Whether it shows the login page (the login screen on a phone).
    public var isOnLoginPage: Bool { location.hasPrefix("/login") }
}
