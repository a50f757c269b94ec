/// The stored session. Props are typed fields, not a dictionary, and the two strings (device id,
/// roles) live beside it, so the record is plain data: copying it touches no reference counts and
/// 400,000 of them stay small. `publicSession` rebuilds the server's JSON shape.
struct SessionRecord: Sendable {
    let id: MattermostID
    let token: MattermostID
    let userID: MattermostID
    /// The four instants are kept as nanoseconds since the backend's origin (8 bytes, not a
    /// `Duration`'s 16: ±292 years, room for a personal access token's 100-year session).
    private let createNanoseconds: Int64
    private var expiresNanoseconds: Int64
    private var lastActivityNanoseconds: Int64
    private var cachedUntilNanoseconds: Int64
    let csrf: MattermostID
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
    /// `type` "UserAccessToken", and `is_bot` for a bot's.
    var isUserAccessToken = false
    var isBot = false
    /// `ExpiredNotify`: the ExpiryNotify job already pushed "Session Expired" for it.
    var expiredNotify = false

    init(id: MattermostID, token: MattermostID, userID: MattermostID, createAt: Duration, expiresAt: Duration,
         lastActivityAt: Duration, roleSet: UInt16, kind: ClientKind?, isMobile: Bool, isSaml: Bool, isOAuthUser: Bool,
         isGuest: Bool, csrf: MattermostID, cachedUntil: Duration) {
        (self.id, self.token, self.userID, self.csrf) = (id, token, userID, csrf)
        createNanoseconds = Self.nanoseconds(createAt)
        expiresNanoseconds = Self.nanoseconds(expiresAt)
        lastActivityNanoseconds = Self.nanoseconds(lastActivityAt)
        cachedUntilNanoseconds = Self.nanoseconds(cachedUntil)
        (self.roleSet, self.kind, self.isMobile, self.isSaml, self.isOAuthUser, self.isGuest) = (roleSet, kind, isMobile, isSaml, isOAuthUser, isGuest)
    }

    var createAt: Duration { .nanoseconds(createNanoseconds) }
    var expiresAt: Duration {
        get { .nanoseconds(expiresNanoseconds) }
        set { expiresNanoseconds = Self.nanoseconds(newValue) }
    }
    var lastActivityAt: Duration {
        get { .nanoseconds(lastActivityNanoseconds) }
        set { lastActivityNanoseconds = Self.nanoseconds(newValue) }
    }
    /// When the token's entry in the 10-minute session cache lapses (refreshed on every database read).
    var cachedUntil: Duration {
        get { .nanoseconds(cachedUntilNanoseconds) }
        set { cachedUntilNanoseconds = Self.nanoseconds(newValue) }
    }

    static func nanoseconds(_ instant: Duration) -> Int64 {
        let (seconds, attoseconds) = instant.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

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
