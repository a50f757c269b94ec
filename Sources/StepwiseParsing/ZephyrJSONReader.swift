import StepwiseModel

/// Reads the Zephyr Scale JSON record of one test case, as the Zephyr Scale API returns it.
///
/// Step fields are HTML strings (or `null`, or `""`); a step whose `testCase` is set is a call
/// to another case. Custom fields keep the record's order; empty ones are left out, as the
/// Markdown export leaves them out.
struct ZephyrJSONReader {
    var context: ReaderContext

    init(source: SourceText) { context = ReaderContext(source: source) }

    mutating func read() -> (TestCase?, [Diagnostic]) {
        let source = context.source
        let root: JSONValue
        do {
            root = try source.bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in
                try JSONParser.parse(buffer)
            }
        } catch {
            let location = source.location(ofByte: error.offset)
            context.report(.error, "invalid JSON: \(error.message)", line: location.line, column: location.column, code: .jsonSyntax)
            return (nil, context.diagnostics)
        }
        guard case .object = root else {
            context.report(.error, "a Zephyr Scale record is a JSON object", line: 1, code: .jsonShape)
            return (nil, context.diagnostics)
        }
        guard let key = root["key"]?.string, !key.isEmpty else {
            context.report(.error, "the record has no \"key\"", line: 1, code: .caseKey)
            return (nil, context.diagnostics)
        }
        let caseLine = root.offset.map { source.line(ofByte: $0) } ?? 1
        let title = root["name"]?.string ?? ""
        if title.isEmpty {
            context.report(.warning, "the record has no \"name\": the case has no title", line: caseLine, code: .caseTitle)
        }
        var testCase = TestCase(key: key, title: title, format: .zephyrJSON, location: context.location(line: caseLine))
        testCase.status = root["status"]?["name"]?.string
        testCase.priority = root["priority"]?["name"]?.string
        testCase.component = root["component"]?["name"]?.string
        testCase.createdOn = root["createdOn"]?.string
        testCase.folder = root["folder"]?["fullNames"]?.array?.compactMap(\.string) ?? []
        testCase.labels = root["labels"]?.array?.compactMap(\.string) ?? []
        testCase.objective = html(root["objective"], line: caseLine)?.text
        testCase.precondition = html(root["precondition"], line: caseLine)?.text
        testCase.fields = fields(root["customFields"], line: caseLine)

        for (index, step) in (root["steps"]?.array ?? []).enumerated() {
            let line = step.offset.map { source.line(ofByte: $0) } ?? caseLine
            let number = String(index + 1)
            if let called = step["testCase"], !called.isNull {
                guard let calledKey = called["testCaseKey"]?.string else {
                    context.report(.warning, "step \(number) calls a case without a \"testCaseKey\"", line: line, code: .jsonCall)
                    continue
                }
                testCase.steps.append(Step(number: number, call: CaseCall(key: calledKey), location: context.location(line: line)))
                continue
            }
            guard let inline = step["inline"], !inline.isNull else {
                context.report(.warning, "step \(number) has neither \"inline\" text nor a \"testCase\" call", line: line, code: .jsonStep)
                continue
            }
            testCase.steps.append(
                context.makeStep(
                    number: number, call: nil, action: html(inline["description"], line: fieldLine("description", in: inline, or: line)),
                    testData: html(inline["testData"], line: fieldLine("testData", in: inline, or: line)),
                    expected: html(inline["expectedResult"], line: fieldLine("expectedResult", in: inline, or: line)),
                    info: fields(inline["customFields"], line: line), line: line))
        }
        if testCase.steps.isEmpty {
            context.report(.warning, "test case has no steps", line: caseLine, code: .caseEmpty)
        }
        return (testCase, context.diagnostics)
    }

    /// The line of a member's key in `object` (where its string, on one line, is written), found
    /// from the object's own offset; `fallback` when it is not written.
    private func fieldLine(_ key: String, in object: JSONValue, or fallback: Int) -> Int {
        guard let start = object.offset, object[key] != nil else { return fallback }
        let source = context.source
        let needle = Array("\"\(key)\"".utf8)
        let bytes = source.bytes
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle),
                index == 0 || bytes[index - 1] != UInt8(ascii: "\\")
            {
                return source.line(ofByte: index)
            }
            index += 1
        }
        return fallback
    }

    /// An HTML field; `null` and `""` are both "not written".
    private mutating func html(_ value: JSONValue?, line: Int) -> LocatedText? {
        guard let string = value?.string, !string.isEmpty else { return nil }
        let converted = context.html.convert(string)
        if converted.truncatedDepth {
            context.report(
                .warning, "HTML nested deeper than \(HTMLConverter.maximumDepth) levels was flattened to text", line: line,
                code: .htmlDepth)
        }
        // Every item of a JSON string sits on the string's line.
        var located = LocatedText(html: converted, line: line)
        located.itemLines = located.itemLines.map { _ in line }
        return located
    }

    private mutating func fields(_ value: JSONValue?, line: Int) -> [Field] {
        guard case .object(let members, _)? = value else { return [] }
        var fields: [Field] = []
        for (name, member) in members {
            switch member {
            case .string(let string) where !string.isEmpty:
                if let text = html(member, line: line)?.text { fields.append(Field(name: name, value: text)) }
            case .array(let values, _):
                // A multi-select: nulls and empty entries are not choices, and a list of none is empty.
                let joined = values.compactMap { value -> String? in
                    let text: String? =
                        switch value {
                        case .string(let string): string
                        case .number(let number): number
                        case .bool(let bool): String(bool)
                        default: value["name"]?.string
                        }
                    return text?.isEmpty == false ? text : nil
                }.joined(separator: ",")
                if !joined.isEmpty { fields.append(Field(name: name, value: RichText(text: joined))) }
            case .number(let number): fields.append(Field(name: name, value: RichText(text: number)))
            case .bool(let bool): fields.append(Field(name: name, value: RichText(text: String(bool))))
            default: continue
            }
        }
        return fields
    }
}
