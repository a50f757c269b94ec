/// A session as the server serializes it (`model.Session`), e.g. in `GET /users/{id}/sessions`,
/// where `token` is blanked by `Sanitize()`.
public struct Session: Codable, Hashable, Sendable {
    public var id: String
    public var token: String
    public var createAt: Int64
    public var expiresAt: Int64
    public var lastActivityAt: Int64
    public var userID: String
    public var deviceID: String
    public var roles: String
    public var isOAuth: Bool
    public var expiredNotify: Bool
    public var props: [String: String]
    /// Always `null` in lists (no `omitempty` on the field).
    public var teamMembers: [String]?
    public var local: Bool

    enum CodingKeys: String, CodingKey {
        case id, token, roles, props, local
        case createAt = "create_at", expiresAt = "expires_at", lastActivityAt = "last_activity_at"
        case userID = "user_id", deviceID = "device_id", isOAuth = "is_oauth", expiredNotify = "expired_notify"
        case teamMembers = "team_members"
    }

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
