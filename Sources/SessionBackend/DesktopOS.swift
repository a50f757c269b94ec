/// An operating system a browser or the desktop app runs on.
public enum DesktopOS: String, CaseIterable, Codable, Hashable, Sendable {
    /// macOS.
    case mac = "Mac"
    /// Windows.
    case windows = "Windows"
    /// Linux.
    case linux = "Linux"

    /// `props.platform` as `app/user_agent.go` derives it from the user agent.
    var platformProp: String {
        switch self {
        case .mac: "Macintosh"
        case .windows: "Windows"
        case .linux: "Linux"
        }
    }

    /// `props.os` as `app/user_agent.go` derives it.
    var osProp: String {
        switch self {
        case .mac: "Mac OS"
        case .windows: "Windows 10"
        case .linux: "Linux"
        }
    }
}
