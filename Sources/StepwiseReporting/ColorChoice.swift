#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--color auto|always|never`, and how `auto` reads the environment.
///
/// Precedence, first that applies: `--color always` or `never`; `FORCE_COLOR` (set: colour, but
/// `0` or `false`: none); `NO_COLOR` set and not empty: none; `TERM=dumb`: none; else colour
/// when standard output is a terminal. A report written to a file never has colour.
public enum ColorChoice: String, Hashable, Sendable, CaseIterable {
    /// Colour when standard output is a terminal and the environment does not say otherwise.
    case auto
    /// Colour, whatever the output and the environment.
    case always
    /// No colour.
    case never

    /// Whether to colour output that goes to standard output, a terminal or not (`terminal`).
    public func enabled(terminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let force = environment["FORCE_COLOR"] { return !["0", "false"].contains(force.lowercased()) }
            if !(environment["NO_COLOR"] ?? "").isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return terminal
        }
    }

    /// The variables ``enabled(terminal:environment:)`` reads, from this process's environment:
    /// three lookups rather than a copy of the whole environment.
    public static var processEnvironment: [String: String] {
        var found: [String: String] = [:]
        for name in ["FORCE_COLOR", "NO_COLOR", "TERM"] {
            if let value = getenv(name) { found[name] = String(cString: value) }
        }
        return found
    }
}
