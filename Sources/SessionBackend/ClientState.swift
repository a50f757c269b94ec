/// What a device is doing while its session is revoked.
public enum ClientState: String, CaseIterable, Codable, Hashable, Sendable {
    /// In front of the user, who is using it (the step library drives the interactions).
    case active
    /// Visible and awake, nobody touching it: only its timers talk to the server.
    case idle
    /// A computer asleep (browser or desktop app): no timers run, the socket dies.
    case asleep
    /// A phone with its screen locked: the app is inactive, then in the background.
    case screenLocked
    /// A phone with the app in the background.
    case background
    /// A device in airplane mode (or off the network): on, but its socket is down and no request
    /// gets through; local notifications still show, pushes wait for the network.
    case offline
    /// A device switched off: nothing runs, scheduled local notifications are missed (INFERRED).
    case poweredOff

    var isForeground: Bool { self == .active || self == .idle }
    /// Whether the device reaches the server (its socket can be up).
    var hasNetwork: Bool { self != .offline && self != .poweredOff && self != .asleep }
}
