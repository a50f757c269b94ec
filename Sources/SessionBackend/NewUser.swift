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
