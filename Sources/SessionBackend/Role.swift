/// A system-scheme role. A user's `roles` field is a space-separated list of these ids.
public enum Role: String, CaseIterable, Codable, Hashable, Sendable {
    case systemAdmin = "system_admin"
    case systemUserManager = "system_user_manager"
    case systemUser = "system_user"
    case systemGuest = "system_guest"

    /// The permissions a new install gives the role.
    ///
    /// `system_admin` has everything. `system_user_manager` reads the Users page but does NOT have
    /// `sysconsole_write_user_management_users` (so not `edit_other_users`) until an admin grants it
    /// (`SystemUserManagerDefaultPermissions`; its read permission on Users is INFERRED).
    /// `system_user` and `system_guest` have none of these.
    var defaultPermissions: Set<Permission> {
        switch self {
        case .systemAdmin: Set(Permission.allCases)
        case .systemUserManager: [.sysconsoleReadUserManagementUsers]
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
