/// A client's state in the simulation: its session, page and the timers that talk to the server.
/// Each timer is the virtual instant of its next firing; `nil` when it does not run.
struct ClientRecord: Sendable {
    let id: ClientID
    let kind: ClientKind
    var generator: SeededGenerator
    var state: ClientState = .idle
    var token: MattermostID? { didSet { tokenText = token?.description } }
    var userID: MattermostID? { didSet { userIDText = userID?.description } }
    /// ``token`` and ``userID`` as the API writes them, made when they change rather than at each
    /// read of ``status`` (watching redirects reads every client's status at every clock move).
    private(set) var tokenText: String?
    private(set) var userIDText: String?
    var deviceID: String
    var path: String
    var location: String
    var banner: String?
    var notification: String?
    var redirectedAt: Duration?
    var detection: Detection?

    var nextPing: Duration?
    var nextPoll: Duration?
    var nextResync: Duration?
    var resyncReason = Detection.websocketReconnect
    var socketCloseAt: Duration?
    /// The channel the client shows (a DM), if any.
    var channelID: MattermostID?
    /// Users the client's copy of their profile shows as deactivated (updated by `user_updated`
    /// events and by reloading).
    var knownDeactivated: Set<MattermostID> = []
    /// The phone app's local "Session Expired" notification, scheduled for its session's expiry.
    var scheduledExpiry: (fireAt: Duration, title: String?, body: String)?
    /// Notifications the device has shown (phones: local and push).
    var deviceNotifications: [DeviceNotification] = []
    /// Pushes sent while the device had no network, delivered when it comes back.
    var pendingPushes: [DeviceNotification] = []

    /// The team part of the path ("ad-1").
    var team: String { path.split(separator: "/").first.map(String.init) ?? "ad-1" }

    static let sessionExpiredBanner = "Your session has expired. Please log in again."
    static let sessionExpiredNotification = "Session Expired: Please sign in to continue receiving notifications."

    /// The earliest instant one of its timers fires (read at every catch-up: no array is made).
    var nextEvent: Duration? {
        func earlier(_ first: Duration?, _ second: Duration?) -> Duration? {
            guard let first else { return second }
            guard let second else { return first }
            return min(first, second)
        }
        return earlier(earlier(earlier(nextPing, nextPoll), earlier(nextResync, socketCloseAt)), scheduledExpiry?.fireAt)
    }

    var status: ClientStatus {
        ClientStatus(id: id, kind: kind, state: state, userID: userIDText, token: tokenText,
                     location: location, banner: banner, notification: notification, redirectedAt: redirectedAt,
                     detection: detection, deviceNotifications: deviceNotifications)
    }

    mutating func stopTimers() {
        nextPing = nil
        nextPoll = nil
        nextResync = nil
        socketCloseAt = nil
    }

    /// The webapp's forced logout (`forceLogoutIfNecessary`, then the reload to
    /// `/login?redirect_to=...` with `extra=expired` and the banner). The mobile app relaunches to
    /// its login screen, reported as `/login`; whether it shows a message there is UNVERIFIED, so
    /// none is shown.
    mutating func forceLogout(at instant: Duration, by detection: Detection, mobileLocation: String = "/login") {
        if kind.isMobile {
            location = mobileLocation
        } else {
            location = "/login?redirect_to=\(ClientRecord.encodeURIComponent(path))&extra=expired"
            banner = ClientRecord.sessionExpiredBanner
            notification = ClientRecord.sessionExpiredNotification
        }
        finishLogout(at: instant, by: detection)
    }

    /// A logout the user asked for: no banner (`setWasLoggedIn(false)` first).
    mutating func userLogout(at instant: Duration) {
        location = "/login"
        banner = nil
        notification = nil
        finishLogout(at: instant, by: .userAction)
    }

    private mutating func finishLogout(at instant: Duration, by detection: Detection) {
        // `SessionManager.onLogout` removes the server's scheduled notifications with its credentials.
        scheduledExpiry = nil
        token = nil
        userID = nil
        redirectedAt = instant
        self.detection = detection
        stopTimers()
    }

    /// JavaScript's `encodeURIComponent`: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )` escaped.
    static func encodeURIComponent(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "~"),
                 UInt8(ascii: "*"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return result
    }
}
