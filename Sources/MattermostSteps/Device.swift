import SessionBackend

/// One device a test user signed in on for the case: what it is, how it was signed in, what its
/// user does while the revoke happens, and the token it got.
public struct Device: Sendable {
    /// What the device is doing when the sessions are revoked.
    public enum Posture: String, Sendable, CaseIterable {
        /// A computer awake with Mattermost on screen, nobody touching it.
        case awake = "idle"
        /// A computer asleep; the tester wakes it to look.
        case asleep
        /// A phone unlocked with the app in front, nobody touching it.
        case unlocked
        /// A phone with its screen locked; the tester unlocks it to look.
        case screenLocked = "screen locked"

        /// Whether nobody can see it until the tester wakes or unlocks it.
        public var isDormant: Bool { self == .asleep || self == .screenLocked }
    }

    /// What the user of the device does after the revoke.
    public enum Behaviour: Sendable, Equatable {
        /// Leaves it alone: the client must notice by itself.
        case untouched
        /// Switches channel, posts or opens a menu: the client must notice at once.
        case interacts(Interaction)
    }

    /// The device's client in the case's ``/SessionBackend/SessionBackend``.
    public let client: ClientID
    /// What the device is: a browser on a system, the desktop app or a phone app.
    public let kind: ClientKind
    /// The test user signed in on it.
    public let username: String
    /// How the user signed in: email/password, SAML, LDAP or OAuth.
    public let method: LoginMethod
    /// What the device is doing while the sessions are revoked.
    public let posture: Posture
    /// What its user does after the revoke.
    public let behaviour: Behaviour
    /// The token of the session the device got at sign-in (kept to probe it after the revoke).
    public let token: String
    /// The id of that session, as the revoke endpoints and the sessions list name it.
    public let sessionID: String

    /// "Chrome on Windows (idle)", "iOS RN app (screen locked)", "Desktop app on Mac (asleep)".
    public var label: String {
        let name: String =
            switch kind {
            case .mobileApp(let os, let generation): "\(os.rawValue) \(generation.rawValue) app"
            default: kind.description
            }
        return "\(name) (\(posture.rawValue))"
    }

    /// The label with whose session it is: "Chrome on Windows (idle), samuel.email by email/password".
    public var fullLabel: String { "\(label), \(username) by \(method)" }
}
