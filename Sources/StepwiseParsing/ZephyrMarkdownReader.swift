import StepwiseModel

/// Reads the Zephyr Scale Markdown export: `key`/`title` front matter, `## KEY: title`, a
/// `### Details` table, `### Steps` with `**Step N**` and `> <article>HTML</article>` blocks, and an
/// optional `### More Info` table.
///
/// The format is generated, so it is read line by line (fast, and exact about lines); the HTML in
/// each `<article>` goes through libxml2. Where the HTML held a newline the blockquote breaks and
/// the following lines are no longer quoted: the article then runs to the line ending in
/// `</article>`.
struct ZephyrMarkdownReader {
    var context: ReaderContext

    init(source: SourceText) { context = ReaderContext(source: source) }

    private enum Target {
        case objective, precondition, action, testData, expected, stepInfo, details, moreInfo, none
    }

    private struct PendingStep {
        var number: String
        var line: Int
        var action: LocatedText?
        var testData: LocatedText?
        var expected: LocatedText?
        var info: [Field] = []
    }

    mutating func read() -> (TestCase?, [Diagnostic]) {
        let source = context.source
        var key: String?
        var title: String?
        var caseLine = 1
        var firstBodyLine = 1

        if let frontMatter = FrontMatter.locate(in: source) {
            firstBodyLine = frontMatter.closingLine + 1
            do {
                let yaml = try FrontMatter.parse(source.string(frontMatter.content))
                key = yaml["key"]?.text
                title = yaml["title"]?.text.map(ReaderContext.title)
            } catch {
                // The export writes `title: <title>` unquoted, which is what breaks the YAML; the
                // line itself is still the title verbatim (the heading went through `deno fmt`,
                // which rewrites Markdown such as `*x*` to `_x_`).
                let raw = Self.rawEntries(source, lines: 2..<frontMatter.closingLine)
                key = raw["key"]
                title = raw["title"].map(ReaderContext.title)
                context.report(
                    .warning, "front matter is not valid YAML: \(error.problem)", line: error.line + 1,
                    column: error.column,
                    hint: "the key and title are read from the 'key:' and 'title:' lines as written, else from the '## KEY: title' heading",
                    code: .yamlInvalid)
            }
        }

        var testCase = TestCase(key: key ?? "", title: title ?? "", format: .zephyrMarkdown, location: context.location(line: 1))
        var steps: [PendingStep] = []
        var target = Target.none
        var line = firstBodyLine
        var sawHeading = false

        let bytes = source.bytes
        while line <= source.lineCount {
            // The line is looked at through its range in `bytes`: a slice per line would retain
            // and release the file's bytes for every line of every file.
            let range = Self.trimmed(bytes, source.range(ofLine: line))
            defer { line += 1 }
            if range.isEmpty || Self.equals(bytes, range, "<hr/>") || Self.equals(bytes, range, "<hr>") { continue }
            let first = bytes[range.lowerBound]
            if first == UInt8(ascii: "|") {
                let (fields, lastLine) = readTable(from: line, html: target != .details)
                switch target {
                case .details: apply(details: fields, to: &testCase)
                case .moreInfo: testCase.fields.append(contentsOf: fields.map { Field(name: $0.name, value: $0.value) })
                case .stepInfo where !steps.isEmpty:
                    steps[steps.count - 1].info.append(contentsOf: fields.map { Field(name: $0.name, value: $0.value) })
                default:
                    context.report(.warning, "table outside any known section", line: line, code: .zephyrUnexpected)
                }
                line = lastLine
                continue
            }
            if first == UInt8(ascii: ">") {
                let (article, lastLine) = readArticle(from: line)
                line = lastLine
                switch target {
                case .objective: testCase.objective = article?.text
                case .precondition: testCase.precondition = article?.text
                case .action where !steps.isEmpty: steps[steps.count - 1].action = article
                case .testData where !steps.isEmpty: steps[steps.count - 1].testData = article
                case .expected where !steps.isEmpty: steps[steps.count - 1].expected = article
                default:
                    context.report(.warning, "quoted text outside any step or section", line: line, code: .zephyrUnexpected)
                }
                target = .none
                continue
            }
            let text = bytes[range]

            if Self.hasPrefix(text, "## "), !sawHeading {
                sawHeading = true
                caseLine = line
                let heading = String(decoding: text.dropFirst(3), as: UTF8.self)
                if let colon = heading.firstRange(ofASCII: ": ") {
                    let headingKey = String(heading[..<colon.lowerBound])
                    let headingTitle = String(heading[colon.upperBound...])
                    if testCase.key.isEmpty { testCase.key = headingKey }
                    if testCase.title.isEmpty { testCase.title = ReaderContext.title(headingTitle) }
                } else if testCase.key.isEmpty {
                    testCase.key = heading
                }
                continue
            }
            if Self.hasPrefix(text, "### ") {
                let name = String(decoding: text.dropFirst(4), as: UTF8.self)
                switch name {
                case "Details": target = .details
                case "Steps": target = .none
                case "More Info": target = .moreInfo
                default:
                    context.report(.warning, "unknown section '\(name)'", line: line, code: .zephyrSection)
                    target = .none
                }
                continue
            }
            if let marker = Self.boldMarker(text) {
                switch marker {
                case "Objective": target = .objective
                case "Precondition": target = .precondition
                case "Test Data": target = .testData
                case "Expected": target = .expected
                case "Step Info": target = .stepInfo
                default:
                    if marker.hasPrefix("Step "), Self.isStepNumber(marker.dropFirst(5)) {
                        steps.append(PendingStep(number: String(marker.dropFirst(5)), line: line))
                        target = .action
                    } else {
                        context.report(.warning, "unexpected line '**\(marker)**'", line: line, code: .zephyrUnexpected)
                    }
                }
                if [.testData, .expected, .stepInfo].contains(target), steps.isEmpty {
                    context.report(.warning, "'\(marker)' before any step", line: line, code: .zephyrOrphan)
                    target = .none
                }
                continue
            }
            context.report(
                .warning, "unexpected line in a Zephyr Markdown export", line: line, code: .zephyrUnexpected)
        }

        if testCase.key.isEmpty {
            context.report(
                .error, "no test-case key: neither the front matter nor a '## KEY: title' heading names one",
                line: firstBodyLine, code: .caseKey)
            return (nil, context.diagnostics)
        }
        testCase.location = context.location(line: caseLine)
        testCase.steps = steps.map { pending in
            context.makeStep(
                number: pending.number, call: nil, action: pending.action, testData: pending.testData,
                expected: pending.expected, info: pending.info, line: pending.line)
        }
        if testCase.steps.isEmpty {
            context.report(.warning, "test case has no steps", line: caseLine, code: .caseEmpty)
        }
        context.reportGaps(in: testCase.steps)
        return (testCase, context.diagnostics)
    }

    /// `name: value` lines read literally, for front matter that is not valid YAML.
    private static func rawEntries(_ source: SourceText, lines: Range<Int>) -> [String: String] {
        var entries: [String: String] = [:]
        for line in lines {
            let text = source.text(ofLine: line)
            guard let colon = text.firstRange(ofASCII: ": ") else { continue }
            let name = String(text[..<colon.lowerBound])
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }), entries[name] == nil else { continue }
            entries[name] = String(text[colon.upperBound...].trimmingASCIIWhitespace())
        }
        return entries
    }

    // MARK: Articles

    /// `> <article>HTML</article>`, possibly over several lines. `nil` for `null` (the export's
    /// rendering of a missing field) and for empty HTML.
    private mutating func readArticle(from firstLine: Int) -> (LocatedText?, Int) {
        let source = context.source
        var start = source.range(ofLine: firstLine).lowerBound + 1
        if start < source.bytes.count, source.bytes[start] == 0x20 { start += 1 }
        var lastLine = firstLine
        var end = source.range(ofLine: firstLine).upperBound
        var closed = Self.trimmed(source.bytes[start..<end]).hasSuffix("</article>")
        while !closed, lastLine < source.lineCount {
            let next = source.range(ofLine: lastLine + 1)
            let text = Self.trimmed(source.bytes[next])
            if Self.isStructural(text) { break }
            lastLine += 1
            end = next.upperBound
            closed = text.hasSuffix("</article>")
        }
        var content = source.bytes[start..<end]
        content = Self.trimmed(content)
        let opened = content.starts(with: "<article>".utf8)
        if !closed {
            // A hand-written "> text" has no article to close: say what the export writes instead.
            context.report(
                .warning, opened ? "'<article>' is not closed" : "a quote without '<article>…</article>'",
                line: firstLine, column: 3,
                hint: opened
                    ? "the text up to the next step or section is read as its content"
                    : "the export writes '> <article>HTML</article>'; the text up to the next step or section is read as HTML",
                code: .zephyrArticle)
        }
        if opened { content = content.dropFirst(9) }
        if content.hasSuffix("</article>") { content = content.dropLast(10) }
        let inner = Self.trimmed(content)
        if inner.isEmpty || Self.equals(inner, "null") { return (nil, lastLine) }
        let converted = context.html.convert(inner)
        if converted.truncatedDepth {
            context.report(
                .warning, "HTML nested deeper than \(HTMLConverter.maximumDepth) levels was flattened to text",
                line: firstLine, code: .htmlDepth)
        }
        return (LocatedText(html: converted, line: firstLine), lastLine)
    }

    private static func isStructural(_ text: ArraySlice<UInt8>) -> Bool {
        if Self.equals(text, "<hr/>") || Self.hasPrefix(text, "### ") { return true }
        if text.first == UInt8(ascii: ">"), Self.hasPrefix(text.drop { $0 == UInt8(ascii: ">") || $0 == 0x20 }, "<article>") {
            return true
        }
        if let marker = boldMarker(text) {
            return ["Expected", "Test Data", "Step Info", "Objective", "Precondition"].contains(marker)
                || (marker.hasPrefix("Step ") && isStepNumber(marker.dropFirst(5)))
        }
        return false
    }

    // MARK: Tables

    private struct TableField {
        var name: String
        /// The value as rich text; empty in the `### Details` table, which only uses `raw`.
        var value: RichText
        var raw: String
    }

    /// A `| Name | Value |` table: the header and alignment rows are skipped. With `html`, each
    /// value is also read as rich text (HTML); without it only the raw text is kept.
    private mutating func readTable(from firstLine: Int, html: Bool) -> ([TableField], Int) {
        let source = context.source
        var fields: [TableField] = []
        var line = firstLine
        while line <= source.lineCount {
            let text = Self.trimmed(source.bytes[source.range(ofLine: line)])
            guard text.first == UInt8(ascii: "|") else { break }
            defer { line += 1 }
            guard line != firstLine, !text.allSatisfy({ ":-| ".utf8.contains($0) }) else { continue }
            guard let (nameRange, valueRange) = Self.nameAndValue(text) else {
                context.report(.warning, "table row without a value", line: line, code: .zephyrTable)
                continue
            }
            let name = Self.unescapingPipes(source.bytes[nameRange])
            let rawValue = Self.unescapingPipes(source.bytes[valueRange])
            let value: RichText
            if !html {
                value = RichText()
            } else if source.bytes[valueRange].contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") }) {
                value = RichText(context.html.convert(rawValue).nodes)
            } else {
                value = RichText(text: rawValue)
            }
            fields.append(TableField(name: name, value: value, raw: rawValue))
        }
        return (fields, line - 1)
    }

    /// The byte ranges of a row's first cell and of everything after it up to the closing `|`
    /// (a value holding an unescaped `|` keeps it), trimmed. `nil` for a row with one cell.
    static func nameAndValue(_ row: ArraySlice<UInt8>) -> (Range<Int>, Range<Int>)? {
        guard row.first == UInt8(ascii: "|") else { return nil }
        var index = row.startIndex + 1
        var second: Int?
        while index < row.endIndex {
            let byte = row[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "|") {
                second = index
                break
            }
            index += 1
        }
        guard let second else { return nil }
        var valueEnd = row.endIndex
        if valueEnd - 1 > second, row[valueEnd - 1] == UInt8(ascii: "|"), row[valueEnd - 2] != UInt8(ascii: "\\") {
            valueEnd -= 1
        }
        let name = trimmed(row[(row.startIndex + 1)..<second])
        let value = trimmed(row[(second + 1)..<valueEnd])
        return (name.startIndex..<name.endIndex, value.startIndex..<value.endIndex)
    }

    private static func unescapingPipes(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        return bytes.contains(UInt8(ascii: "\\")) ? text.replacingAll("\\|", with: "|") : text
    }

    private mutating func apply(details fields: [TableField], to testCase: inout TestCase) {
        for field in fields {
            let value = field.raw
            switch field.name {
            case "Priority": testCase.priority = value
            case "Status": testCase.status = value
            case "Folder": testCase.folder = Self.folderNames(value)
            case "Component": testCase.component = value
            case "Labels": testCase.labels = Self.labels(value)
            case "Created": testCase.createdOn = value
            default: testCase.fields.append(Field(name: field.name, value: RichText(text: value)))
            }
        }
    }

    /// `a,b,,c` → `["a", "b", "c"]`: split at commas on bytes, empty names left out.
    static func labels(_ value: String) -> [String] {
        var copy = value
        return copy.withUTF8 { bytes in
            var names: [String] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ",") {
                if index > start { names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                start = index + 1
            }
            return names
        }
    }

    /// `Suite / System Console / Users` → its names (split at " / ", on bytes).
    static func folderNames(_ value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        let bytes = Array(value.utf8)
        var names: [String] = []
        var start = 0
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0x20, bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == 0x20 {
                names.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += 3
                start = index
            } else {
                index += 1
            }
        }
        names.append(String(decoding: bytes[start...], as: UTF8.self))
        return names
    }

    // MARK: Bytes

    /// `**Text**` alone on a line: the text.
    static func boldMarker(_ text: ArraySlice<UInt8>) -> String? {
        guard text.count > 4, hasPrefix(text, "**"), text.hasSuffix("**") else { return nil }
        let inner = text.dropFirst(2).dropLast(2)
        guard !inner.contains(UInt8(ascii: "*")) else { return nil }
        return String(decoding: inner, as: UTF8.self)
    }

    /// `1`, `2.1`, `3.2.1`.
    static func isStepNumber(_ text: Substring) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit)
        }
    }

    /// `range` of `bytes` without ASCII whitespace at either end.
    static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, bytes[start].isASCIIWhitespace { start += 1 }
        while end > start, bytes[end - 1].isASCIIWhitespace { end -= 1 }
        return start..<end
    }

    static func equals(_ bytes: [UInt8], _ range: Range<Int>, _ word: StaticString) -> Bool {
        range.count == word.utf8CodeUnitCount && hasPrefix(bytes, range, word)
    }

    static func hasPrefix(_ bytes: [UInt8], _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        for offset in 0..<prefix.utf8CodeUnitCount where bytes[range.lowerBound + offset] != prefix.utf8Start[offset] {
            return false
        }
        return true
    }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start].isASCIIWhitespace { start += 1 }
        while end > start, bytes[end - 1].isASCIIWhitespace { end -= 1 }
        return bytes[start..<end]
    }

    static func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        var index = bytes.startIndex
        for offset in 0..<count {
            if bytes[index] != prefix.utf8Start[offset] { return false }
            index += 1
        }
        return true
    }

    static func equals(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount && hasPrefix(bytes, word)
    }
}
