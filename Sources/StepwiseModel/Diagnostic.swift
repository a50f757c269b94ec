/// A problem found while reading, binding or running a spec, reported like a compiler does.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Codable, Comparable {
        case note, warning, error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// Where it is wrong; `nil` only when there is no file at all.
    public var location: SourceLocation?
    /// What to do about it.
    public var hint: String?
    /// A stable machine-readable code, such as `yaml.invalid` or `file.binary`.
    public var code: String?

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation?, hint: String? = nil, code: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
        self.code = code
    }
}

extension Diagnostic {
    /// Renders the diagnostic like a compiler: `file:line:col: error: message`, the source line,
    /// a caret under the column and the hint.
    ///
    /// - Parameter sourceLine: the text of the line the location points at, when known.
    public func rendered(sourceLine: String? = nil) -> String {
        var out = ""
        if let location { out += "\(location): " }
        out += "\(severity.rawValue): \(message)"
        if let sourceLine, let location {
            let line = sourceLine.replacingTabs()
            out += "\n    \(line)\n    "
            let caretColumn = max(1, min(location.column, line.unicodeScalars.count + 1))
            out += String(repeating: " ", count: caretColumn - 1) + "^"
        }
        if let hint { out += "\n    hint: \(hint)" }
        return out
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { result.unicodeScalars.append(scalar == "\t" ? " " : scalar) }
        return result
    }
}
