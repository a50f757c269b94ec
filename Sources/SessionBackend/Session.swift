/// A session as the server serializes it (`model.Session`), e.g. in `GET /users/{id}/sessions`,
/// where `token` is blanked by `Sanitize()`.
public struct Session: Codable, Hashable, Sendable {
    /// The session's id: what the revoke endpoints name, never a credential (`id`).
    public var id: String
    /// The token clients send; "" in lists, where the server blanks it (`token`).
    public var token: String
    /// When the session was made (the login), in epoch milliseconds (`create_at`).
    public var createAt: Int64
    /// When the session ends, in epoch milliseconds, from the session length of its kind, web,
    /// mobile or SSO (`expires_at`); activity may push it later.
    public var expiresAt: Int64
    /// The session's last request, in epoch milliseconds (`last_activity_at`).
    public var lastActivityAt: Int64
    /// The id of the user it belongs to (`user_id`).
    public var userID: String
    /// The phone's push device id, "<platform>:<device token>"; "" for browsers and the desktop app
    /// (`device_id`).
    public var deviceID: String
    /// The user's roles when the session was made, space-separated (`roles`).
    public var roles: String
    /// Whether it is the session of an OAuth 2.0 app's access token (`is_oauth`).
    public var isOAuth: Bool
    /// Whether the ExpiryNotify job already pushed "Session Expired" for it (`expired_notify`).
    public var expiredNotify: Bool
    /// What the server derived at login: `platform`, `os`, `browser`, `isMobile`, `isSaml`,
    /// `isOAuthUser`, `is_guest`, `csrf` and, for tokens and bots, `type` and `is_bot` (`props`).
    public var props: [String: String]
    /// Always `null` in lists (no `omitempty` on the field).
    public var teamMembers: [String]?
    /// Whether it is a local-mode (socket) session; always false in the fake (`local`).
    public var local: Bool

    enum CodingKeys: String, CodingKey {
        case id, token, roles, props, local
        case createAt = "create_at", expiresAt = "expires_at", lastActivityAt = "last_activity_at"
        case userID = "user_id", deviceID = "device_id", isOAuth = "is_oauth", expiredNotify = "expired_notify"
        case teamMembers = "team_members"
    }

    /// Encodes it as the server does, with `team_members` written even when `nil`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(token, forKey: .token)
        try container.encode(createAt, forKey: .createAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(lastActivityAt, forKey: .lastActivityAt)
        try container.encode(userID, forKey: .userID)
        try container.encode(deviceID, forKey: .deviceID)
        try container.encode(roles, forKey: .roles)
        try container.encode(isOAuth, forKey: .isOAuth)
        try container.encode(expiredNotify, forKey: .expiredNotify)
        try container.encode(props, forKey: .props)
        // `SqlSessionStore.GetSessions` fills the user's team members (an array); the fake has no
        // teams, so the array is empty. `nil` encodes as null, as a session outside a list does.
        try container.encode(teamMembers, forKey: .teamMembers)
        try container.encode(local, forKey: .local)
    }

    /// Whether the server counts it as a mobile session (`IsMobileApp()`).
    public var isMobileApp: Bool { !deviceID.isEmpty || props["isMobile"] == "true" }
}
