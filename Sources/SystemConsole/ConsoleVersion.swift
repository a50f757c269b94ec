import SessionBackend

/// Which System Console the fake shows: its labels and strings differ between releases.
public enum ConsoleVersion: String, CaseIterable, Codable, Hashable, Sendable {
    /// The console of v9.5 and later (`system_users_list_actions`): item "Revoke sessions", the
    /// "Revoke all sessions" message that adds "including your session".
    case current
    /// The console of v5.16 to v9.4 (`system_users_dropdown.tsx`), which MM-T938 and MM-T940 were
    /// written against: title-case items ("Revoke Sessions") and the revoke-all message exactly as
    /// MM-T940 quotes it. That this shorter message was the v5.16 string is INFERRED from MM-T940's
    /// own text (its Fix Version is v5.16).
    case legacy

    /// The console `version` shipped with: the v9.5+ console for the current release, the old one
    /// for every modelled 5.x release.
    public init(_ version: MattermostVersion) { self = version == .current ? .current : .legacy }

    func label(_ item: ActionMenuItem.Key) -> String {
        switch (item, self) {
        case (.activate, _): "Activate"
        case (.manageRoles, .current): "Manage roles"
        case (.manageRoles, .legacy): "Manage Roles"
        case (.manageTeams, .current): "Manage teams"
        case (.manageTeams, .legacy): "Manage Teams"
        case (.resetPassword, .current): "Reset password"
        case (.resetPassword, .legacy): "Reset Password"
        case (.removeMFA, _): "Remove MFA"
        case (.updateEmail, .current): "Update email"
        case (.updateEmail, .legacy): "Update Email"
        case (.promoteToMember, .current): "Promote to member"
        case (.promoteToMember, .legacy): "Promote to Member"
        case (.demoteToGuest, .current): "Demote to guest"
        case (.demoteToGuest, .legacy): "Demote to Guest"
        case (.switchToEmail, _): "Switch to Email/Password"
        case (.removeSessions, .current): "Revoke sessions"
        case (.removeSessions, .legacy): "Revoke Sessions"
        case (.resyncLDAP, _): "Re-sync user via LDAP groups"
        case (.deactivate, _): "Deactivate"
        }
    }

    var revokeAllMessage: String {
        switch self {
        case .current:
            "This action revokes all sessions in the system. All users will be logged out from all devices, including your session. Are you sure you want to revoke all sessions?"
        case .legacy:
            "This action revokes all sessions in the system. All users will be logged out from all devices. Are you sure you want to revoke all sessions?"
        }
    }
}
