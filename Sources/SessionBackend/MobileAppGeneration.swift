/// Which generation of the mobile app: the React Native app or the older "Classic" apps.
public enum MobileAppGeneration: String, CaseIterable, Codable, Hashable, Sendable {
    /// Today's React Native app (v2 and later; "RN").
    case reactNative = "RN"
    /// The older "Classic" apps, as MM-T938 names them.
    case classic = "Classic"
}
