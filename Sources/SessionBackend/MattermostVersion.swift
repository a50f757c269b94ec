/// The Mattermost release whose behaviour the fakes model. A case runs, by default, against the
/// release it was written for: the first release published on or after the case's created date
/// (a case is written for the release in development). `current` is the code on Mattermost's main
/// branch as read for these fakes (server and webapp of `mattermost/mattermost`, the mobile app at
/// `mattermost-mobile` 06ed862, the desktop app at `desktop` c220b81).
public enum MattermostVersion: String, CaseIterable, Codable, Comparable, Hashable, Sendable, CustomStringConvertible {
    /// v5.20, released 2020-02-16: the release the 2020-01-21 cases (MM-T924 to MM-T944, MM-T1016)
    /// were written for. Old System Console (`system_users_dropdown`), session lengths in days, no
    /// "Extend session length with activity", the webapp's 60 s status poll.
    case v5_20 = "v5.20"
    /// v5.24, released 2020-06-16: adds `ServiceSettings.ExtendSessionLengthWithActivity` (MM-23935,
    /// MM-T2568's Fix Version) and the ExpiryNotify job.
    case v5_24 = "v5.24"
    /// v5.35, released 2021-05-16: the release MM-T4048 (created 2021-05-07) was written for.
    case v5_35 = "v5.35"
    /// Mattermost's main branch as read in 2026: the v9.5+ System Console, session lengths in hours,
    /// `TerminateSessionsOnPasswordChange`, no webapp status poll, the v2 mobile app.
    case current

    /// Release dates (ISO 8601 day) of the modelled releases, for `writtenFor(createdOn:)`.
    /// From Mattermost's changelog (docs.mattermost.com, "Mattermost Server changelog").
    public var releaseDate: String? {
        switch self {
        case .v5_20: "2020-02-16"
        case .v5_24: "2020-06-16"
        case .v5_35: "2021-05-16"
        case .current: nil
        }
    }

    public var description: String { self == .current ? "current (main)" : rawValue }

    /// The release a case created on `createdOn` (ISO 8601, as exports write it) was written for:
    /// the first modelled release published on or after that day; `current` for later cases or an
    /// unreadable date.
    public static func writtenFor(createdOn: String?) -> MattermostVersion {
        guard let createdOn, createdOn.count >= 10 else { return .current }
        let day = String(createdOn.prefix(10))
        return allCases.first { version in version.releaseDate.map { day <= $0 } ?? true } ?? .current
    }

    public static func < (lhs: MattermostVersion, rhs: MattermostVersion) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    // MARK: What changed between releases

    /// Whether `ServiceSettings.ExtendSessionLengthWithActivity` exists (v5.24, MM-23935).
    public var hasExtendSessionLengthWithActivity: Bool { self >= .v5_24 }

    /// Whether the session-length settings are in hours (`SessionLength*InHours`, today) rather than
    /// days (`SessionLength*InDays`, deprecated; the console showed days until 2022 or later, the
    /// exact release is UNVERIFIED, so every modelled 5.x release shows days).
    public var sessionLengthsInHours: Bool { self == .current }

    /// Whether `ServiceSettings.TerminateSessionsOnPasswordChange` exists (MM-58560,
    /// mattermost/mattermost#27286, June 2024).
    public var hasTerminateSessionsOnPasswordChange: Bool { self == .current }

    /// `SessionHasPermissionToUser`: v5 is `self || edit_other_users`; today a non-admin may not act
    /// on a system admin (`app/authorization.go`).
    public var permissionRule: PermissionRule { self == .current ? .current : .legacy }

    /// The error a duplicate email gets from `UpdateUser`: v5 `store.sql_user.update.email_taken.app_error`
    /// (English text from Mattermost's 2020 Cypress `users_spec.js` MM-T928, which asserts it; the
    /// 2020 `en.json` was not read: INFERRED), today `app.user.save.email_exists.app_error` "An
    /// account with that email already exists." (`server/i18n/en.json`).
    public var emailTakenError: (id: String, message: String) {
        self == .current
            ? ("app.user.save.email_exists.app_error", "An account with that email already exists.")
            : ("store.sql_user.update.email_taken.app_error", "This email is already taken. Please choose another.")
    }

    /// `PasswordSettings.MinimumLength` on a new install: v5 `NewInt(PASSWORD_MINIMUM_LENGTH)` = 5,
    /// today `NewInt(8)` (`model/config.go PasswordSettings.SetDefaults`).
    public var defaultPasswordMinimumLength: Int { self == .current ? 8 : 5 }

    /// The longest password the webapp accepts: v5 `Constants.MAX_PASSWORD_LENGTH` 64
    /// (`utils/constants`); today the server's `PasswordMaximumLength` is 72 (`model/config.go`),
    /// and the webapp constant is taken to follow it (UNVERIFIED).
    public var passwordMaximumLength: Int { self == .current ? 72 : 64 }
}
