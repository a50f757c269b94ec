/// One setting of a System Console settings page, as shown.
public struct SettingField: Hashable, Sendable {
    /// How it is edited.
    public enum Kind: Hashable, Sendable {
        /// The True / False radio buttons of a boolean setting.
        case toggle
        /// A number in a text box.
        case number
    }

    /// The `config.json` key, such as `ServiceSettings.SessionLengthMobileInDays`.
    public let key: String
    /// The label, such as "Session Length Mobile (days):".
    public let label: String
    /// Whether it is a true/false toggle or a number.
    public let kind: Kind
    /// The value the page shows: "true"/"false" or the number as typed.
    public let value: String
    /// The unit the number counts in ("days", "hours", "minutes"), from the label.
    public var unit: String? {
        ["days", "hours", "minutes"].first { label.lowercased().contains("(\($0))") }
    }
}
