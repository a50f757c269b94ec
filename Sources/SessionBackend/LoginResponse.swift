/// A successful login: the token (the `Token` header) and the sanitized user (the body).
public struct LoginResponse: Hashable, Sendable {
    public let token: String
    public let sessionID: String
    public let csrf: String
    public let user: User
}
