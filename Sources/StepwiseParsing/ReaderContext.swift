import StepwiseModel

/// What every reader shares while reading one file: the text, the diagnostics so far and the
/// splitting of steps into items.
struct ReaderContext {
    let source: SourceText
    var diagnostics: [Diagnostic] = []
    /// The HTML parser of this thread, for every fragment of the file.
    let html = HTMLParser.forThisThread()

    init(source: SourceText) { self.source = source }

    var itemizer: StepItemizer { StepItemizer(file: source.path) }

    func location(line: Int, column: Int = 1) -> SourceLocation { source.location(line: line, column: column) }

    mutating func report(
        _ severity: Diagnostic.Severity, _ message: String, line: Int, column: Int = 1, hint: String? = nil,
        code: DiagnosticCode
    ) {
        diagnostics.append(
            Diagnostic(severity, message, at: location(line: line, column: column), hint: hint, code: code))
    }

    /// A step with its instructions and expectations derived from its text.
    func makeStep(
        number: String, call: CaseCall?, action: LocatedText?, testData: LocatedText?, expected: LocatedText?,
        info: [Field], line: Int
    ) -> Step {
        var (instructions, written) = action.map { itemizer.numberedInstructions($0) } ?? ([], [])
        var expectations = expected.map { itemizer.expectations($0) } ?? []
        var columns = ItemColumns(source: source)
        columns.locate(&instructions)
        columns.locate(&expectations)
        return Step(
            number: number, call: call, action: action?.text, testData: testData?.text, expected: expected?.text,
            // A field whose value shows nothing (an empty paragraph, a space) is an empty field, left out.
            info: info.filter { !$0.value.plainText.allSatisfy(\.isWhitespace) }, instructions: instructions,
            expectations: StepItemizer.resolvingReferences(expectations, written: written), location: location(line: line))
    }

    /// Reports step numbers that skip (`1, 2, 5`): the Zephyr Markdown export drops calls to cases
    /// in other folders, so a gap usually means a call this file cannot show.
    mutating func reportGaps(in steps: [Step]) {
        reportOrder(of: steps)
        // Gaps are found between the numbers written, never by walking 1...highest: a typo such as
        // "**Step 20210101**" must not cost a loop that long, and "**Step 0**" none at all.
        // Sorted, a number written twice changes nothing below: no set needed to drop it.
        // By index, as in reportOrder(of:): reading a number never copies its step.
        let written = steps.indices.compactMap { Int(steps[$0].number.prefix { $0 != "." }) }.filter { $0 >= 1 }.sorted()
        var gaps: [ClosedRange<Int>] = []
        var next = 1
        for number in written {
            if number > next { gaps.append(next...(number - 1)) }
            next = number + 1
        }
        guard let first = gaps.first?.lowerBound,
            let anchor = steps.indices.first(where: { (Int(steps[$0].number.prefix { $0 != "." }) ?? 0) > first }).map({ steps[$0].location })
        else { return }
        let missing = gaps.reduce(0) { $0 + $1.count }
        // A few missing numbers are listed one by one; more (a typo, a long run of calls) as ranges.
        let list =
            missing <= 20
            ? gaps.flatMap { $0 }.map(String.init).joined(separator: ", ")
            : gaps.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.prefix(20)
                .joined(separator: ", ") + (gaps.count > 20 ? ", …" : "")
        diagnostics.append(
            Diagnostic(
                .note, "step\(missing == 1 ? "" : "s") \(list) missing from the numbering", at: anchor,
                hint: "the export leaves out calls to other test cases; the JSON record names them",
                code: .stepsGap))
    }

    /// Reports the first step numbered below the one before it (`2, 10, 1`): steps run in the
    /// order they are written, which a hand-edited file can make differ from their numbers.
    private mutating func reportOrder(of steps: [Step]) {
        var highest = 0
        var highestNumber = ""
        // By index: a step is large, and copying each one to read its number costs more than the check.
        for index in steps.indices {
            guard let top = Int(steps[index].number.prefix { $0 != "." }) else { continue }
            if top < highest {
                diagnostics.append(
                    Diagnostic(
                        .warning, "step \(steps[index].number) comes after step \(highestNumber)", at: steps[index].location,
                        hint: "steps run in the order they are written, not by their numbers", code: .stepsOrder))
                return
            }
            if top > highest { (highest, highestNumber) = (top, steps[index].number) }
        }
    }

    /// A title as the export wrote it, with the `(newline)` marker the Zephyr export uses for a
    /// line break turned back into one.
    static func title(_ raw: String) -> String {
        raw.replacingAll("(newline)", with: "\n")
    }
}
