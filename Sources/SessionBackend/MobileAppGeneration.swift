/// Which generation of the mobile app: the React Native app or the older "Classic" apps.
public enum MobileAppGeneration: String, CaseIterable, Codable, Hashable, Sendable {
    case reactNative = "RN"
    case classic = "Classic"
}
