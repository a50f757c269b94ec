import StepwiseModel

/// Reads the Markdown format of Mattermost's test-management repository: long YAML front matter,
/// `## KEY: title`, `**Objective**`, `**Precondition**`, steps separated by `---`, each
/// `**Step N**` with `**Test Data**` and `**Expected**`, as plain Markdown.
///
/// A called case is expanded inline: `**Step N from MM-Tx: name**`, a generated HTML comment, then
/// its steps as `_**Step N.M**_` (calls nest, so `N.M.K` and deeper occur).
struct MattermostMarkdownReader {
    var context: ReaderContext

    init(source: SourceText) { context = ReaderContext(source: source) }

    /// Front-matter keys that are the case's own metadata rather than custom fields.
    private static let metadataKeys: Set<String> = [
        "name", "status", "priority", "folder", "component", "labels", "id", "key", "created_on", "case_hashed",
        "steps_hashed",
    ]

    /// The Zephyr names of the custom fields the front matter spells in snake case.
    private static let fieldNames: [String: String] = [
        "authors": "Authors", "team_ownership": "Team Ownership", "priority_p1_to_p4": "Priority P1 to P4",
        "location": "Location", "tags": "Tags", "tested_by_contributor": "Tested by Contributor",
        "cypress": "Cypress", "detox": "Detox", "mmctl": "MMCTL", "playwright": "Playwright",
        "rainforest": "Rainforest", "manual_test_environments": "Manual Test Environments",
        "last_updated": "Last Updated", "fix_versions": "Fix Versions", "selenium": "Selenium",
        "cypress_reports": "Cypress Reports", "update_notes": "Update notes",
    ]

    private enum Target { case none, objective, precondition, action, info, testData, expected }

    private struct PendingStep {
        var number: String
        var call: CaseCall?
        var line: Int
        var action: [MarkdownBlock] = []
        var testData: [MarkdownBlock] = []
        var expected: [MarkdownBlock] = []
        /// Step info fields written after the action (`_Related ticket(s):_` and its text).
        var info: [(name: String, blocks: [MarkdownBlock])] = []
    }

    mutating func read() -> (TestCase?, [Diagnostic]) {
        let source = context.source
        var testCase = TestCase(key: "", title: "", format: .mattermostMarkdown, location: context.location(line: 1))
        // The front matter is blanked out (newlines kept) so cmark's lines are the file's lines.
        var body = source.bytes
        if let frontMatter = FrontMatter.locate(in: source) {
            for index in 0..<frontMatter.end where body[index] != UInt8(ascii: "\n") { body[index] = 0x20 }
            do {
                apply(try FrontMatter.parse(source.string(frontMatter.content)), to: &testCase)
            } catch {
                context.report(
                    .warning, "front matter is not valid YAML: \(error.problem)", line: error.line + 1,
                    column: error.column, hint: "the key and title are taken from the '## KEY: title' heading",
                    code: .yamlInvalid)
            }
        }
        let parsed = body.withUnsafeBufferPointer { MarkdownConverter.blocks($0) }
        if parsed.truncatedDepth {
            context.report(
                .warning, "Markdown nested deeper than \(HTMLConverter.maximumDepth) levels was flattened to text",
                line: 1, code: .markdownDepth)
        }

        var objective: [MarkdownBlock] = []
        var precondition: [MarkdownBlock] = []
        var steps: [PendingStep] = []
        var target = Target.none
        var sawHeading = false

        for block in parsed.blocks.flatMap(splittingLeadingMarker) {
            if block.isComment { continue }
            if case .heading(level: 2, let children) = block.node, !sawHeading {
                sawHeading = true
                testCase.location = context.location(line: block.line)
                let heading = RichText(children).plainText
                if let colon = heading.firstRange(ofASCII: ": ") {
                    if testCase.key.isEmpty { testCase.key = String(heading[..<colon.lowerBound]) }
                    if testCase.title.isEmpty { testCase.title = String(heading[colon.upperBound...]) }
                } else if testCase.key.isEmpty {
                    testCase.key = heading
                }
                continue
            }
            if case .thematicBreak = block.node { continue }
            if let marker = Self.marker(block.node) {
                switch marker {
                case "Objective": target = .objective; continue
                case "Precondition": target = .precondition; continue
                case "Expected" where !steps.isEmpty: target = .expected; continue
                case "Test Data" where !steps.isEmpty: target = .testData; continue
                default:
                    if let step = Self.step(marker, line: block.line) {
                        steps.append(step)
                        target = .action
                        continue
                    }
                }
            }
            if target == .action || target == .info, let name = Self.infoLabel(block.node) {
                steps[steps.count - 1].info.append((name, []))
                target = .info
                continue
            }
            switch target {
            case .objective: objective.append(block)
            case .precondition: precondition.append(block)
            case .action: steps[steps.count - 1].action.append(block)
            case .info:
                let step = steps.count - 1
                steps[step].info[steps[step].info.count - 1].blocks.append(block)
            case .testData: steps[steps.count - 1].testData.append(block)
            case .expected: steps[steps.count - 1].expected.append(block)
            case .none:
                if sawHeading {
                    context.report(.warning, "text outside any step or section", line: block.line, code: .mattermostUnexpected)
                }
            }
        }

        if testCase.key.isEmpty {
            context.report(
                .error, "no test-case key: neither the front matter nor a '## KEY: title' heading names one",
                line: 1, code: .caseKey)
            return (nil, context.diagnostics)
        }
        testCase.title = ReaderContext.title(testCase.title)
        testCase.objective = Self.located(objective)?.text
        testCase.precondition = Self.located(precondition)?.text
        testCase.steps = steps.map { pending in
            context.makeStep(
                number: pending.number, call: pending.call, action: Self.located(pending.action),
                testData: Self.located(pending.testData), expected: Self.located(pending.expected),
                info: pending.info.compactMap { field in
                    // A label with nothing after it names a field left empty, as the JSON record leaves it.
                    guard let text = Self.located(field.blocks)?.text, !text.plainText.isEmpty else { return nil }
                    return Field(name: field.name, value: text)
                }, line: pending.line)
        }
        if testCase.steps.isEmpty {
            context.report(.warning, "test case has no steps", line: testCase.location.line, code: .caseEmpty)
        }
        context.reportGaps(in: testCase.steps)
        return (testCase, context.diagnostics)
    }

    private static func located(_ blocks: [MarkdownBlock]) -> LocatedText? {
        guard !blocks.isEmpty else { return nil }
        return LocatedText(
            text: RichText(blocks.map(\.node)), blockLines: blocks.map(\.line), itemLines: blocks.flatMap(\.itemLines),
            breaksAreLines: true)
    }

    private func apply(_ yaml: FrontMatter, to testCase: inout TestCase) {
        testCase.key = yaml["key"]?.text ?? ""
        testCase.title = yaml["name"]?.text ?? ""
        testCase.status = yaml["status"]?.text
        testCase.priority = yaml["priority"]?.text
        testCase.component = yaml["component"]?.text
        testCase.createdOn = yaml["created_on"]?.text
        testCase.labels = yaml["labels"]?.list ?? []
        // This format names only the innermost folder.
        testCase.folder = yaml["folder"]?.list ?? []
        for (key, value) in yaml.entries where !Self.metadataKeys.contains(key) {
            guard let text = value.text, !text.isEmpty else { continue }
            testCase.fields.append(Field(name: Self.fieldNames[key] ?? key, value: RichText(text: text)))
        }
    }

    /// The text of a paragraph that is only bold (`**Expected**`) or bold in italics
    /// (`_**Step 1.1**_`).
    static func marker(_ node: RichText.Node) -> String? {
        guard case .paragraph(let children) = node else { return nil }
        let visible = children.filter { if case .text(let text) = $0 { return !text.allSatisfy(\.isWhitespace) } else { return true } }
        guard visible.count == 1 else { return nil }
        switch visible[0] {
        case .strong(let inner): return RichText(inner).plainText
        case .emphasis(let inner):
            guard inner.count == 1, case .strong(let strong) = inner[0] else { return nil }
            return RichText(strong).plainText
        default: return nil
        }
    }

    /// The name of a step info field from its label, a paragraph that is only italic text ending
    /// in a colon: `_Related ticket(s):_` names the field "Related ticket(s)", as the Zephyr
    /// record's step custom fields (and the Zephyr export's **Step Info** table) name it. The
    /// format writes a step's info fields this way after its action; the blocks after a label,
    /// up to the next label or section, are the field's text.
    static func infoLabel(_ node: RichText.Node) -> String? {
        guard case .paragraph(let children) = node else { return nil }
        let visible = children.filter { if case .text(let text) = $0 { return !text.allSatisfy(\.isWhitespace) } else { return true } }
        guard visible.count == 1, case .emphasis(let inner) = visible[0], inner.count == 1, case .text(let label) = inner[0]
        else { return nil }
        let trimmed = label.trimmingASCIIWhitespace()
        guard trimmed.hasSuffix(":"), trimmed.count > 1, trimmed.count <= 80, !trimmed.contains("\n") else { return nil }
        return String(trimmed.dropLast()).trimmingASCIIWhitespace().isEmpty ? nil : String(trimmed.dropLast())
    }

    /// A paragraph whose first line is only a marker (`**Step 3**`, `**Expected**`) and whose
    /// next lines are text, as a hand-edited file writes it without the blank line between: the
    /// marker and the text after it, so the text is not read into the step or section before.
    /// Every other block is returned as it is.
    private func splittingLeadingMarker(_ block: MarkdownBlock) -> [MarkdownBlock] {
        guard case .paragraph(let children) = block.node, children.count > 1,
            let marker = Self.marker(.paragraph([children[0]])),
            Self.sectionMarkers.contains(marker) || Self.step(marker, line: block.line) != nil
        else { return [block] }
        // Only a marker alone on its line: "**Step 3** Do X" on one line stays a paragraph.
        var bare = context.source.text(ofLine: block.line).trimmingASCIIWhitespace()
        while let first = bare.first, first == "*" || first == "_" { bare.removeFirst() }
        while let last = bare.last, last == "*" || last == "_" { bare.removeLast() }
        guard bare == marker else { return [block] }
        var rest = Array(children.dropFirst())
        while case .text(let text)? = rest.first, text.allSatisfy(\.isWhitespace) { rest.removeFirst() }
        if case .text(let text)? = rest.first { rest[0] = .text(String(text.drop { $0.isWhitespace })) }
        guard !rest.isEmpty else { return [block] }
        let head = MarkdownBlock(node: .paragraph([children[0]]), line: block.line, itemLines: [], isComment: false)
        let tail = MarkdownBlock(node: .paragraph(rest), line: block.line + 1, itemLines: block.itemLines, isComment: false)
        return [head] + splittingLeadingMarker(tail)
    }

    private static let sectionMarkers: Set<String> = ["Objective", "Precondition", "Expected", "Test Data"]

    /// `Step 2`, `Step 2.1` or `Step 1 from MM-T3907: Setup the test-app`.
    private static func step(_ marker: String, line: Int) -> PendingStep? {
        guard marker.hasPrefix("Step ") else { return nil }
        let rest = marker.dropFirst(5)
        let number = rest.prefix { $0 != " " }
        guard ZephyrMarkdownReader.isStepNumber(number) else { return nil }
        let tail = rest.dropFirst(number.count)
        if tail.isEmpty { return PendingStep(number: String(number), line: line) }
        guard tail.hasPrefix(" from ") else { return nil }
        let call = tail.dropFirst(6)
        if let colon = call.firstRange(of: ": ") {
            return PendingStep(
                number: String(number),
                call: CaseCall(key: String(call[..<colon.lowerBound]), name: String(call[colon.upperBound...])), line: line)
        }
        return PendingStep(number: String(number), call: CaseCall(key: String(call)), line: line)
    }
}
