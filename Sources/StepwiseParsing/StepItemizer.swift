import StepwiseModel

/// Splits a step's action into ``Instruction``s and its expected result into ``Expectation``s.
///
/// The rules, in the words of the people who write the exports: each item of a top-level list is
/// one instruction and its nested items are sub-items; lines numbered `1. … 2. …` (separated by
/// line breaks) are split the same way; a lone paragraph is one instruction; a line with a bold
/// label and a colon ("**Examples**: Mac, Windows") is a note on the instruction before it. In the
/// expected result a bold lead-in sentence and each bullet are separate expectations, and an
/// `On N.` prefix ties an expectation to instruction N.
struct StepItemizer {
    let file: String

    // MARK: Instructions

    func instructions(_ source: LocatedText) -> [Instruction] { numberedInstructions(source).instructions }

    /// The instructions, and the number each ordered one is written with where a reader sees one
    /// (`<ol start="3">`, `3. …` lines): the number an "On 3." in the expected result means.
    func numberedInstructions(_ source: LocatedText) -> (instructions: [Instruction], written: [WrittenNumber]) {
        var cursor = LineCursor(lines: source.itemLines)
        var result: [Instruction] = []
        var written: [WrittenNumber] = []
        for (node, line) in Self.flatten(source.text.nodes, lines: source.blockLines) {
            switch node {
            case .list(let ordered, let start, let items):
                // "Do this:" followed by bullets: the bullets are the variants of that instruction.
                if case .list(ordered: false, _, _) = node, let last = result.last, last.subItems.isEmpty,
                    last.text.hasSuffix(":")
                {
                    result[result.count - 1].subItems = items.map { item(instructionFrom: $0, cursor: &cursor, fallback: line) }
                    continue
                }
                for (offset, entry) in items.enumerated() {
                    let instruction = item(instructionFrom: entry, cursor: &cursor, fallback: line)
                    if instruction.text.isEmpty && instruction.subItems.isEmpty { continue }
                    result.append(instruction)
                    if ordered { written.append(WrittenNumber(number: start + offset, position: result.count)) }
                }
            case .paragraph(let inline), .group(let inline):
                appendInstructions(
                    fromInline: inline, line: line, breaksAreLines: source.breaksAreLines, to: &result, written: &written)
            default:
                let text = ItemText.normalize(node.plainText)
                cursor.skip(node)
                guard !text.isEmpty else { continue }
                if result.isEmpty {
                    result.append(Instruction(number: 0, text: text, location: location(line)))
                } else {
                    result[result.count - 1].notes.append(text)
                }
            }
        }
        Self.number(&result)
        return (result, written)
    }

    /// An ordered instruction's number as written, and its 1-based position in the step.
    struct WrittenNumber: Equatable {
        var number: Int
        var position: Int
    }

    /// Points each "On N." of `expectations` at the instruction written with the number N, when
    /// exactly one is and it is not the N-th: a list that starts at 3 makes "On 3." its first item.
    static func resolvingReferences(_ expectations: [Expectation], written: [WrittenNumber]) -> [Expectation] {
        guard written.contains(where: { $0.number != $0.position }),
            expectations.contains(where: { $0.instruction != nil })
        else { return expectations }
        return expectations.map { expectation in
            guard let number = expectation.instruction else { return expectation }
            let matches = written.filter { $0.number == number }
            guard matches.count == 1 else { return expectation }
            var copy = expectation
            copy.instruction = matches[0].position
            return copy
        }
    }

    private func appendInstructions(
        fromInline inline: [RichText.Node], line: Int, breaksAreLines: Bool, to result: inout [Instruction],
        written: inout [WrittenNumber]
    ) {
        var lines = Self.lines(of: inline, firstLine: line, breaksAreLines: breaksAreLines)
        lines.removeAll { ItemText.isSeparator($0.text) }
        let numbered = lines.contains { ItemText.stripMarker($0.text).marker != nil }
        if !numbered {
            // A lone paragraph is one instruction; a bold label line is a note on the one before.
            if let first = lines.first, first.isLabel, !result.isEmpty {
                result[result.count - 1].notes.append(contentsOf: lines.map(\.text))
                return
            }
            let text = lines.map(\.text).joined(separator: "\n")
            guard !text.isEmpty else { return }
            result.append(Instruction(number: 0, text: text, location: location(lines.first?.line ?? line)))
            return
        }
        var startedHere = false
        var leadIn: Int?
        for current in lines {
            let (text, marker) = ItemText.stripMarker(current.text)
            if marker != nil {
                result.append(Instruction(number: 0, text: text, location: location(current.line)))
                if case .ordered(let number)? = marker { written.append(WrittenNumber(number: number, position: result.count)) }
                startedHere = true
            } else if current.isLabel, !result.isEmpty {
                result[result.count - 1].notes.append(current.text)
            } else if startedHere {
                result[result.count - 1].notes.append(current.text)
            } else if let leadIn {
                result[leadIn].text += "\n" + current.text
            } else {
                // The lead-in before the first numbered line ("Deploy the test locally").
                result.append(Instruction(number: 0, text: current.text, location: location(current.line)))
                leadIn = result.count - 1
            }
        }
    }

    private func item(instructionFrom content: [RichText.Node], cursor: inout LineCursor, fallback: Int)
        -> Instruction
    {
        let line = cursor.next() ?? fallback
        let parts = Self.split(item: content)
        let lines = Self.lines(of: parts.head, firstLine: line, breaksAreLines: false)
        var instruction = Instruction(
            number: 0, text: lines.first?.text ?? "", notes: lines.dropFirst().map(\.text), location: location(line))
        for block in parts.rest {
            if case .list(_, _, let items) = block {
                for nested in items {
                    let sub = item(instructionFrom: nested, cursor: &cursor, fallback: line)
                    if !sub.text.isEmpty || !sub.subItems.isEmpty { instruction.subItems.append(sub) }
                }
            } else {
                cursor.skip(block)
                let text = ItemText.normalize(block.plainText)
                if !text.isEmpty { instruction.notes.append(text) }
            }
        }
        if instruction.text.isEmpty, let first = instruction.notes.first {
            instruction.text = first
            instruction.notes.removeFirst()
        }
        Self.number(&instruction.subItems)
        return instruction
    }

    /// Numbers items 1, 2, 3… in place.
    private static func number(_ instructions: inout [Instruction]) {
        for index in instructions.indices { instructions[index].number = index + 1 }
    }

    private static func number(_ expectations: inout [Expectation]) {
        for index in expectations.indices { expectations[index].number = index + 1 }
    }

    // MARK: Expectations

    func expectations(_ source: LocatedText) -> [Expectation] {
        var cursor = LineCursor(lines: source.itemLines)
        var result: [Expectation] = []
        var notes = ExpectationNotes()
        for (node, line) in Self.flatten(source.text.nodes, lines: source.blockLines) {
            switch node {
            case .list(_, _, let items):
                // The bullets under a "**Notes**:" line are notes too.
                if notes.listFollows {
                    cursor.skip(node)
                    for entry in items {
                        let text = ItemText.normalize(RichText(entry).plainText)
                        if !text.isEmpty { notes.add(text, to: &result) }
                    }
                    notes.listFollows = false
                    continue
                }
                for entry in items {
                    let expectation = item(expectationFrom: entry, cursor: &cursor, fallback: line)
                    if !expectation.text.isEmpty || !expectation.subItems.isEmpty { notes.append(expectation, to: &result) }
                }
            case .paragraph(let inline), .group(let inline):
                appendExpectations(
                    fromInline: inline, line: line, breaksAreLines: source.breaksAreLines, to: &result, notes: &notes)
            default:
                notes.listFollows = false
                cursor.skip(node)
                let text = ItemText.normalize(node.plainText)
                if !text.isEmpty { notes.append(expectation(text, line: line), to: &result) }
            }
        }
        notes.finish(&result)
        Self.number(&result)
        return result
    }

    /// "**Note**: …" in an expected result says something about the outcome, it is not one to
    /// check: it is a note on the expectation before it (like "**Examples**: …" on an
    /// instruction), or, first in the expected result, on the one after it.
    struct ExpectationNotes {
        /// The bold labels that make a line a note.
        static let labels: Set<String> = [
            "note", "notes", "nb", "n.b", "tip", "tips", "hint", "important", "related bug", "related bugs",
            "related ticket", "related tickets", "related ticket(s)", "example", "examples",
        ]
        /// Notes written before any expectation, for the first one.
        var waiting: [String] = []
        /// The last line was a note label alone ("**Notes**:"), so bullets after it are notes.
        var listFollows = false
        /// Lines after a note label in the same paragraph continue the note.
        var continuing = false

        static func isNote(_ line: StepItemizer.Line) -> Bool {
            guard let label = line.boldLabel else { return false }
            return labels.contains(label.lowercased())
        }

        mutating func add(_ text: String, to result: inout [Expectation]) {
            if result.isEmpty { waiting.append(text) } else { result[result.count - 1].notes.append(text) }
        }

        mutating func append(_ expectation: Expectation, to result: inout [Expectation]) {
            var expectation = expectation
            if !waiting.isEmpty {
                expectation.notes = waiting + expectation.notes
                waiting = []
            }
            result.append(expectation)
            listFollows = false
            continuing = false
        }

        /// Notes with no expectation to attach to are all there is to check: they stay one.
        mutating func finish(_ result: inout [Expectation]) {
            guard !waiting.isEmpty, result.isEmpty, let firstLocation else { return }
            result.append(Expectation(number: 0, text: waiting.joined(separator: "\n"), location: firstLocation))
            waiting = []
        }

        /// Where the first note was written.
        var firstLocation: SourceLocation?
    }

    private func appendExpectations(
        fromInline inline: [RichText.Node], line: Int, breaksAreLines: Bool, to result: inout [Expectation],
        notes: inout ExpectationNotes
    ) {
        // A marker or "On N." line starts an expectation, a bold lead-in is one of its own, and any other line
        // continues the expectation started above it in the same paragraph.
        var continuing = false
        notes.continuing = false
        notes.listFollows = false
        // "On 3." alone on its line: the lines after it are what instruction 3 should cause.
        var pendingInstruction: Int?
        for current in Self.lines(of: inline, firstLine: line, breaksAreLines: breaksAreLines)
        where !ItemText.isSeparator(current.text) {
            let (text, marker) = ItemText.stripMarker(current.text)
            let reference = ItemText.stripInstructionReference(text)
            if ExpectationNotes.isNote(current) {
                if notes.firstLocation == nil { notes.firstLocation = location(current.line) }
                notes.add(current.text, to: &result)
                notes.continuing = true
                notes.listFollows = current.endsAfterLabel
                continuing = false
                continue
            }
            if notes.continuing, marker == nil, reference.instruction == nil, current.leadIn == nil {
                notes.add(current.text, to: &result)
                continue
            }
            notes.continuing = false
            notes.listFollows = false
            if reference.instruction != nil, reference.text.isEmpty {
                pendingInstruction = reference.instruction
                continuing = false
            } else if marker != nil || reference.instruction != nil {
                var new = expectation(text, line: current.line)
                if new.instruction == nil { new.instruction = pendingInstruction } else { pendingInstruction = nil }
                notes.append(new, to: &result)
                continuing = true
            } else if let leadIn = current.leadIn {
                notes.append(expectation(leadIn, line: current.line), to: &result)
                if let rest = current.afterLeadIn { notes.append(expectation(rest, line: current.line), to: &result) }
                continuing = false
            } else if continuing {
                result[result.count - 1].text += "\n" + text
            } else {
                notes.append(expectation(text, line: current.line), to: &result)
                continuing = true
            }
        }
    }

    private func expectation(_ text: String, line: Int) -> Expectation {
        let (stripped, instruction) = ItemText.stripInstructionReference(text)
        return Expectation(number: 0, text: stripped, instruction: instruction, location: location(line))
    }

    private func item(expectationFrom content: [RichText.Node], cursor: inout LineCursor, fallback: Int)
        -> Expectation
    {
        let line = cursor.next() ?? fallback
        let parts = Self.split(item: content)
        var text = Self.lines(of: parts.head, firstLine: line, breaksAreLines: false).map(\.text).joined(separator: "\n")
        var subItems: [Expectation] = []
        for block in parts.rest {
            if case .list(_, _, let items) = block {
                for nested in items {
                    let sub = item(expectationFrom: nested, cursor: &cursor, fallback: line)
                    if !sub.text.isEmpty { subItems.append(sub) }
                }
            } else {
                cursor.skip(block)
                let extra = ItemText.normalize(block.plainText)
                if !extra.isEmpty { text += text.isEmpty ? extra : "\n" + extra }
            }
        }
        var result = expectation(text, line: line)
        Self.number(&subItems)
        result.subItems = subItems
        return result
    }

    // MARK: Shared

    private func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: 1) }

    /// Top-level blocks with transparent wrappers (`<article>`, `<div>`, a blockquote) opened.
    static func flatten(_ nodes: [RichText.Node], lines: [Int]) -> [(RichText.Node, Int)] {
        // Most fields are one run of inline content: one paragraph of those very nodes, no copy.
        if !nodes.isEmpty, !nodes.contains(where: opensAsBlocks) { return [(.paragraph(nodes), lines.first ?? 1)] }
        var result: [(RichText.Node, Int)] = []
        var inlineRun: [RichText.Node] = []
        var inlineLine = lines.first ?? 1
        func flushInline() {
            if !inlineRun.isEmpty { result.append((.paragraph(inlineRun), inlineLine)) }
            inlineRun = []
        }
        for (index, node) in nodes.enumerated() {
            let line = index < lines.count ? lines[index] : (lines.last ?? 1)
            switch node {
            case .group(let children) where children.contains(where: \.isBlock),
                .blockQuote(let children):
                flushInline()
                result.append(contentsOf: flatten(children, lines: Array(repeating: line, count: children.count)))
            case .paragraph(let children) where children.contains(where: \.isBlock):
                flushInline()
                result.append(contentsOf: flatten(children, lines: Array(repeating: line, count: children.count)))
            default:
                if node.isBlock {
                    flushInline()
                    result.append((node, line))
                } else {
                    if inlineRun.isEmpty { inlineLine = line }
                    inlineRun.append(node)
                }
            }
        }
        flushInline()
        return result
    }

    /// Whether ``flatten(_:lines:)`` takes `node` as blocks of its own: a block, or a group holding one.
    private static func opensAsBlocks(_ node: RichText.Node) -> Bool {
        if case .group(let children) = node { return children.contains(where: \.isBlock) }
        return node.isBlock
    }

    /// An item's leading inline content (or its first paragraph) and the blocks after it.
    static func split(item content: [RichText.Node]) -> (head: [RichText.Node], rest: [RichText.Node]) {
        // Most items are inline content alone, which is their head as it is.
        let isPlainInline = { (node: RichText.Node) -> Bool in
            if case .group = node { return false }
            return !node.isBlock
        }
        if content.allSatisfy(isPlainInline) { return (content, []) }
        var head: [RichText.Node] = []
        for (index, node) in content.enumerated() {
            switch node {
            case .paragraph(let children) where head.isEmpty && !children.contains(where: \.isBlock):
                return (children, Array(content[(index + 1)...]))
            case .group(let children) where !children.contains(where: \.isBlock):
                head.append(contentsOf: children)
            case _ where node.isBlock, .group:
                return (head, Array(content[index...]))
            default:
                head.append(node)
            }
        }
        return (head, [])
    }

    /// The children of an inline container and a way to wrap others the same way.
    static func inlineContainer(_ node: RichText.Node) -> ([RichText.Node], ([RichText.Node]) -> RichText.Node)? {
        switch node {
        case .emphasis(let children): (children, { .emphasis($0) })
        case .strong(let children): (children, { .strong($0) })
        case .strikethrough(let children): (children, { .strikethrough($0) })
        case .link(let destination, let children): (children, { .link(destination: destination, $0) })
        default: nil
        }
    }

    /// One line of an inline run, split at line breaks.
    struct Line {
        var text: String
        var line: Int
        /// What a leading bold run makes of the line. Most lines have none, and keeping it apart
        /// makes copying and dropping such a line cost one string's reference count, not four.
        var bold: Bold?

        /// What the rules read from a line that starts with a bold run.
        struct Bold {
            /// Normalised text of the leading bold run.
            var leadIn: String?
            /// What follows the bold lead-in sentence on the same line, when it is a sentence of its own.
            var afterLeadIn: String?
            /// A bold label then a colon: "**Examples**: Mac, Windows".
            var isLabel = false
            /// The label of a bold label line, without its colon ("Note" of "**Note**: …" or "**Note:** …").
            var boldLabel: String?
            /// Nothing follows the label's colon ("**Notes**:").
            var endsAfterLabel = false
        }

        var leadIn: String? { bold?.leadIn }
        var afterLeadIn: String? { bold?.afterLeadIn }
        var isLabel: Bool { bold?.isLabel ?? false }
        var boldLabel: String? { bold?.boldLabel }
        var endsAfterLabel: Bool { bold?.endsAfterLabel ?? false }
    }

    /// The children of an inline container, without making the closure ``inlineContainer(_:)`` makes.
    private static func containerChildren(_ node: RichText.Node) -> [RichText.Node]? {
        switch node {
        case .emphasis(let children), .strong(let children), .strikethrough(let children), .link(_, let children): children
        default: nil
        }
    }

    /// True when `inline` is one line as it is: no break, paragraph or group anywhere a line could end.
    private static func isSingleLine(_ inline: [RichText.Node]) -> Bool {
        inline.allSatisfy { node in
            switch node {
            case .lineBreak, .group, .paragraph: false
            default: containerChildren(node).map { !$0.contains(.lineBreak) } ?? true
            }
        }
    }

    static func lines(of inline: [RichText.Node], firstLine: Int, breaksAreLines: Bool) -> [Line] {
        // Most paragraphs are one line: no groups to build.
        if isSingleLine(inline) {
            return line(of: inline, line: firstLine).map { [$0] } ?? []
        }
        var groups: [[RichText.Node]] = [[]]
        var breakCount = [0]
        var breaks = 0
        func walk(_ nodes: [RichText.Node]) {
            for node in nodes {
                // A break inside emphasis still ends the line: split the emphasis around it.
                if let children = Self.containerChildren(node), children.contains(.lineBreak),
                    let (_, rewrap) = Self.inlineContainer(node)
                {
                    walk(children.split(separator: .lineBreak, omittingEmptySubsequences: false).enumerated().flatMap {
                        index, segment in (index > 0 ? [RichText.Node.lineBreak] : []) + [rewrap(Array(segment))]
                    })
                    continue
                }
                switch node {
                case .lineBreak:
                    breaks += 1
                    groups.append([])
                    breakCount.append(breaks)
                case .group(let children):
                    walk(children)
                case .paragraph(let children):
                    if !(groups.last?.isEmpty ?? true) { groups.append([]); breakCount.append(breaks) }
                    walk(children)
                    groups.append([])
                    breakCount.append(breaks)
                default:
                    groups[groups.count - 1].append(node)
                }
            }
        }
        walk(inline)
        var result: [Line] = []
        for (index, group) in groups.enumerated() {
            if let entry = line(of: group, line: breaksAreLines ? firstLine + breakCount[index] : firstLine) { result.append(entry) }
        }
        return result
    }

    /// One line's entry, `nil` when it holds no text.
    private static func line(of group: [RichText.Node], line: Int) -> Line? {
        if group.count == 1, case .text(let plain) = group[0] {
            // Most lines: one text node, which has no bold lead-in to look for.
            let text = ItemText.normalize(plain)
            return text.isEmpty ? nil : Line(text: text, line: line)
        }
        let text = ItemText.normalize(RichText(group).plainText)
        guard !text.isEmpty else { return nil }
        var entry = Line(text: text, line: line)
        // Only whitespace may come before a bold lead-in.
        let boldIndex = group.firstIndex { node in
            if case .text(let text) = node { return !text.utf8.allSatisfy(\.isASCIIWhitespace) }
            return true
        }
        if let boldIndex, case .strong = group[boldIndex] {
            var bold = Line.Bold()
            let boldText = ItemText.normalize(group[boldIndex].plainText)
            let restStart = boldIndex + 1
            let rest = ItemText.normalize(RichText(Array(group[restStart...])).plainText)
            if rest.isEmpty || rest.first.map({ ":;,.!?".contains($0) }) == true {
                // "**Other users' sessions are revoked, either**:" is one lead-in sentence.
                bold.leadIn = text
                bold.isLabel = rest.hasPrefix(":") && boldText.count <= 40 && rest.count > 1
                if rest.hasPrefix(":"), boldText.count <= 40 {
                    bold.boldLabel = boldText
                    bold.endsAfterLabel = rest == ":"
                } else if rest.isEmpty, boldText.hasSuffix(":"), boldText.count <= 41 {
                    bold.boldLabel = String(boldText.dropLast())
                    bold.endsAfterLabel = true
                }
            } else if boldText.hasSuffix(":") {
                bold.isLabel = boldText.count <= 40
                bold.boldLabel = boldText.count <= 41 ? String(boldText.dropLast()) : nil
                bold.leadIn = text
            } else {
                bold.leadIn = boldText
                bold.afterLeadIn = rest
            }
            entry.bold = bold
        }
        return entry
    }
}
