/// An in-memory Mattermost server, as far as sessions go: users and their sign-in methods, login
/// producing sessions with the server's fields, validation on every request with the server's 401,
/// the revoke endpoints with their permission rules and 403s, and the clients (browsers, desktop
/// and mobile apps) that hold those sessions and notice, on the injected clock, when they end.
///
/// Every REST endpoint is a typed method returning `Result<Body, AppError>`; `handle(_:)` serves
/// the same endpoints as HTTP requests and responses with Mattermost's JSON bodies.
public actor SessionBackend {
    let timeline: Timeline
    /// The settings it was made with (planted faults included).
    public nonisolated let configuration: BackendConfiguration
    /// The server's `config.json` values now: they start as `configuration.settings` and change
    /// when an admin saves a System Console page.
    public internal(set) var settings: ServerSettings

    var users: [MattermostID: UserRecord] = [:]
    var userIDsByUsername: [String: MattermostID] = [:]
    var userIDsByEmail: [String: MattermostID] = [:]
    /// The Sessions table and, through `cachedUntil`, the session cache: keyed by token.
    var sessions = SessionTable()
    var tokensByUser: [MattermostID: [MattermostID]] = [:]
    /// Cache entries that outlived their rows: only filled by the `session-cache-not-invalidated` fault.
    var staleCache: [MattermostID: SessionRecord] = [:]
    /// Device ids of the sessions that have one (phones), by token.
    var deviceIDs: [MattermostID: String] = [:]
    /// Role strings, interned: sessions refer to them by index.
    var roleSets: [String] = []
    var roleSetIndex: [String: UInt16] = [:]
    var extraPermissions: [Role: Set<Permission>] = [:]
    /// What each interned role set grants, by its index (`nil`: not worked out since the last grant).
    var permissionsByRoleSet: [Set<Permission>?] = []

    /// The emails the server sent, oldest first.
    public internal(set) var outbox: [SentEmail] = []
    /// Personal access tokens by token (`UserAccessTokens` table), OAuth 2.0 access data by access
    /// token (`OAuthAccessData`), and which users are bots.
    var userAccessTokens: [MattermostID: UserAccessTokenRecord] = [:]
    var oauthAccessData: [MattermostID: MattermostID] = [:]
    var bots: Set<MattermostID> = []
    /// Whether an Enterprise licence is loaded (`POST /api/v4/license`); none on a new install.
    public internal(set) var isLicensed = false
    /// The team and channel members whose membership has `scheme_admin` (team admin of the one
    /// team, channel admin of town-square), and those whose membership has `scheme_guest`.
    var teamAdmins: Set<MattermostID> = []
    var channelAdmins: Set<MattermostID> = []
    var guestMemberships: Set<MattermostID> = []

    var clients = ClientTable()
    /// DM channels, by id.
    var channels: [MattermostID: ChannelRecord] = [:]
    /// The next run of the ExpiryNotify job.
    var nextExpiryNotifyJob: Duration = SessionBackend.expiryNotifyInterval
    var nextClientNumber = 1
    var identifiers: IdentifierSource

    /// A backend whose time comes from `clock`; `epochMilliseconds` is the wall time its first
    /// instant stands for (`create_at` and other timestamps count from there).
    public init<C: Clock>(clock: C, epochMilliseconds: Int64 = 1_718_000_000_000,
                          configuration: BackendConfiguration = BackendConfiguration()) where C.Duration == Duration {
        self.timeline = Timeline(clock: clock, epochMilliseconds: epochMilliseconds)
        self.configuration = configuration
        var settings = configuration.settings
        if configuration.has(.extendOffOnNewInstall) { settings.extendSessionLengthWithActivity = false }
        self.settings = settings
        self.identifiers = IdentifierSource(seed: configuration.identifierSeed)
    }

    /// The instant it is now on the backend's clock, measured from its creation.
    public var now: Duration { timeline.now }

    /// The epoch milliseconds of an instant measured from the backend's creation.
    public nonisolated func milliseconds(at instant: Duration) -> Int64 { timeline.milliseconds(at: instant) }

    // MARK: Users

    /// Creates a user (what the admin's "Create user", an LDAP sync or an SSO sign-up would do).
    @discardableResult
    public func createUser(_ new: NewUser) -> User {
        let id = MattermostID.random(using: &identifiers)
        let stamp = timeline.milliseconds(at: now)
        var record = UserRecord(id: id, createAt: stamp, updateAt: stamp, username: new.username.lowercased(),
                                email: new.email.lowercased(), password: new.password, roles: new.roles,
                                authService: new.authService, firstName: new.firstName, lastName: new.lastName,
                                nickname: new.nickname, lastPasswordUpdate: stamp)
        if new.mfaActive {
            record.mfaSecret = identifiers.next()
        }
        if !record.roles.contains(.systemUser) && !record.roles.contains(.systemGuest) {
            record.roles.insert(.systemUser, at: 0)
        }
        users[id] = record
        userIDsByUsername[record.username] = id
        userIDsByEmail[record.email] = id
        return record.publicUser
    }

    /// The user with that username, if any.
    public func user(named username: String) -> User? {
        userIDsByUsername[username.lowercased()].flatMap { users[$0]?.publicUser }
    }

    /// The user with that id, if any.
    public func user(id: String) -> User? {
        MattermostID(id).flatMap { users[$0]?.publicUser }
    }

    /// Deactivates or reactivates a user as the server does (see `updateActive`), without a caller.
    public func setActive(_ active: Bool, userID: String) {
        catchUpClients()
        guard let id = MattermostID(userID), users[id] != nil else { return }
        applyActive(active, to: id)
    }

    /// Grants a role an extra permission, as an admin does in System Console > User Management >
    /// System Roles (e.g. `sysconsole_write_user_management_users` to the user manager).
    public func grant(_ permission: Permission, to role: Role) {
        extraPermissions[role, default: []].insert(permission)
        permissionsByRoleSet = []
    }

    /// The code the user's authenticator app shows now (a TOTP-like six digits, 30-second steps).
    public func currentMFACode(for userID: String) -> String? {
        guard let id = MattermostID(userID), let secret = users[id]?.mfaSecret else { return nil }
        return MFA.code(secret: secret, step: MFA.step(atMilliseconds: timeline.milliseconds(at: now)))
    }

    // MARK: Inspection

    /// Every session of a user, tokens included (a test's view of the Sessions table).
    public func storedSessions(ofUser userID: String) -> [Session] {
        guard let id = MattermostID(userID) else { return [] }
        return (tokensByUser[id] ?? []).compactMap { sessions[$0].map { publicSession($0, sanitized: false) } }
    }

    /// How many sessions the server holds.
    public var sessionCount: Int { sessions.count }

    func newRequestID() -> String { MattermostID.random(using: &identifiers).description }

    func publicSession(_ session: SessionRecord, sanitized: Bool) -> Session {
        session.publicSession(on: timeline, sanitized: sanitized, deviceID: deviceIDs[session.token] ?? "",
                              roles: roles(of: session))
    }

    func roles(of session: SessionRecord) -> String { roleSets[Int(session.roleSet)] }

    func internRoles(_ roles: String) -> UInt16 {
        if let index = roleSetIndex[roles] { return index }
        let index = UInt16(roleSets.count)
        roleSets.append(roles)
        roleSetIndex[roles] = index
        return index
    }
}
