/// A phone operating system.
public enum MobileOS: String, CaseIterable, Codable, Hashable, Sendable {
    /// iOS.
    case iOS
    /// Android.
    case android = "Android"
}
