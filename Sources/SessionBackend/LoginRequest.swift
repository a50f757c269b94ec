/// The body of `POST /api/v4/users/login`. Every value is a JSON string (`model.MapFromJSON`).
public struct LoginRequest: Hashable, Sendable {
    /// Email, username or LDAP id.
    public var loginID: String
    /// Alternative to `loginID`: the user's id.
    public var id: String
    /// The password as typed; checked against the directory for LDAP users.
    public var password: String
    /// The MFA code, when the user has MFA.
    public var token: String
    /// The mobile push device id, "<platform>:<device token>".
    public var deviceID: String
    /// "true" forces LDAP.
    public var ldapOnly: Bool

    /// A login body.
    public init(loginID: String = "", id: String = "", password: String, token: String = "", deviceID: String = "",
                ldapOnly: Bool = false) {
        self.loginID = loginID
        self.id = id
        self.password = password
        self.token = token
        self.deviceID = deviceID
        self.ldapOnly = ldapOnly
    }

    /// Reads the string map the server reads; non-string values are dropped, as `MapFromJSON` does.
    init(fields: [String: String]) {
        self.init(loginID: fields["login_id"] ?? "", id: fields["id"] ?? "", password: fields["password"] ?? "",
                  token: fields["token"] ?? "", deviceID: fields["device_id"] ?? "", ldapOnly: fields["ldap_only"] == "true")
    }
}
