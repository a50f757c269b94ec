/// How a user authenticates: the user's `auth_service` (empty for email/username and password).
public enum AuthService: String, CaseIterable, Codable, Hashable, Sendable {
    /// Email or username and a password kept by Mattermost (`auth_service` is "").
    case email = ""
    /// AD/LDAP: the password is checked against the directory, through `/users/login`
    /// (`auth_service` "ldap").
    case ldap
    /// SAML single sign-on, through the identity provider's redirect.
    case saml
    /// GitLab OAuth single sign-on.
    case gitlab
    /// Google OAuth single sign-on.
    case google
    /// Office 365 (Entra ID) OAuth single sign-on.
    case office365
    /// OpenID Connect single sign-on.
    case openid

    /// SAML and the OAuth providers sign in through a redirect, never through `/users/login`.
    public var isSSO: Bool {
        switch self {
        case .saml, .gitlab, .google, .office365, .openid: true
        case .email, .ldap: false
        }
    }

    /// The OAuth-based single sign-on providers (`props.isOAuthUser` is "true" for these).
    public var isOAuthProvider: Bool {
        switch self {
        case .gitlab, .google, .office365, .openid: true
        default: false
        }
    }

    /// The name a login page shows on its button, e.g. "GitLab".
    public var displayName: String {
        switch self {
        case .email: "Email"
        case .ldap: "AD/LDAP"
        case .saml: "SAML"
        case .gitlab: "GitLab"
        case .google: "Google"
        case .office365: "Office 365"
        case .openid: "OpenID Connect"
        }
    }
}
