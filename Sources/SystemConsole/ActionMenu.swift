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
