/// The `ConfirmModal` (`#confirmModal`) the console opens before revoking.
public struct ConfirmationModal: Hashable, Sendable {
    /// The heading, such as "Revoke Sessions for samuel.email".
    public let title: String
    /// The question it asks, word for word.
    public let message: String
    /// The button that closes it without acting: "Cancel".
    public let cancelLabel: String
    /// The danger button: "Revoke" or "Revoke All Sessions".
    public let confirmLabel: String
    /// The modal's DOM id, `confirmModal`.
    public let domID = "confirmModal"
}
