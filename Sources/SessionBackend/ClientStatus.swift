/// A snapshot of a client: who is logged in, where it is, and when and how it was logged out.
public struct ClientStatus: Hashable, Sendable {
    /// The client's handle, as ``SessionBackend/openClient(_:channel:)`` returned it.
    public let id: ClientID
    /// What the client is: which browser, desktop app or phone app.
    public let kind: ClientKind
    /// What the device is doing now (active, idle, asleep, locked, in the background).
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
    /// Notifications a phone has shown, oldest first (the "Session Expired" ones among them).
    public var deviceNotifications: [DeviceNotification] = []
    /// The desktop app's taskbar / dock badge for this server once its session expired: "!" today
    /// (`desktop src/app/system/badge.ts`, since 2023-12: Windows overlay "!" "Session Expired:
    /// Please sign in to continue receiving notifications.", macOS dock "!"), "•" in the 2020 app
    /// (badge for an expired session, seen from the webview's `extra=expired`). `nil` for browsers
    /// and phones, and while signed in.
    public var badge: String?

    /// Whether it shows the login page (the login screen on a phone).
    public var isOnLoginPage: Bool { location.hasPrefix("/login") }
}

/// A notification a device showed.
public struct DeviceNotification: Hashable, Sendable {
    /// Who made it.
    public enum Source: String, Hashable, Sendable {
        /// The app scheduled it on the phone itself.
        case local
        /// The server sent it through the push proxy.
        case push
    }

    /// The notification's title, such as "Session Expired"; `nil` for one with a body only.
    public let title: String?
    /// The notification's text.
    public let body: String
    /// The instant it was shown, since the backend's origin.
    public let shownAt: Duration
    /// Whether the phone made it itself or the server pushed it.
    public let source: Source
    /// Whether it is a session-expired notification (push type `session`, or the app's own).
    public var isSessionExpiry: Bool { title == "Session Expired" || body.hasPrefix("Session Expired") }
}
