/// A phone operating system.
public enum MobileOS: String, CaseIterable, Codable, Hashable, Sendable {
    case iOS
    case android = "Android"
}
