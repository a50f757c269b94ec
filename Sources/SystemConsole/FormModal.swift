/// A modal with input fields: "Reset Password" and "Update Email" of System Console ➜ Users.
public struct FormModal: Hashable, Sendable {
    /// One input.
    public struct Field: Hashable, Sendable {
        /// The field's label, such as "New Password".
        public let label: String
        /// What is typed in it (``SystemConsole/SystemConsole/type(_:into:)``).
        public internal(set) var value: String = ""
        /// The message shown under the field, if any.
        public internal(set) var error: String?
        /// Whether it is a password field, which shows dots.
        public let isSecret: Bool
    }

    /// The heading: "Reset Password" or "Update Email".
    public let title: String
    /// The inputs, top to bottom.
    public internal(set) var fields: [Field]
    /// The button that closes it unsaved: "Cancel".
    public let cancelLabel: String
    /// The submit button: "Reset" or "Update".
    public let confirmLabel: String
    /// The modal's own error line (server errors not tied to a field).
    public internal(set) var error: String?

    /// Every message the modal shows, fields first.
    public var errors: [String] { fields.compactMap(\.error) + (error.map { [$0] } ?? []) }

    /// The field with that label, ignoring case ("new password" finds "New Password").
    public func field(_ label: String) -> Field? { fields.first { $0.label.lowercased() == label.lowercased() } }

    func index(_ label: String) -> Int? { fields.firstIndex { $0.label.lowercased() == label.lowercased() } }
}
