/// The `ConfirmModal` (`#confirmModal`) the console opens before revoking.
public struct ConfirmationModal: Hashable, Sendable {
    public let title: String
    public let message: String
    public let cancelLabel: String
    /// The danger button: "Revoke" or "Revoke All Sessions".
    public let confirmLabel: String
    public let domID = "confirmModal"
}
