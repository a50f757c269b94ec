/// A deliberate defect the server can be built with, to prove a spec catches it. Each has a stable
/// kebab-case name (for `--fault NAME`) and a one-line summary (for `--help`). The System
/// Console's own defects are its `ConsoleFault`s.
public enum PlantedFault: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    case revokeLeavesMobileSessions = "revoke-leaves-mobile-sessions"
    case sessionCacheNotInvalidated = "session-cache-not-invalidated"
    case idleClientsNeverNotice = "idle-clients-never-notice"
    case loginAfterRevokeFails = "login-after-revoke-fails"
    case nonAdminCanRevokeAdmin = "non-admin-can-revoke-admin"
    case duplicateEmailAccepted = "duplicate-email-accepted"
    case passwordResetKeepsOldPassword = "password-reset-keeps-old-password"
    case deactivationNotBroadcast = "deactivation-not-broadcast"
    case mobileSessionLengthIgnored = "mobile-session-length-ignored"
    case extendOffOnNewInstall = "extend-off-on-new-install"
    case sessionNotExtendedOnActivity = "session-not-extended-on-activity"
    case sessionExtendedWhenDisabled = "session-extended-when-disabled"

    /// The stable name.
    public var name: String { rawValue }

    /// What the fault breaks, in one line.
    public var summary: String {
        switch self {
        case .revokeLeavesMobileSessions:
            "Revoking sessions skips mobile sessions: phones stay logged in."
        case .sessionCacheNotInvalidated:
            "Revoke deletes the session rows but not the 10-minute session cache: old tokens keep working until it lapses."
        case .idleClientsNeverNotice:
            "Clients learn of a revoke only when the user interacts: websocket, polling, wake and foreground resyncs never log them out."
        case .loginAfterRevokeFails:
            "A user whose sessions were revoked cannot log in again."
        case .nonAdminCanRevokeAdmin:
            "A user manager with edit_other_users may revoke a system admin's sessions (server and console)."
        case .duplicateEmailAccepted:
            "The server lets a user take an email another account already has."
        case .passwordResetKeepsOldPassword:
            "An admin's password reset answers 200 but keeps the old password."
        case .deactivationNotBroadcast:
            "Deactivating a user sends no user_updated event: open clients see the DM as before until they reload."
        case .mobileSessionLengthIgnored:
            "Mobile sessions get the web session length, not \"Session Length Mobile\"."
        case .extendOffOnNewInstall:
            "A new install starts with ExtendSessionLengthWithActivity off."
        case .sessionNotExtendedOnActivity:
            "Posting or viewing a channel never extends a session, even with \"Extend session length with activity\" on."
        case .sessionExtendedWhenDisabled:
            "Activity extends sessions even with \"Extend session length with activity\" off."
        }
    }

    public var description: String { rawValue }

    /// The fault with that name, or `nil`.
    public init?(name: String) { self.init(rawValue: name) }
}
