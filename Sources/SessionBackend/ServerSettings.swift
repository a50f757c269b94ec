/// The part of the server's `config.json` an admin changes in the System Console and the fakes
/// honour: System Console ➜ Environment ➜ Session Lengths, the password rules and email
/// verification. Read on every request, so a saved change applies from the next one (new lengths
/// from the next login or extension, as the console's help text says).
public struct ServerSettings: Hashable, Sendable {
    /// `ServiceSettings.ExtendSessionLengthWithActivity`; absent before v5.24 (then `false`).
    public var extendSessionLengthWithActivity: Bool
    /// `ServiceSettings.TerminateSessionsOnPasswordChange`; absent before MM-58560 (then `false`).
    public var terminateSessionsOnPasswordChange: Bool
    /// `ServiceSettings.SessionLengthWebInHours` (v5: `SessionLengthWebInDays` × 24).
    public var sessionLengthWebInHours: Int
    /// `ServiceSettings.SessionLengthMobileInHours` (v5: `SessionLengthMobileInDays` × 24).
    public var sessionLengthMobileInHours: Int
    /// `ServiceSettings.SessionLengthSSOInHours` (v5: `SessionLengthSSOInDays` × 24).
    public var sessionLengthSSOInHours: Int
    /// `ServiceSettings.SessionCacheInMinutes`.
    public var sessionCacheInMinutes: Int
    /// `ServiceSettings.SessionIdleTimeoutInMinutes`: applies only when sessions are not extended
    /// with activity, and never to mobile sessions.
    public var sessionIdleTimeoutInMinutes: Int
    /// `PasswordSettings.MinimumLength`.
    public var passwordMinimumLength: Int
    /// `EmailSettings.RequireEmailVerification` (default `false`).
    public var requireEmailVerification: Bool
    /// `TeamSettings.SiteName`.
    public var siteName: String
    /// `ServiceSettings.EnableUserAccessTokens` (default `false`): personal access tokens.
    public var enableUserAccessTokens = false
    /// `GuestAccountsSettings.Enable` (default `false`, `model/config.go GuestAccountsSettings.SetDefaults`).
    public var enableGuestAccounts = false

    /// The defaults `model/config.go` writes: `ServiceSettings.SetDefaults(isUpdate)` fills a new
    /// install with 30 days (720 h) for web and mobile and "Extend session length with activity"
    /// on; an existing config without the keys (`isUpdate`, an upgrade) gets 180 days for web and
    /// mobile and the setting off ("Must be manually enabled for existing installations."). SSO is
    /// 30 days either way; the cache 10 minutes; the idle timeout 43,200 minutes.
    /// `TerminateSessionsOnPasswordChange` is `!isUpdate` too (MM-58560).
    public static func defaults(for version: MattermostVersion, upgraded: Bool = false) -> ServerSettings {
        let days = upgraded ? 180 : 30
        return ServerSettings(
            extendSessionLengthWithActivity: version.hasExtendSessionLengthWithActivity && !upgraded,
            terminateSessionsOnPasswordChange: version.hasTerminateSessionsOnPasswordChange && !upgraded,
            sessionLengthWebInHours: days * 24, sessionLengthMobileInHours: days * 24, sessionLengthSSOInHours: 30 * 24,
            sessionCacheInMinutes: 10, sessionIdleTimeoutInMinutes: 43_200,
            passwordMinimumLength: version.defaultPasswordMinimumLength, requireEmailVerification: false,
            siteName: "Mattermost")
    }

    /// How long a session of that kind lasts (`GetSessionLengthInMillis`: mobile, then SSO, then web).
    public func sessionLength(isMobile: Bool, isSSO: Bool) -> Duration {
        let hours = isMobile ? sessionLengthMobileInHours : isSSO ? sessionLengthSSOInHours : sessionLengthWebInHours
        return .seconds(hours * 3600)
    }
}
