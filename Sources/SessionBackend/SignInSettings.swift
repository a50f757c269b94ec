/// Which sign-in methods the server allows (`EmailSettings`, `LdapSettings`, `SamlSettings`, the
/// OAuth providers' `Enable`): they decide which login calls work and which masked error a failed
/// login gets.
public struct SignInSettings: Hashable, Sendable {
    /// `EmailSettings.EnableSignInWithEmail`: users may sign in with their email and password.
    public var enableSignInWithEmail: Bool
    /// `EmailSettings.EnableSignInWithUsername`: users may sign in with their username and
    /// password.
    public var enableSignInWithUsername: Bool
    /// LDAP, SAML and the OAuth providers that are switched on.
    public var enabledServices: Set<AuthService>

    /// A server with email and username sign-in and nothing else (a new install).
    public init(enableSignInWithEmail: Bool = true, enableSignInWithUsername: Bool = true,
                enabledServices: Set<AuthService> = []) {
        self.enableSignInWithEmail = enableSignInWithEmail
        self.enableSignInWithUsername = enableSignInWithUsername
        self.enabledServices = enabledServices.subtracting([.email])
    }

    /// Every method MM-T938 names: email or username with a password, LDAP, SAML, GitLab, Google,
    /// Office 365 and OpenID Connect.
    public static let everyMethod = SignInSettings(enabledServices: Set(AuthService.allCases))

    var anySSOEnabled: Bool { enabledServices.contains { $0.isSSO } }
}
