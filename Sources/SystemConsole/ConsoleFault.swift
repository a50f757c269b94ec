/// A deliberate defect of the System Console alone (the server behaves), to prove a spec catches
/// it. Like the backend's `PlantedFault`, each has a stable kebab-case name (for `--fault NAME`)
/// and a one-line summary (for `--help`); a console is opened with the faults it should have.
///
/// `non-admin-can-revoke-admin` is not here: it breaks the server's permission check, and the
/// console, which shows what the server allows, honours the backend's fault.
public enum ConsoleFault: String, CaseIterable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// `console-revokes-wrong-user`: System Console > Users revokes the sessions of the user in the
    /// next row, not the one chosen.
    case consoleRevokesWrongUser = "console-revokes-wrong-user"
    /// `cancel-still-revokes`: Cancel in a revoke confirmation modal revokes the sessions anyway.
    case cancelStillRevokes = "cancel-still-revokes"
    /// `users-list-count-stuck`: System Console > Users keeps showing the first page's count ("1 -
    /// 50 users of N total") after Next and Previous.
    case usersListCountStuck = "users-list-count-stuck"
    /// `own-password-skips-current-check`: Resetting your own password in the System Console does
    /// not ask for the current password.
    case ownPasswordSkipsCurrentCheck = "own-password-skips-current-check"

    /// The stable name.
    public var name: String { rawValue }

    /// What the fault breaks, in one line.
    public var summary: String {
        switch self {
        case .consoleRevokesWrongUser:
            "System Console > Users revokes the sessions of the user in the next row, not the one chosen."
        case .cancelStillRevokes:
            "Cancel in a revoke confirmation modal revokes the sessions anyway."
        case .usersListCountStuck:
            "System Console > Users keeps showing the first page's count (\"1 - 50 users of N total\") after Next and Previous."
        case .ownPasswordSkipsCurrentCheck:
            "Resetting your own password in the System Console does not ask for the current password."
        }
    }

    /// The stable name, as `--fault` takes it.
    public var description: String { rawValue }

    /// The fault with that name, or `nil`.
    public init?(name: String) { self.init(rawValue: name) }
}
