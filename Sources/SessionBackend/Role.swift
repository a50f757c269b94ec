/// A system-scheme role. A user's `roles` field is a space-separated list of these ids.
public enum Role: String, CaseIterable, Codable, Hashable, Sendable {
    /// `system_admin`: every permission.
    case systemAdmin = "system_admin"
    /// `system_user_manager`: a delegated admin, with none of the Users permissions until an admin
    /// grants them.
    case systemUserManager = "system_user_manager"
    /// `system_user`: every member has it.
    case systemUser = "system_user"
    /// `system_guest`: a guest account, instead of `system_user`.
    case systemGuest = "system_guest"

    /// The permissions a new install gives the role.
    ///
    /// `system_admin` has everything. `system_user_manager` has none of these by default:
    /// `model/role.go SystemUserManagerDefaultPermissions` lists the Groups, Teams, Channels and
    /// Permissions pages and the authentication pages, but neither
    /// `sysconsole_read_user_management_users` nor `..._write_...` nor `revoke_user_access_token`,
    /// in v5 as today, so a default user manager cannot open System Console ➜ Users until an admin
    /// grants it. `system_user` and `system_guest` have none of these.
    var defaultPermissions: Set<Permission> {
        switch self {
        case .systemAdmin: Set(Permission.allCases)
        case .systemUserManager: []
        case .systemUser, .systemGuest: []
        }
    }

    /// The label of the row's menu button in the System Console.
    var consoleLabel: String {
        switch self {
        case .systemAdmin: "System Admin"
        case .systemUserManager, .systemUser: "Member"
        case .systemGuest: "Guest"
        }
    }
}
