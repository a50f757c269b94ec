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

/// What it takes to create a user in the fake (the admin's "create user" or an SSO/LDAP sync).
public struct NewUser: Sendable {
    public var username: String
    public var email: String
    public var password: String
    public var roles: [Role]
    public var authService: AuthService
    public var firstName: String
    public var lastName: String
    public var nickname: String
    /// Turns MFA on with a fresh secret; read codes with `SessionBackend.currentMFACode(for:)`.
    public var mfaActive: Bool

    /// A user; `password` is ignored for SSO users, who never type one into Mattermost.
    public init(username: String, email: String? = nil, password: String = "Passw0rd!", roles: [Role] = [.systemUser],
                authService: AuthService = .email, firstName: String = "", lastName: String = "", nickname: String = "",
                mfaActive: Bool = false) {
        self.username = username
        self.email = email ?? "\(username)@example.com"
        self.password = password
        self.roles = roles
        self.authService = authService
        self.firstName = firstName
        self.lastName = lastName
        self.nickname = nickname
        self.mfaActive = mfaActive
    }
}

/// The stored user, with the secrets the public `User` leaves out.
struct UserRecord: Sendable {
    let id: MattermostID
    let createAt: Int64
    var updateAt: Int64
    var deleteAt: Int64 = 0
    var username: String
    var email: String
    var password: String
    var roles: [Role]
    var authService: AuthService
    var firstName: String
    var lastName: String
    var nickname: String
    var mfaSecret: UInt64?
    var lastPasswordUpdate: Int64
    /// Set by the `login-after-revoke-fails` fault only.
    var lockedByRevoke = false

    var rolesString: String { roles.map(\.rawValue).joined(separator: " ") }
    var isSystemAdmin: Bool { roles.contains(.systemAdmin) }
    var isGuest: Bool { roles.contains(.systemGuest) }

    var publicUser: User {
        User(id: id.description, createAt: createAt, updateAt: updateAt, deleteAt: deleteAt, username: username,
             authService: authService.rawValue, email: email, emailVerified: true, nickname: nickname,
             firstName: firstName, lastName: lastName, position: "", roles: rolesString, locale: "en",
             mfaActive: mfaSecret != nil, lastPasswordUpdate: lastPasswordUpdate)
    }
}
