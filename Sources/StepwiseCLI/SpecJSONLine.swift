import StepwiseModel
import StepwiseParsing

/// One line of `stepwise parse --format jsonl`: the stable JSON Lines contract (see README).
///
/// Every key is always present; absent values are `null`, absent lists `[]`. Keys are sorted
/// (byte order) and nothing is indented, so the same input always gives the same bytes: exactly
/// the bytes Foundation's `JSONEncoder` writes with `.sortedKeys` and `.withoutEscapingSlashes`
/// (a test compares the two over the whole corpus). The line is written directly, without
/// `Encodable`, because encoding through `JSONEncoder` took more time than reading the files.
struct SpecJSONLine {
    var file: SpecFile

    /// The line, with its newline.
    var bytes: [UInt8] {
        var out = JSONBytes()
        out.bytes.reserveCapacity(4096)
        write(into: &out)
        out.raw(0x0A)
        return out.bytes
    }

    /// The line, without its newline.
    var text: String {
        var out = JSONBytes()
        write(into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    func write(into out: inout JSONBytes) {
        let testCase = file.testCase
        out.object { object in
            object.key("component") { $0.string(testCase?.component) }
            object.key("createdOn") { $0.string(testCase?.createdOn) }
            object.key("diagnostics") { out in out.array(file.diagnostics) { Self.write($1, into: &$0) } }
            object.key("fields") { out in out.array(testCase?.fields ?? []) { Self.write($1, into: &$0) } }
            object.key("folder") { out in out.array(testCase?.folder ?? []) { $0.string($1) } }
            object.key("format") { $0.string(file.format?.rawValue) }
            object.key("key") { $0.string(testCase?.key) }
            object.key("labels") { out in out.array(testCase?.labels ?? []) { $0.string($1) } }
            object.key("objective") { Self.write(testCase?.objective, into: &$0) }
            object.key("precondition") { Self.write(testCase?.precondition, into: &$0) }
            object.key("priority") { $0.string(testCase?.priority) }
            object.key("source") { $0.string(file.path) }
            object.key("status") { $0.string(testCase?.status) }
            object.key("steps") { out in out.array(testCase?.steps ?? []) { Self.write($1, into: &$0) } }
            object.key("title") { $0.string(testCase?.title) }
        }
    }

    private static func write(_ text: RichText?, into out: inout JSONBytes) {
        guard let text else { return out.null() }
        out.object { $0.key("text") { $0.string(text.plainText) } }
    }

    private static func write(_ field: Field, into out: inout JSONBytes) {
        out.object { object in
            object.key("name") { $0.string(field.name) }
            object.key("text") { $0.string(field.value.plainText) }
        }
    }

    private static func write(_ step: Step, into out: inout JSONBytes) {
        out.object { object in
            object.key("action") { write(step.action, into: &$0) }
            object.key("call") { out in
                guard let call = step.call else { return out.null() }
                out.object { object in
                    object.key("key") { $0.string(call.key) }
                    object.key("name") { $0.string(call.name) }
                }
            }
            object.key("expectations") { out in out.array(step.expectations) { write($1, into: &$0) } }
            object.key("expected") { write(step.expected, into: &$0) }
            object.key("info") { out in out.array(step.info) { write($1, into: &$0) } }
            object.key("instructions") { out in out.array(step.instructions) { write($1, into: &$0) } }
            object.key("line") { $0.int(step.location.line) }
            object.key("number") { $0.string(step.number) }
            object.key("testData") { write(step.testData, into: &$0) }
        }
    }

    private static func write(_ instruction: Instruction, into out: inout JSONBytes) {
        out.object { object in
            object.key("line") { $0.int(instruction.location.line) }
            object.key("notes") { out in out.array(instruction.notes) { $0.string($1) } }
            object.key("number") { $0.int(instruction.number) }
            object.key("subItems") { out in out.array(instruction.subItems) { write($1, into: &$0) } }
            object.key("text") { $0.string(instruction.text) }
        }
    }

    private static func write(_ expectation: Expectation, into out: inout JSONBytes) {
        out.object { object in
            object.key("instruction") { $0.int(expectation.instruction) }
            object.key("line") { $0.int(expectation.location.line) }
            object.key("notes") { out in out.array(expectation.notes) { $0.string($1) } }
            object.key("number") { $0.int(expectation.number) }
            object.key("subItems") { out in out.array(expectation.subItems) { write($1, into: &$0) } }
            object.key("text") { $0.string(expectation.text) }
        }
    }

    private static func write(_ diagnostic: Diagnostic, into out: inout JSONBytes) {
        out.object { object in
            object.key("code") { $0.string(diagnostic.code?.rawValue) }
            object.key("column") { $0.int(diagnostic.location?.column) }
            object.key("hint") { $0.string(diagnostic.hint) }
            object.key("line") { $0.int(diagnostic.location?.line) }
            object.key("message") { $0.string(diagnostic.message) }
            object.key("severity") { $0.string(diagnostic.severity.rawValue) }
        }
    }
}

/// JSON text as bytes, written front to back: strings escaped as `JSONEncoder` escapes them
/// (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`, everything
/// else, `/` and non-ASCII included, as it is).
struct JSONBytes {
    var bytes: [UInt8] = []

    mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func null() { raw("null") }

    mutating func int(_ value: Int?) {
        guard let value else { return null() }
        JSONText.appendInteger(value, to: &bytes)
    }

    mutating func string(_ value: String?) {
        guard let value else { return null() }
        JSONText.appendString(value, to: &bytes)
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONBytes, Element) -> Void) {
        raw(UInt8(ascii: "["))
        // By index: each element is read in place, not copied out as `enumerated()` hands it.
        for index in elements.indices {
            if index > 0 { raw(UInt8(ascii: ",")) }
            write(&self, elements[index])
        }
        raw(UInt8(ascii: "]"))
    }

    /// An object whose members `body` writes, in the order it writes them (sorted, by the caller).
    mutating func object(_ body: (inout Members) -> Void) {
        raw(UInt8(ascii: "{"))
        var members = Members(out: self)
        bytes = []
        body(&members)
        self = members.out
        raw(UInt8(ascii: "}"))
    }

    struct Members {
        fileprivate var out: JSONBytes
        private var first = true

        fileprivate init(out: JSONBytes) { self.out = out }

        mutating func key(_ name: StaticString, _ value: (inout JSONBytes) -> Void) {
            if !first { out.raw(UInt8(ascii: ",")) }
            first = false
            out.raw(UInt8(ascii: "\""))
            out.raw(name)
            out.raw("\":")
            value(&out)
        }
    }
}
