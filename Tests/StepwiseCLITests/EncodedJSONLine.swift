import Foundation
import StepwiseModel
import StepwiseParsing

/// The JSON Lines contract of `stepwise parse --format jsonl` as it was first written, through
/// `Encodable` and Foundation's `JSONEncoder`: the reference the direct writer (`SpecJSONLine`)
/// must match byte for byte.
struct EncodedJSONLine: Encodable {
    var file: SpecFile

    private enum Keys: String, CodingKey {
        case source, format, key, title, status, priority, folder, labels, component, createdOn, fields, objective,
            precondition, steps, diagnostics
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        let testCase = file.testCase
        try container.encode(file.path, forKey: .source)
        try container.encode(file.format?.rawValue, forKey: .format)
        try container.encode(testCase?.key, forKey: .key)
        try container.encode(testCase?.title, forKey: .title)
        try container.encode(testCase?.status, forKey: .status)
        try container.encode(testCase?.priority, forKey: .priority)
        try container.encode(testCase?.folder ?? [], forKey: .folder)
        try container.encode(testCase?.labels ?? [], forKey: .labels)
        try container.encode(testCase?.component, forKey: .component)
        try container.encode(testCase?.createdOn, forKey: .createdOn)
        try container.encode((testCase?.fields ?? []).map(NamedText.init), forKey: .fields)
        try container.encode(testCase?.objective.map(TextValue.init), forKey: .objective)
        try container.encode(testCase?.precondition.map(TextValue.init), forKey: .precondition)
        try container.encode((testCase?.steps ?? []).map(StepLine.init), forKey: .steps)
        try container.encode(file.diagnostics.map(DiagnosticLine.init), forKey: .diagnostics)
    }

    /// The line, without its newline.
    func encoded(with encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

private struct TextValue: Encodable {
    var text: String
    init(_ richText: RichText) { text = richText.plainText }
}

private struct NamedText: Encodable {
    var name: String
    var text: String
    init(_ field: Field) {
        name = field.name
        text = field.value.plainText
    }
}

private struct StepLine: Encodable {
    var step: Step
    init(_ step: Step) { self.step = step }

    private enum Keys: String, CodingKey {
        case number, call, line, action, testData, expected, info, instructions, expectations
    }

    private struct Call: Encodable {
        var key: String
        var name: String?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(name, forKey: .name)
        }
        private enum CodingKeys: String, CodingKey { case key, name }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(step.number, forKey: .number)
        try container.encode(step.call.map { Call(key: $0.key, name: $0.name) }, forKey: .call)
        try container.encode(step.location.line, forKey: .line)
        try container.encode(step.action.map(TextValue.init), forKey: .action)
        try container.encode(step.testData.map(TextValue.init), forKey: .testData)
        try container.encode(step.expected.map(TextValue.init), forKey: .expected)
        try container.encode(step.info.map(NamedText.init), forKey: .info)
        try container.encode(step.instructions.map(InstructionLine.init), forKey: .instructions)
        try container.encode(step.expectations.map(ExpectationLine.init), forKey: .expectations)
    }
}

private struct InstructionLine: Encodable {
    var number: Int
    var text: String
    var notes: [String]
    var subItems: [InstructionLine]
    var line: Int

    init(_ instruction: Instruction) {
        number = instruction.number
        text = instruction.text
        notes = instruction.notes
        subItems = instruction.subItems.map(InstructionLine.init)
        line = instruction.location.line
    }
}

private struct ExpectationLine: Encodable {
    var number: Int
    var text: String
    var instruction: Int?
    var notes: [String]
    var subItems: [ExpectationLine]
    var line: Int

    init(_ expectation: Expectation) {
        number = expectation.number
        text = expectation.text
        instruction = expectation.instruction
        notes = expectation.notes
        subItems = expectation.subItems.map(ExpectationLine.init)
        line = expectation.location.line
    }

    private enum Keys: String, CodingKey { case number, text, instruction, notes, subItems, line }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(number, forKey: .number)
        try container.encode(text, forKey: .text)
        try container.encode(instruction, forKey: .instruction)
        try container.encode(notes, forKey: .notes)
        try container.encode(subItems, forKey: .subItems)
        try container.encode(line, forKey: .line)
    }
}

private struct DiagnosticLine: Encodable {
    var diagnostic: Diagnostic
    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    private enum Keys: String, CodingKey { case severity, message, line, column, code, hint }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(diagnostic.severity.rawValue, forKey: .severity)
        try container.encode(diagnostic.message, forKey: .message)
        try container.encode(diagnostic.location?.line, forKey: .line)
        try container.encode(diagnostic.location?.column, forKey: .column)
        try container.encode(diagnostic.code, forKey: .code)
        try container.encode(diagnostic.hint, forKey: .hint)
    }
}
