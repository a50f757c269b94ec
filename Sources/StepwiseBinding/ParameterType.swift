/// A named kind of value an expression captures, such as `{int}` or `{duration}`: how to find it
/// in text and what Swift value it becomes.
public struct ParameterType: Sendable {
    /// The name between braces.
    public let name: String
    /// The Swift type the value converts to, for messages and snippets.
    public var typeName: String { String(describing: value) }
    /// Named only for a message: describing a type takes reflection, which a loading library
    /// would otherwise pay for every parameter type it declares.
    private let value: any Sendable.Type
    let valueType: ObjectIdentifier
    /// End offsets at which the parameter could stop when starting at an offset, best first.
    let scan: @Sendable (MatchText, Int) -> [Int]
    let convert: @Sendable (String) throws -> any Sendable

    init<Value: Sendable>(
        name: String, as type: Value.Type, scan: @escaping @Sendable (MatchText, Int) -> [Int],
        convert: @escaping @Sendable (String) throws -> Value
    ) {
        self.name = name
        self.value = Value.self
        self.valueType = ObjectIdentifier(Value.self)
        self.scan = scan
        self.convert = { try convert($0) }
    }

    /// A custom parameter type: text matching `regex` (compared without case, starting where the
    /// parameter starts) becomes a value through `transform`.
    ///
    /// ```swift
    /// steps.parameter(ParameterType("browser", matching: #/chrome|firefox|safari|edge/#) { text in
    ///     guard let browser = Browser(rawValue: text) else { throw StepFailure("'\(text)' is not a browser") }
    ///     return browser
    /// })
    /// ```
    ///
    /// A `transform` that throws makes the item undefined, and its message says why.
    public init<Output, Value: Sendable>(
        _ name: String, matching regex: @autoclosure @escaping @Sendable () -> Regex<Output>,
        transform: @escaping @Sendable (String) throws -> Value
    ) {
        // Built at the first scan: loading a library parses none of its patterns.
        let pattern = LazyRegex { Regex<AnyRegexOutput>(regex()).ignoresCase() }
        self.init(
            name: name, as: Value.self,
            scan: { text, start in
                let slice = text.string[text.index(at: start)...]
                guard let match = try? pattern.regex?.prefixMatch(in: slice), match.range.upperBound > slice.startIndex
                else { return [] }
                return [text.offset(of: match.range.upperBound)]
            },
            convert: transform)
    }

    /// A parameter type over a pattern in Swift's regex syntax, read by Stepwise's own matcher as
    /// a definition's pattern text is (Swift's `Regex`, built when first needed, only for text that
    /// matcher does not read): the built-in library's types, whose patterns a run then never
    /// parses with Swift's regex parser. Matches as ``init(_:matching:transform:)`` does.
    package init<Value: Sendable>(_ name: String, pattern: String, transform: @escaping @Sendable (String) throws -> Value) {
        let pattern = BuiltinPattern(pattern)
        self.init(
            name: name, as: Value.self,
            scan: { text, start in
                guard let end = pattern.prefixMatch(text, at: start), end > start else { return [] }
                return [end]
            },
            convert: transform)
    }

    /// A custom parameter type whose value is the matched text.
    public init<Output>(_ name: String, matching regex: @autoclosure @escaping @Sendable () -> Regex<Output>) {
        self.init(name, matching: regex()) { $0 }
    }
}

/// The parameter types an expression may use: the built-ins and those a library registers.
public struct ParameterRegistry: Sendable {
    private var types: [String: ParameterType]

    /// The built-in types:
    ///
    /// | name | matches | Swift value |
    /// | --- | --- | --- |
    /// | `{int}` | `42`, `-3`, and the words `one` to `twelve` | `Int` |
    /// | `{float}` | `2.5`, `-1`, `30` | `Double` |
    /// | `{word}` | a run of non-space characters | `String` |
    /// | `{string}` | `"quoted"` or `'quoted'` (curly quotes too) | `String`, without the quotes |
    /// | `{}` | anything (as much as the rest allows) | `String` |
    /// | `{list}` | `Mac, Windows, iOS and Android` | `[String]` split on `,` `;` ` and ` ` or ` |
    /// | `{duration}` | `1 minute`, `~30 seconds`, `500 ms`, `an hour` | `Duration` |
    /// | `{period}` | `~2-30 seconds`, `over 24 hours`, `up to 5 minutes`, `1 minute` | ``DurationRange`` |
    public static let standard = ParameterRegistry(types: BuiltinParameters.all)

    private init(types: [ParameterType]) {
        self.types = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The type registered under `name` (the word between the braces, `int` for `{int}`), if any.
    public subscript(name: String) -> ParameterType? { types[name] }

    /// Every name, sorted.
    public var names: [String] { types.keys.sorted() }

    /// Adds or replaces a type.
    public mutating func register(_ type: ParameterType) { types[type.name] = type }
}

/// A span of time as manual tests write it: "~2-30 seconds", "over 24 hours", "1 minute".
public struct DurationRange: Hashable, Sendable, CustomStringConvertible {
    /// The shortest time the text allows.
    public var lowerBound: Duration
    /// The longest, or `nil` for open spans such as "over 24 hours".
    public var upperBound: Duration?
    /// Written with `~`, "about" or "approximately".
    public var isApproximate: Bool

    /// A span from `lowerBound` to `upperBound` (`nil`: open-ended), approximate when written with
    /// "~".
    public init(lowerBound: Duration, upperBound: Duration?, isApproximate: Bool = false) {
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.isApproximate = isApproximate
    }

    /// True when `duration` lies in the span (bounds included).
    public func contains(_ duration: Duration) -> Bool {
        duration >= lowerBound && (upperBound.map { duration <= $0 } ?? true)
    }

    public var description: String {
        let prefix = isApproximate ? "~" : ""
        guard let upperBound else { return "over \(DurationRange.format(lowerBound))" }
        if upperBound == lowerBound { return prefix + DurationRange.format(lowerBound) }
        return "\(prefix)\(DurationRange.format(lowerBound))-\(DurationRange.format(upperBound))"
    }

    /// Seconds with at most three decimals and an `s`: `7.4 s`.
    public static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let rounded = (seconds * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return "\(Int(rounded)) s" }
        return "\(rounded) s"
    }
}
