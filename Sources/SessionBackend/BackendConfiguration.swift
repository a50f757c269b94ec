/// The server settings the fake honours, with Mattermost's defaults for a new install.
public struct BackendConfiguration: Sendable {
    /// `ServiceSettings.SessionLengthWebInHours` (720 on a new install, 180 days on upgraded ones).
    public var sessionLengthWebInHours = 720
    /// `ServiceSettings.SessionLengthMobileInHours`.
    public var sessionLengthMobileInHours = 720
    /// `ServiceSettings.SessionLengthSSOInHours`.
    public var sessionLengthSSOInHours = 720
    /// `ServiceSettings.ExtendSessionLengthWithActivity` (on by default in recent releases).
    public var extendSessionLengthWithActivity = true
    /// `ServiceSettings.SessionIdleTimeoutInMinutes`; only applies when sessions are not extended
    /// with activity, and never to mobile sessions.
    public var sessionIdleTimeoutInMinutes = 43_200
    /// `ServiceSettings.SessionCacheInMinutes`: how long a validated token is served from memory.
    public var sessionCacheInMinutes = 10
    /// `model.SessionActivityTimeout`: `last_activity_at` moves at most this often.
    public var sessionActivityTimeout: Duration = .seconds(5 * 60)
    /// Sessions kept per user before the least recently used are revoked (`maxSessionsLimit`).
    public var maxSessionsPerUser = 500
    /// Sign-in methods.
    public var signIn = SignInSettings()
    /// `ServiceSettings.EnableMultifactorAuthentication`.
    public var enableMultifactorAuthentication = false
    /// `ServiceSettings.EnableDeveloper`: fills `detailed_error`.
    public var enableDeveloper = false
    /// Which permission rule "act on another user" follows.
    public var permissionRule = PermissionRule.current
    /// Whether a revoke invalidates the user's open websocket connections (v5/v6 and servers with
    /// the MM-68543 fix do; v8+ single nodes without it leave a revoked socket answering pings
    /// until the client's next REST call).
    public var websocketInvalidatedOnRevoke = true
    /// Client timings (see `ClientTiming`).
    public var clientTiming = ClientTiming()
    /// Seed for timing randomness (phases, jitter), so a run is reproducible.
    public var seed: UInt64 = 938
    /// Seed for identifiers, tokens and device ids; `nil` (the default) draws them from the
    /// system's secure generator, as the server does. A test harness sets it so that the ids it
    /// reports are the same on every run.
    public var identifierSeed: UInt64?
    /// Planted faults, none by default.
    public var faults: Set<PlantedFault> = []

    /// The defaults of a new install.
    public init() {}

    func has(_ fault: PlantedFault) -> Bool { faults.contains(fault) }
}
