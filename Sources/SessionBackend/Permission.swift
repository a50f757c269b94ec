/// A permission id as the server spells it (`model/permission.go`), limited to the ones that decide
/// who may see and revoke sessions.
public enum Permission: String, CaseIterable, Codable, Hashable, Sendable {
    case manageSystem = "manage_system"
    case editOtherUsers = "edit_other_users"
    case revokeUserAccessToken = "revoke_user_access_token"
    case sysconsoleReadUserManagementUsers = "sysconsole_read_user_management_users"
    case sysconsoleWriteUserManagementUsers = "sysconsole_write_user_management_users"
    case sysconsoleWriteUserManagementGroups = "sysconsole_write_user_management_groups"
    case demoteToGuest = "demote_to_guest"
    case promoteGuest = "promote_guest"

    /// Permissions a sysconsole permission carries with it (`SysconsoleAncillaryPermissions`):
    /// write access to Users grants `edit_other_users`, `demote_to_guest` and `promote_guest`.
    var ancillary: [Permission] {
        switch self {
        case .sysconsoleWriteUserManagementUsers: [.editOtherUsers, .demoteToGuest, .promoteGuest]
        default: []
        }
    }
}
