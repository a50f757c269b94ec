/// What a person uses to reach Mattermost: a browser, the desktop app or a mobile app. It decides
/// the session's props, whether it is a mobile session, and how the client notices a revoke.
public enum ClientKind: Hashable, Sendable, CustomStringConvertible {
    /// The webapp in a browser on a desktop system (Safari on a Mac only); a web session.
    case browser(Browser, on: DesktopOS)
    /// The desktop app (Electron) on a desktop system; a web session that the app keeps open in the
    /// background.
    case desktopApp(on: DesktopOS)
    /// A phone app, by system and generation; a mobile session, with a push device id.
    case mobileApp(MobileOS, MobileAppGeneration)

    /// Every kind MM-T938's examples name: Chrome, Firefox, Safari and Edge on each system they run
    /// on, the desktop app on Mac, Windows and Linux, and the iOS and Android apps (RN and Classic).
    public static let all: [ClientKind] =
        DesktopOS.allCases.flatMap { os in Browser.allCases.filter { $0.runs(on: os) }.map { ClientKind.browser($0, on: os) } }
        + DesktopOS.allCases.map { ClientKind.desktopApp(on: $0) }
        + MobileOS.allCases.flatMap { os in MobileAppGeneration.allCases.map { ClientKind.mobileApp(os, $0) } }

    /// Whether it is a phone app (screen lock and background apply; sleep does not).
    public var isMobile: Bool {
        if case .mobileApp = self { return true }
        return false
    }

    /// Whether the kind exists (Safari only on a Mac).
    public var isValid: Bool {
        if case .browser(let browser, let os) = self { return browser.runs(on: os) }
        return true
    }

    /// "Chrome on Mac", "Desktop app on Windows", "iOS app (RN)".
    public var description: String {
        switch self {
        case .browser(let browser, let os): "\(browser.rawValue) on \(os.rawValue)"
        case .desktopApp(let os): "Desktop app on \(os.rawValue)"
        case .mobileApp(let os, let generation): "\(os.rawValue) app (\(generation.rawValue))"
        }
    }

    /// `props.platform`: what the server reads from the user agent. Android's agent contains
    /// "Linux", which the server's platform list matches.
    var platformProp: String {
        switch self {
        case .browser(_, let os), .desktopApp(let os): os.platformProp
        case .mobileApp(.iOS, _): "iPhone"
        case .mobileApp(.android, _): "Linux"
        }
    }

    var osProp: String {
        switch self {
        case .browser(_, let os), .desktopApp(let os): os.osProp
        case .mobileApp(.iOS, _): "iOS"
        case .mobileApp(.android, _): "Android"
        }
    }

    /// `props.browser`. The desktop app is "Desktop App/<version>" (Electron); the mobile apps are
    /// "Mobile App/<version>". The Classic apps' version string is UNVERIFIED (a 1.x number).
    var browserProp: String {
        switch self {
        case .browser(let browser, _): browser.browserProp
        case .desktopApp: "Desktop App/5.6.0"
        case .mobileApp(_, .reactNative): "Mobile App/2.20.0"
        case .mobileApp(_, .classic): "Mobile App/1.55.0"
        }
    }

    /// The push platform before the colon of `device_id` (`model/push_notification.go`). The RN
    /// app's "-v2" suffix is UNVERIFIED but is what current apps are reported to send.
    var pushPlatform: String? {
        switch self {
        case .mobileApp(.iOS, .reactNative): "apple_rn-v2"
        case .mobileApp(.android, .reactNative): "android_rn-v2"
        case .mobileApp(.iOS, .classic): "apple"
        case .mobileApp(.android, .classic): "android"
        default: nil
        }
    }
}
