/// A deliberate defect the fakes can be built with, to prove a spec catches it. Each has a stable
/// kebab-case name (for `--fault NAME`) and a one-line summary (for `--help`).
public enum PlantedFault: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    case revokeLeavesMobileSessions = "revoke-leaves-mobile-sessions"
    case sessionCacheNotInvalidated = "session-cache-not-invalidated"
    case idleClientsNeverNotice = "idle-clients-never-notice"
    case loginAfterRevokeFails = "login-after-revoke-fails"
    case consoleRevokesWrongUser = "console-revokes-wrong-user"
    case nonAdminCanRevokeAdmin = "non-admin-can-revoke-admin"
    case cancelStillRevokes = "cancel-still-revokes"

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
        case .consoleRevokesWrongUser:
            "System Console > Users revokes the sessions of the user in the next row, not the one chosen."
        case .nonAdminCanRevokeAdmin:
            "A user manager with edit_other_users may revoke a system admin's sessions (server and console)."
        case .cancelStillRevokes:
            "Cancel in a revoke confirmation modal revokes the sessions anyway."
        }
    }

    public var description: String { rawValue }

    /// The fault with that name, or `nil`.
    public init?(name: String) { self.init(rawValue: name) }
}
