/// A place in a spec file or in Swift source: `file:line:column`, all 1-based.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The path as it was given or found (never made absolute behind the user's back).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number, counted in Unicode scalars.
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
