/// A diagnostic's stable, machine-readable code, such as `yaml.invalid`: `area.problem`.
///
/// Its ``rawValue`` is what JSON reports and `--format json` lines carry, so a code's spelling
/// never changes once released. Every code Stepwise emits is declared here; rules that depend on
/// a code (what `--strict` raises, which codes `report` prints) name the constant, never a string.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The part before the first dot, such as `path` for `path.missing`.
    public var area: Substring { rawValue.prefix { $0 != "." } }
}

extension DiagnosticCode {
    // MARK: Finding and reading files

    /// A path named on the command line does not exist.
    public static let pathMissing: DiagnosticCode = "path.missing"
    /// A directory named on the command line holds no spec.
    public static let pathEmpty: DiagnosticCode = "path.empty"
    /// A path that cannot be listed or read.
    public static let pathUnreadable: DiagnosticCode = "path.unreadable"
    /// A file or directory name that is not valid UTF-8.
    public static let pathEncoding: DiagnosticCode = "path.encoding"
    public static let pathSymlinkLoop: DiagnosticCode = "path.symlink-loop"
    public static let pathDanglingSymlink: DiagnosticCode = "path.dangling-symlink"
    /// A FIFO, device or socket where a spec file was expected.
    public static let fileSpecial: DiagnosticCode = "file.special"
    public static let fileUnreadable: DiagnosticCode = "file.unreadable"
    public static let fileDirectory: DiagnosticCode = "file.directory"
    public static let fileTooLarge: DiagnosticCode = "file.too-large"
    public static let fileEmpty: DiagnosticCode = "file.empty"
    public static let fileBinary: DiagnosticCode = "file.binary"
    public static let fileEncoding: DiagnosticCode = "file.encoding"
    /// A file in no export format Stepwise reads.
    public static let formatUnknown: DiagnosticCode = "format.unknown"

    // MARK: Parsing an export

    public static let yamlInvalid: DiagnosticCode = "yaml.invalid"
    public static let caseKey: DiagnosticCode = "case.key"
    public static let caseTitle: DiagnosticCode = "case.title"
    public static let caseEmpty: DiagnosticCode = "case.empty"
    public static let stepsGap: DiagnosticCode = "steps.gap"
    public static let stepsOrder: DiagnosticCode = "steps.order"
    public static let htmlDepth: DiagnosticCode = "html.depth"
    public static let markdownDepth: DiagnosticCode = "markdown.depth"
    public static let jsonSyntax: DiagnosticCode = "json.syntax"
    public static let jsonShape: DiagnosticCode = "json.shape"
    public static let jsonStep: DiagnosticCode = "json.step"
    public static let jsonCall: DiagnosticCode = "json.call"
    public static let zephyrSection: DiagnosticCode = "zephyr.section"
    public static let zephyrTable: DiagnosticCode = "zephyr.table"
    public static let zephyrArticle: DiagnosticCode = "zephyr.article"
    public static let zephyrOrphan: DiagnosticCode = "zephyr.orphan"
    public static let zephyrUnexpected: DiagnosticCode = "zephyr.unexpected"
    public static let mattermostUnexpected: DiagnosticCode = "mattermost.unexpected"

    // MARK: Binding

    /// A step library's expression does not compile.
    public static let expressionInvalid: DiagnosticCode = "expression.invalid"
    /// A definition's closure does not take what its expression captures.
    public static let definitionArguments: DiagnosticCode = "definition.arguments"
    /// A case's text changed since its steps were pinned; `--strict` makes it an error.
    public static let bindingDrift: DiagnosticCode = "binding.drift"

    // MARK: Running

    /// A Markdown export left out for the JSON record beside it.
    public static let specTwin: DiagnosticCode = "spec.twin"
    /// The filters and the shard select none of the cases read.
    public static let runNothingSelected: DiagnosticCode = "run.nothing-selected"

    // MARK: Saved event streams

    public static let streamUnreadable: DiagnosticCode = "stream.unreadable"
    public static let streamEncoding: DiagnosticCode = "stream.encoding"
    public static let streamInvalid: DiagnosticCode = "stream.invalid"
    public static let streamSchema: DiagnosticCode = "stream.schema"
}
