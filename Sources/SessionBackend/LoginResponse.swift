/// A successful login: the token (the `Token` header) and the sanitized user (the body).
public struct LoginResponse: Hashable, Sendable {
    /// The session token: the `Token` header and the `MMAUTHTOKEN` cookie; send it as the bearer
    /// token of later calls.
    public let token: String
    /// The id of the session the login made (what the revoke endpoints name), not its token.
    public let sessionID: String
    /// The session's CSRF token (the `MMCSRF` cookie), which a request authenticated by cookie
    /// sends as `X-CSRF-Token` on anything but a GET.
    public let csrf: String
    /// The user who logged in, sanitized.
    public let user: User
}
