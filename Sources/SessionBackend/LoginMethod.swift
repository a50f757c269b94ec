/// How a person signs in, in the words of MM-T938: "email/password, SAML, LDAP, OAuth".
public enum LoginMethod: Hashable, Sendable, CustomStringConvertible {
    /// `POST /users/login` with the email as `login_id`.
    case emailPassword
    /// `POST /users/login` with the username as `login_id`.
    case usernamePassword
    /// `POST /users/login` with `ldap_only: "true"` (the AD/LDAP button).
    case ldap
    /// The SAML redirect flow (`/login/sso/saml`).
    case saml
    /// An OAuth provider's redirect flow (`/oauth/{service}/login`): GitLab, Google, Office 365, OpenID.
    case oauth(AuthService)

    /// Every method, one OAuth provider each.
    public static let all: [LoginMethod] = [.emailPassword, .usernamePassword, .ldap, .saml,
                                            .oauth(.gitlab), .oauth(.google), .oauth(.office365), .oauth(.openid)]

    /// The `auth_service` a user must have to sign in this way.
    public var authService: AuthService {
        switch self {
        case .emailPassword, .usernamePassword: .email
        case .ldap: .ldap
        case .saml: .saml
        case .oauth(let service): service
        }
    }

    public var description: String {
        switch self {
        case .emailPassword: "email/password"
        case .usernamePassword: "username/password"
        case .ldap: "LDAP"
        case .saml: "SAML"
        case .oauth(let service): "OAuth (\(service.displayName))"
        }
    }
}
