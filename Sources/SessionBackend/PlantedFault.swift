/// A deliberate defect the server can be built with, to prove a spec catches it. Each has a stable
/// kebab-case name (for `--fault NAME`) and a one-line summary (for `--help`). The System
/// Console's own defects are its `ConsoleFault`s.
public enum PlantedFault: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// `revoke-leaves-mobile-sessions`: Revoking sessions skips mobile sessions: phones stay logged
    /// in.
    case revokeLeavesMobileSessions = "revoke-leaves-mobile-sessions"
    /// `session-cache-not-invalidated`: Revoke deletes the session rows but not the 10-minute
    /// session cache: old tokens keep working until it lapses.
    case sessionCacheNotInvalidated = "session-cache-not-invalidated"
    /// `idle-clients-never-notice`: Clients learn of a revoke only when the user interacts:
    /// websocket, polling, wake and foreground resyncs never log them out.
    case idleClientsNeverNotice = "idle-clients-never-notice"
    /// `login-after-revoke-fails`: A user whose sessions were revoked cannot log in again.
    case loginAfterRevokeFails = "login-after-revoke-fails"
    /// `non-admin-can-revoke-admin`: A user manager with edit_other_users may revoke a system
    /// admin's sessions (server and console).
    case nonAdminCanRevokeAdmin = "non-admin-can-revoke-admin"
    /// `duplicate-email-accepted`: The server lets a user take an email another account already
    /// has.
    case duplicateEmailAccepted = "duplicate-email-accepted"
    /// `password-reset-keeps-old-password`: An admin's password reset answers 200 but keeps the old
    /// password.
    case passwordResetKeepsOldPassword = "password-reset-keeps-old-password"
    /// `deactivation-not-broadcast`: Deactivating a user sends no user_updated event: open clients
    /// see the DM as before until they reload.
    case deactivationNotBroadcast = "deactivation-not-broadcast"
    /// `mobile-session-length-ignored`: Mobile sessions get the web session length, not "Session
    /// Length Mobile".
    case mobileSessionLengthIgnored = "mobile-session-length-ignored"
    /// `extend-off-on-new-install`: A new install starts with ExtendSessionLengthWithActivity off.
    case extendOffOnNewInstall = "extend-off-on-new-install"
    /// `session-not-extended-on-activity`: Posting or viewing a channel never extends a session,
    /// even with "Extend session length with activity" on.
    case sessionNotExtendedOnActivity = "session-not-extended-on-activity"
    /// `session-extended-when-disabled`: Activity extends sessions even with "Extend session length
    /// with activity" off.
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

    /// The stable name, as `--fault` takes it.
    public var description: String { rawValue }

    /// The fault with that name, or `nil`.
    public init?(name: String) { self.init(rawValue: name) }
}
