/// How the fake is built: the Mattermost release it models, the settings it starts with (a new
/// install's defaults), seeds and planted faults.
public struct BackendConfiguration: Sendable {
    /// The release modelled: server rules, console, clients (see `MattermostVersion`).
    public var version: MattermostVersion
    /// The `config.json` values the server starts with (the console can change them later).
    public var settings: ServerSettings
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
    public var permissionRule: PermissionRule
    /// Whether a revoke invalidates the user's open websocket connections on this node: v5/v6's
    /// `ClearSessionCacheForUser` called `InvalidateWebConnSessionCacheForUser` on the originating
    /// node; today's `platform.ClearUserSessionCache` clears only the local cache and only *remote*
    /// nodes invalidate their WebConns (`ClusterEventClearSessionCacheForUser`, upstream MM-68543),
    /// so on one node a revoked socket keeps answering pings until the client's next REST call.
    public var websocketInvalidatedOnRevoke: Bool
    /// Client timings (see `ClientTiming`).
    public var clientTiming: ClientTiming
    /// Seed for timing randomness (phases, jitter), so a run is reproducible.
    public var seed: UInt64 = 938
    /// Seed for identifiers, tokens and device ids; `nil` (the default) draws them from the
    /// system's secure generator, as the server does. A test harness sets it so that the ids it
    /// reports are the same on every run.
    public var identifierSeed: UInt64?
    /// Planted faults, none by default.
    public var faults: Set<PlantedFault> = []

    /// A new install of `version` (default: the current release); `upgraded` gives the defaults an
    /// upgraded config gets instead (`ServerSettings.defaults`).
    public init(version: MattermostVersion = .current, upgraded: Bool = false) {
        self.version = version
        settings = .defaults(for: version, upgraded: upgraded)
        permissionRule = version.permissionRule
        websocketInvalidatedOnRevoke = version != .current
        clientTiming = ClientTiming(version: version)
    }

    func has(_ fault: PlantedFault) -> Bool { faults.contains(fault) }
}
