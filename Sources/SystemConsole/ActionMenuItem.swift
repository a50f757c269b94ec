/// One item of a user row's actions menu in System Console > Users.
public struct ActionMenuItem: Hashable, Sendable {
    /// The item's key, the last part of its DOM id.
    public enum Key: String, CaseIterable, Hashable, Sendable {
        case activate, manageRoles, manageTeams, resetPassword, removeMFA, updateEmail, promoteToMember
        case removeSessions, resyncLDAP = "reSyncUser", deactivate
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

/// A row's opened actions menu.
public struct ActionMenu: Hashable, Sendable {
    /// The row's user.
    public let username: String
    /// The button's label: "System Admin", "Member", "Guest" or "Deactivated".
    public let buttonLabel: String
    /// `actionMenuButton-systemUsersTable-<row>`.
    public let buttonID: String
    /// Items in the console's order.
    public let items: [ActionMenuItem]

    /// The item with that label, ignoring case ("Revoke Sessions" finds "Revoke sessions").
    public func item(_ label: String) -> ActionMenuItem? {
        items.first { $0.label.equalsIgnoringCase(label) }
    }
}

extension String {
    func equalsIgnoringCase(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
