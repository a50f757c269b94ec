/// A user as `GET /api/v4/users/{id}` and the login response send it: sanitized (no password, no
/// MFA secret), with Mattermost's snake_case keys.
public struct User: Codable, Hashable, Sendable {
    public var id: String
    public var createAt: Int64
    public var updateAt: Int64
    public var deleteAt: Int64
    public var username: String
    public var authService: String
    public var email: String
    public var emailVerified: Bool
    public var nickname: String
    public var firstName: String
    public var lastName: String
    public var position: String
    /// Space-separated role ids, e.g. "system_user system_admin".
    public var roles: String
    public var locale: String
    public var mfaActive: Bool
    public var lastPasswordUpdate: Int64

    enum CodingKeys: String, CodingKey {
        case id, username, email, nickname, position, roles, locale
        case createAt = "create_at", updateAt = "update_at", deleteAt = "delete_at"
        case authService = "auth_service", emailVerified = "email_verified"
        case firstName = "first_name", lastName = "last_name"
        case mfaActive = "mfa_active", lastPasswordUpdate = "last_password_update"
    }

    /// Whether `roles` contains `system_admin`.
    public var isSystemAdmin: Bool { roles.split(separator: " ").contains("system_admin") }
    /// Whether the user is deactivated (`delete_at` set).
    public var isDeactivated: Bool { deleteAt != 0 }
}
