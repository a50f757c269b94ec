/// One item of a user row's actions menu in System Console > Users.
public struct ActionMenuItem: Hashable, Sendable {
    /// The item's key, the last part of its DOM id.
    public enum Key: String, CaseIterable, Hashable, Sendable {
        // Suffixes of `system_users_list_actions/index.tsx`: "-active" for Activate,
        // "-resyncUserViaLdapGroups" for the LDAP re-sync.
        case activate = "active", manageRoles, manageTeams, resetPassword, removeMFA, updateEmail, promoteToMember, demoteToGuest, switchToEmail
        case removeSessions, resyncLDAP = "resyncUserViaLdapGroups", deactivate
    }

    public let key: Key
    /// The visible label, e.g. "Revoke sessions".
    public let label: String
    /// `actionMenuItem-systemUsersTable-<row>-<key>`.
    public let domID: String
    public let isDisabled: Bool
    /// Why it is disabled, as the console says it, e.g. "Managed by LDAP".
    public let disabledReason: String?
    /// Shown in red.
    public let isDestructive: Bool
}
