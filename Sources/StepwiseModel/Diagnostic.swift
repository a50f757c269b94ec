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
    /// A stable machine-readable code, such as ``DiagnosticCode/yamlInvalid``.
    public var code: DiagnosticCode?

    public init(
        _ severity: Severity, _ message: String, at location: SourceLocation?, hint: String? = nil, code: DiagnosticCode? = nil
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
    /// A line too long to show whole (a single-line JSON record, a whole HTML step) is cut to a
    /// window around the column, marked `…`, so the caret always stands under the problem. Control
    /// characters from the file or the message are shown as pictures (`␛`), so a spec cannot
    /// drive the terminal the diagnostic is printed on.
    ///
    /// - Parameter sourceLine: the text of the line the location points at, when known.
    public func rendered(sourceLine: String? = nil) -> String {
        var out = ""
        // A file name may hold control characters too: shown as pictures, like the message.
        if let location { out += "\(location.description.showingControlCharacters): " }
        out += "\(severity.rawValue): \(message.showingControlCharacters)"
        if let sourceLine, let location {
            let scalars = Array(sourceLine.unicodeScalars.map { $0 == "\t" ? " " : $0 })
            let caretIndex = max(0, min(location.column - 1, scalars.count))
            let window = Self.excerptWindow(around: caretIndex, count: scalars.count)
            var line = window.lowerBound > 0 ? "…" : ""
            line.unicodeScalars.append(contentsOf: scalars[window])
            if window.upperBound < scalars.count { line += "…" }
            let caretColumn = caretIndex - window.lowerBound + (window.lowerBound > 0 ? 1 : 0)
            out += "\n    \(line.showingControlCharacters)\n    "
            out += String(repeating: " ", count: caretColumn) + "^"
        }
        if let hint { out += "\n    hint: \(hint.showingControlCharacters)" }
        return out
    }

    /// The widest source excerpt shown, in Unicode scalars.
    static let excerptWidth = 160

    /// The scalars of a line to show: all of it when it fits, else `excerptWidth` of them with the
    /// caret a quarter of the way in, so the text leading up to the problem stays readable.
    static func excerptWindow(around caret: Int, count: Int) -> Range<Int> {
        guard count > excerptWidth else { return 0..<count }
        let start = max(0, min(caret - excerptWidth / 4, count - excerptWidth))
        return start..<(start + excerptWidth)
    }
}

extension String {
    /// Whether the text holds a control character a terminal acts on, told from its UTF-8:
    /// C0 controls but tab and line feed are single bytes below 0x20, DEL is 0x7F, and the C1
    /// controls U+0080...U+009F are 0xC2 followed by 0x80...0x9F.
    private var hasHiddenControl: Bool {
        var text = self
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 {
                    if byte != 0x9, byte != 0xA { return true }
                } else if byte == 0x7F {
                    return true
                } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                    return true
                }
            }
            return false
        }
    }

    /// The text with control characters other than line breaks and tabs shown as Unicode control
    /// pictures (`␛` for ESC, `␡` for DEL, U+FFFD for the C1 range), so text read from a file
    /// cannot drive a terminal or corrupt a report.
    public var showingControlCharacters: String {
        guard hasHiddenControl else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            guard scalar.isHiddenControl else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x0...0x1F: out.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
            case 0x7F: out += "␡"
            default: out += "\u{FFFD}"
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    /// A control character a terminal acts on rather than shows (line breaks and tabs excepted).
    fileprivate var isHiddenControl: Bool {
        switch value {
        case 0x9, 0xA: false
        case 0x0...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
