/// One item of a user row's actions menu in System Console > Users.
public struct ActionMenuItem: Hashable, Sendable {
    /// The item's key, the last part of its DOM id.
    public enum Key: String, CaseIterable, Hashable, Sendable {
        // Suffixes of `system_users_list_actions/index.tsx`: "-active" for Activate,
        // "-resyncUserViaLdapGroups" for the LDAP re-sync.
        /// "Activate", for a deactivated user.
        case activate = "active"
        /// "Manage roles": make the user a system admin or a member.
        case manageRoles
        /// "Manage teams": the user's team memberships.
        case manageTeams
        /// "Reset password", a ``FormModal``.
        case resetPassword
        /// "Remove MFA", for a user with multi-factor authentication on.
        case removeMFA
        /// "Update email", a ``FormModal``.
        case updateEmail
        /// "Promote to member", for a guest.
        case promoteToMember
        /// "Demote to guest", for a member.
        case demoteToGuest
        /// "Switch to Email/Password", for an SSO or LDAP user.
        case switchToEmail
        /// "Revoke sessions" ("Revoke Sessions" in the old console), confirmed in a ``ConfirmationModal``.
        case removeSessions
        /// "Re-sync user via LDAP groups", for an LDAP user.
        case resyncLDAP = "resyncUserViaLdapGroups"
        /// "Deactivate", for an active user.
        case deactivate
    }

    /// Which action it is, whatever its label in this console release.
    public let key: Key
    /// The visible label, e.g. "Revoke sessions".
    public let label: String
    /// `actionMenuItem-systemUsersTable-<row>-<key>`.
    public let domID: String
    /// Whether it is greyed out for this viewer and user (see ``disabledReason``).
    public let isDisabled: Bool
    /// Why it is disabled, as the console says it, e.g. "Managed by LDAP".
    public let disabledReason: String?
    /// Shown in red.
    public let isDestructive: Bool
}
