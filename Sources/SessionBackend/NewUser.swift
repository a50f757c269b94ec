/// What it takes to create a user in the fake (the admin's "create user" or an SSO/LDAP sync).
public struct NewUser: Sendable {
    /// The username, unique on the server (compared in lower case).
    public var username: String
    /// The email address, unique on the server; `<username>@example.com` unless given.
    public var email: String
    /// The password for email/username sign-in; ignored for SSO users.
    public var password: String
    /// The system roles, `[.systemUser]` by default.
    public var roles: [Role]
    /// How the user signs in: a password kept by Mattermost, LDAP, SAML or an OAuth provider.
    public var authService: AuthService
    /// The first name, empty by default.
    public var firstName: String
    /// The last name, empty by default.
    public var lastName: String
    /// The nickname, empty by default.
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
