/// Which server generation's permission rule the backend applies to "act on another user".
public enum PermissionRule: String, CaseIterable, Codable, Hashable, Sendable {
    /// Current servers (`app/authorization.go`): `manage_system`, or self, or `edit_other_users`
    /// on a target who is not a system admin.
    case current
    /// v5/v6 servers: self or `edit_other_users`, whoever the target is; only the console's UI
    /// kept a user manager away from an admin.
    case legacy
}
