extension ClientKind {
    /// A User-Agent string a real client of this kind sends.
    public var userAgent: String {
        let system: String
        switch self {
        case .browser(_, let os), .desktopApp(let os):
            system = switch os {
            case .mac: "Macintosh; Intel Mac OS X 10_15_7"
            case .windows: "Windows NT 10.0; Win64; x64"
            case .linux: "X11; Linux x86_64"
            }
        case .mobileApp(.iOS, _): system = "iPhone; CPU iPhone OS 17_2 like Mac OS X"
        case .mobileApp(.android, _): system = "Linux; Android 14"
        }
        switch self {
        case .browser(.chrome, _): return "Mozilla/5.0 (\(system)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
        case .browser(.edge, _): return "Mozilla/5.0 (\(system)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"
        case .browser(.firefox, _): return "Mozilla/5.0 (\(system); rv:121.0) Gecko/20100101 Firefox/121.0"
        case .browser(.safari, _): return "Mozilla/5.0 (\(system)) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15"
        case .desktopApp: return "Mozilla/5.0 (\(system)) AppleWebKit/537.36 (KHTML, like Gecko) Mattermost/5.6.0 Chrome/120.0.0.0 Electron/28.0.0 Safari/537.36"
        case .mobileApp(_, let generation):
            return "Mattermost Mobile/\(generation == .reactNative ? "2.20.0" : "1.55.0") (\(system))"
        }
    }

    /// Reads a User-Agent the way `app/user_agent.go` does, as far as the kinds go; `nil` when unknown.
    public init?(userAgent: String) {
        let os: DesktopOS = userAgent.contains("Windows") ? .windows : userAgent.contains("Macintosh") ? .mac : .linux
        if userAgent.contains("Mattermost Mobile") {
            let generation: MobileAppGeneration = userAgent.contains("Mattermost Mobile/1.") ? .classic : .reactNative
            self = .mobileApp(userAgent.contains("iPhone") || userAgent.contains("iPad") ? .iOS : .android, generation)
        } else if userAgent.contains("Electron") || userAgent.contains("Mattermost") {
            self = .desktopApp(on: os)
        } else if userAgent.contains("Edg/") {
            self = .browser(.edge, on: os)
        } else if userAgent.contains("Firefox/") {
            self = .browser(.firefox, on: os)
        } else if userAgent.contains("Chrome/") {
            self = .browser(.chrome, on: os)
        } else if userAgent.contains("Safari/") {
            self = .browser(.safari, on: os)
        } else {
            return nil
        }
    }
}
