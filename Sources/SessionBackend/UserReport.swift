/// One row of `GET /api/v4/reports/users`, the list behind System Console > Users (v9.5+): the
/// user's fields plus activity figures.
public struct UserReport: Codable, Hashable, Sendable {
    /// The user's id (`id`).
    public var id: String
    /// The username (`username`).
    public var username: String
    /// The email address (`email`).
    public var email: String
    /// The first name (`first_name`).
    public var firstName: String
    /// The last name (`last_name`).
    public var lastName: String
    /// The nickname (`nickname`).
    public var nickname: String
    /// Space-separated system role ids, such as "system_user system_admin" (`roles`).
    public var roles: String
    /// How the user signs in: "" for a password kept by Mattermost, else an ``AuthService`` raw
    /// value (`auth_service`).
    public var authService: String
    /// Whether multi-factor authentication is on (`mfa_active`).
    public var mfaActive: Bool
    /// When the account was made, in epoch milliseconds (`create_at`).
    public var createAt: Int64
    /// When the account was deactivated, in epoch milliseconds; 0 while active (`delete_at`).
    public var deleteAt: Int64
    /// The user's last login, in epoch milliseconds; 0 if never (`last_login_at`).
    public var lastLoginAt: Int64
    /// The user's last status change, in epoch milliseconds; the fake takes the last login
    /// (`last_status_at`).
    public var lastStatusAt: Int64
    /// The user's last post, in epoch milliseconds; always 0 in the fake, which counts no posts
    /// here (`last_post_date`).
    public var lastPostDate: Int64
    /// On how many days the user was active; the fake says 1 once the user logged in, else 0
    /// (`days_active`).
    public var daysActive: Int
    /// How many posts the user made; always 0 in the fake (`total_posts`).
    public var totalPosts: Int

    enum CodingKeys: String, CodingKey {
        case id, username, email, nickname, roles
        case firstName = "first_name", lastName = "last_name", authService = "auth_service", mfaActive = "mfa_active"
        case createAt = "create_at", deleteAt = "delete_at", lastLoginAt = "last_login_at", lastStatusAt = "last_status_at"
        case lastPostDate = "last_post_date", daysActive = "days_active", totalPosts = "total_posts"
    }

    /// "First Last" when the user has a name, else the username (the console's display name).
    public var displayName: String {
        let name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? username : name
    }
    /// Whether ``roles`` contains `system_admin`.
    public var isSystemAdmin: Bool { roles.containsWord("system_admin") }
    /// Whether ``roles`` contains `system_guest`.
    public var isGuest: Bool { roles.containsWord("system_guest") }
    /// Whether the user is deactivated (``deleteAt`` set).
    public var isDeactivated: Bool { deleteAt != 0 }
}
