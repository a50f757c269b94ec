/// A permission id as the server spells it (`model/permission.go`), limited to the ones that decide
/// who may see and revoke sessions.
public enum Permission: String, CaseIterable, Codable, Hashable, Sendable {
    /// `manage_system`: everything; a system admin has it.
    case manageSystem = "manage_system"
    /// `edit_other_users`: change other users' accounts, revoke their sessions among them.
    case editOtherUsers = "edit_other_users"
    /// `revoke_user_access_token`: revoke other users' personal access tokens.
    case revokeUserAccessToken = "revoke_user_access_token"
    /// `sysconsole_read_user_management_users`: open System Console ➜ Users.
    case sysconsoleReadUserManagementUsers = "sysconsole_read_user_management_users"
    /// `sysconsole_write_user_management_users`: act in System Console ➜ Users; carries
    /// `edit_other_users`, `demote_to_guest` and `promote_guest` with it.
    case sysconsoleWriteUserManagementUsers = "sysconsole_write_user_management_users"
    /// `sysconsole_write_user_management_groups`: manage System Console ➜ Groups.
    case sysconsoleWriteUserManagementGroups = "sysconsole_write_user_management_groups"
    /// `demote_to_guest`: make a member a guest.
    case demoteToGuest = "demote_to_guest"
    /// `promote_guest`: make a guest a member.
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
