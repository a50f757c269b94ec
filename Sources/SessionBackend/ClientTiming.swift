/// How clients find out that their session is gone, with the constants of Mattermost's clients.
/// Every range is sampled from the backend's seeded generator.
public struct ClientTiming: Hashable, Sendable {
    /// The webapp's websocket ping (`clientPingInterval`, 30000 ms in `platform/client/src/websocket.ts`).
    public var websocketPingInterval: Duration = .seconds(30)
    /// Delay before a dropped websocket reconnects: `minWebSocketRetryTime` 3000 ms plus up to
    /// `reconnectJitterRange` 2000 ms. The reconnect's REST resync (`websocket_actions.reconnect()`)
    /// is what meets the 401.
    public var websocketReconnectDelay: ClosedRange<Duration> = .seconds(3) ... .seconds(5)
    /// `startPeriodicStatusUpdates`: statuses are fetched over REST every `Constants.STATUS_INTERVAL`
    /// (60000 ms; the same interval on mobile is UNVERIFIED). `nil`: no poll runs, as in today's
    /// webapp, where `actions/status_actions.ts` keeps `startPeriodicStatusUpdates` but nothing
    /// calls it (the 2020 `needs_team` did).
    public var statusPollInterval: Duration? = .seconds(60)
    /// A computer that wakes needs its network back before the dead socket closes and reconnects
    /// (INFERRED; a second or two on a laptop's Wi-Fi).
    public var networkResumeDelay: ClosedRange<Duration> = .seconds(1) ... .seconds(2)
    /// The mobile app closes its websocket this long after going to the background (`WAIT_TO_CLOSE`).
    public var mobileBackgroundSocketClose: Duration = .seconds(15)
    /// From the app coming to the foreground to the first REST call of `WebsocketManager.openAll()`
    /// and its reconnect sync (INFERRED).
    public var mobileForegroundResyncDelay: ClosedRange<Duration> = .milliseconds(500) ... .seconds(2)
    /// Whether going inactive (screen lock, home button) calls `GET users/me/sessions` from
    /// `SessionManager.scheduleAllSessionNotifications()`, so a phone locked after the revoke is
    /// logged out at once. Chosen on, as the mobile source reads (INFERRED).
    public var mobileInactiveSessionCheck = true
    /// Whether a phone coming to the foreground resyncs over REST (and meets the 401). The 2020
    /// apps did (INFERRED); today's `WebsocketManager.openAll` reconnects only a closed socket and,
    /// with reliable websockets, the resync waits for a HELLO an unauthenticated socket never gets
    /// (`mobile:app/managers/websocket_manager.ts`), so nothing is noticed on unlocking.
    public var mobileForegroundResync = true
    /// Where a phone app lands after a forced logout: `/login` for the 2020 apps (INFERRED); today
    /// `SessionManager.onLogout` relaunches to `/(unauthenticated)/server`, the server screen
    /// (`mobile:app/managers/session_manager.ts`, `launch.ts`), with no alert.
    public var mobileLogoutLocation = "/login"

    /// The clients of the 2020 releases (the webapp with its status poll, the first-generation apps).
    public init() {}

    /// The clients `version` shipped with.
    public init(version: MattermostVersion) {
        if version == .current {
            statusPollInterval = nil
            mobileForegroundResync = false
            mobileLogoutLocation = "/(unauthenticated)/server"
        }
    }

    /// The latest an idle, awake client can detect a revoke when its socket is invalidated: the
    /// next ping plus the slowest reconnect, or the next status poll, whichever comes first at worst.
    public var idleDetectionBound: Duration {
        let ping = websocketPingInterval + websocketReconnectDelay.upperBound
        return statusPollInterval.map { min(ping, $0) } ?? ping
    }
}
