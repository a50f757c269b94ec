/// One row of `GET /api/v4/reports/users`, the list behind System Console > Users (v9.5+): the
/// user's fields plus activity figures.
public struct UserReport: Codable, Hashable, Sendable {
    public var id: String
    public var username: String
    public var email: String
    public var firstName: String
    public var lastName: String
    public var nickname: String
    public var roles: String
    public var authService: String
    public var mfaActive: Bool
    public var createAt: Int64
    public var deleteAt: Int64
    public var lastLoginAt: Int64
    public var lastStatusAt: Int64
    public var lastPostDate: Int64
    public var daysActive: Int
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
    public var isSystemAdmin: Bool { roles.split(separator: " ").contains("system_admin") }
    public var isGuest: Bool { roles.split(separator: " ").contains("system_guest") }
    public var isDeactivated: Bool { deleteAt != 0 }
}
