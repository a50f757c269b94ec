/// A web browser the webapp runs in.
public enum Browser: String, CaseIterable, Codable, Hashable, Sendable {
    /// Google Chrome, on every desktop system.
    case chrome = "Chrome"
    /// Mozilla Firefox, on every desktop system.
    case firefox = "Firefox"
    /// Apple Safari: on a Mac only (see ``runs(on:)``).
    case safari = "Safari"
    /// Microsoft Edge, on every desktop system.
    case edge = "Edge"

    /// The `"<name>/<version>"` the server stores in `props.browser` (versions are plausible
    /// current releases; the server keeps major.minor).
    var browserProp: String {
        switch self {
        case .chrome: "Chrome/120.0"
        case .firefox: "Firefox/121.0"
        case .safari: "Safari/17.2"
        case .edge: "Edge/120.0"
        }
    }

    /// Whether the browser exists on that system (Safari is Mac-only).
    public func runs(on os: DesktopOS) -> Bool { self != .safari || os == .mac }
}
