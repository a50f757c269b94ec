import StepwiseModel

/// What every reader shares while reading one file: the text, the diagnostics so far and the
/// splitting of steps into items.
struct ReaderContext {
    let source: SourceText
    var diagnostics: [Diagnostic] = []
    /// One HTML parser for the whole file.
    let html = HTMLParser()

    init(source: SourceText) { self.source = source }

    var itemizer: StepItemizer { StepItemizer(file: source.path) }

    func location(line: Int, column: Int = 1) -> SourceLocation { source.location(line: line, column: column) }

    mutating func report(
        _ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int = 1, hint: String? = nil,
        code: String
    ) {
        diagnostics.append(
            Diagnostic(severity, message, at: location(line: line, column: column), hint: hint, code: code))
    }

    /// A step with its instructions and expectations derived from its text.
    func makeStep(
        number: String, call: CaseCall?, action: LocatedText?, testData: LocatedText?, expected: LocatedText?,
        info: [Field], line: Int
    ) -> Step {
        Step(
            number: number, call: call, action: action?.text, testData: testData?.text, expected: expected?.text,
            info: info, instructions: action.map { itemizer.instructions($0) } ?? [],
            expectations: expected.map { itemizer.expectations($0) } ?? [], location: location(line: line))
    }

    /// Reports step numbers that skip (`1, 2, 5`): the Zephyr Markdown export drops calls to cases
    /// in other folders, so a gap usually means a call this file cannot show.
    mutating func reportGaps(in steps: [Step]) {
        var seen = Set<Int>()
        for step in steps {
            if let top = Int(step.number.prefix { $0 != "." }) { seen.insert(top) }
        }
        guard let highest = seen.max() else { return }
        let missing = (1...highest).filter { !seen.contains($0) }
        guard !missing.isEmpty, let anchor = steps.first(where: { (Int($0.number.prefix { $0 != "." }) ?? 0) > missing[0] })
        else { return }
        let list = missing.map(String.init).joined(separator: ", ")
        diagnostics.append(
            Diagnostic(
                .note, "step\(missing.count == 1 ? "" : "s") \(list) missing from the numbering", at: anchor.location,
                hint: "the export leaves out calls to other test cases; the JSON record names them",
                code: "steps.gap"))
    }

    /// A title as the export wrote it, with the `(newline)` marker the Zephyr export uses for a
    /// line break turned back into one.
    static func title(_ raw: String) -> String {
        raw.replacingAll("(newline)", with: "\n")
    }
}
