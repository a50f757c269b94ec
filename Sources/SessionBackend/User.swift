/// A user as `GET /api/v4/users/{id}` and the login response send it: sanitized (no password, no
/// MFA secret), with Mattermost's snake_case keys.
public struct User: Codable, Hashable, Sendable {
    /// The user's 26-character id (`id`).
    public var id: String
    /// When the account was made, in epoch milliseconds (`create_at`).
    public var createAt: Int64
    /// When the account last changed, in epoch milliseconds (`update_at`).
    public var updateAt: Int64
    /// When the account was deactivated, in epoch milliseconds; 0 while it is active (`delete_at`).
    public var deleteAt: Int64
    /// The username, in lower case (`username`).
    public var username: String
    /// How the user signs in, as the server spells it: "" for a password kept by Mattermost, else
    /// an ``AuthService`` raw value (`auth_service`).
    public var authService: String
    /// The email address, in lower case (`email`).
    public var email: String
    /// Whether the address was verified (`email_verified`).
    public var emailVerified: Bool
    /// The nickname (`nickname`).
    public var nickname: String
    /// The first name (`first_name`).
    public var firstName: String
    /// The last name (`last_name`).
    public var lastName: String
    /// The job title (`position`).
    public var position: String
    /// Space-separated role ids, e.g. "system_user system_admin".
    public var roles: String
    /// The interface language; always "en" in the fake (`locale`).
    public var locale: String
    /// Whether multi-factor authentication is on for the account (`mfa_active`).
    public var mfaActive: Bool
    /// When the password last changed, in epoch milliseconds (`last_password_update`).
    public var lastPasswordUpdate: Int64

    enum CodingKeys: String, CodingKey {
        case id, username, email, nickname, position, roles, locale
        case createAt = "create_at", updateAt = "update_at", deleteAt = "delete_at"
        case authService = "auth_service", emailVerified = "email_verified"
        case firstName = "first_name", lastName = "last_name"
        case mfaActive = "mfa_active", lastPasswordUpdate = "last_password_update"
    }

    /// Whether `roles` contains `system_admin`.
    public var isSystemAdmin: Bool { roles.containsWord("system_admin") }
    /// Whether the user is deactivated (`delete_at` set).
    public var isDeactivated: Bool { deleteAt != 0 }
}
