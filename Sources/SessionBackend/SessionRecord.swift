/// The stored session. Props are typed fields, not a dictionary, and the two strings (device id,
/// roles) live beside it, so the record is plain data: copying it touches no reference counts and
/// 400,000 of them stay small. `publicSession` rebuilds the server's JSON shape.
struct SessionRecord: Sendable {
    let id: MattermostID
    let token: MattermostID
    let userID: MattermostID
    let createAt: Duration
    var expiresAt: Duration
    var lastActivityAt: Duration
    /// Index into the backend's interned role strings ("system_user system_admin", ...).
    var roleSet: UInt16
    let kind: ClientKind?
    let isMobile: Bool
    let isSaml: Bool
    let isOAuthUser: Bool
    var isGuest: Bool
    /// `IsOAuth`: a session an OAuth 2.0 app holds for the user (its token is the access token).
    var isOAuth = false
    /// Made from a personal access token on its use (`createSessionForUserAccessToken`): props
    /// `type` "UserAccessToken", and `is_bot` for a bot's. These three flags sit in the padding
    /// before `csrf`, so the record stays 144 bytes.
    var isUserAccessToken = false
    var isBot = false
    /// `ExpiredNotify`: the ExpiryNotify job already pushed "Session Expired" for it.
    var expiredNotify = false
    let csrf: MattermostID
    /// When the token's entry in the 10-minute session cache lapses (refreshed on every database read).
    var cachedUntil: Duration

    func publicSession(on timeline: Timeline, sanitized: Bool, deviceID: String, roles: String) -> Session {
        var props = [
            "platform": kind?.platformProp ?? "Windows",  // the server's fallback for unknown agents
            "os": kind?.osProp ?? "",
            "browser": kind?.browserProp ?? "Unknown/0.0",
            "isMobile": String(isMobile),
            "isSaml": String(isSaml),
            "isOAuthUser": String(isOAuthUser),
            "is_guest": String(isGuest),
            "csrf": csrf.description,
        ]
        if isUserAccessToken { props["type"] = "UserAccessToken" }
        if isBot { props["is_bot"] = "true" }
        if kind == nil { props["os"] = "" }
        return Session(id: id.description, token: sanitized ? "" : token.description,
                       createAt: timeline.milliseconds(at: createAt), expiresAt: timeline.milliseconds(at: expiresAt),
                       lastActivityAt: timeline.milliseconds(at: lastActivityAt), userID: userID.description,
                       deviceID: deviceID, roles: roles, isOAuth: isOAuth, expiredNotify: expiredNotify, props: props,
                       teamMembers: [], local: false)
    }
}
