import Foundation
import Synchronization
import Testing

@testable import StepwiseModel

@Suite("Binding info")
struct BindingInfoTests {
    static let location = SourceLocation(file: "Steps.swift", line: 9, column: 5)

    static func json(_ binding: BindingInfo) throws -> String {
        String(decoding: try EventStream.makeEncoder().encode(binding), as: UTF8.self)
    }

    @Test("each state is written as the one JSON object reports have always carried", arguments: [
        (BindingInfo.matched(.init(expression: "go to {word}", location: location, arguments: ["Users"])),
         #"{"arguments":["Users"],"candidates":[],"definitionLocation":{"column":5,"file":"Steps.swift","line":9},"expression":"go to {word}","state":"matched"}"#),
        (.manual(.init(expression: "a push appears", location: location)),
         #"{"arguments":[],"candidates":[],"definitionLocation":{"column":5,"file":"Steps.swift","line":9},"expression":"a push appears","state":"manual"}"#),
        (.undefined(snippet: "steps.action(\"x\")"),
         #"{"arguments":[],"candidates":[],"snippet":"steps.action(\"x\")","state":"undefined"}"#),
        (.ambiguous([.init(expression: "log in as {word}", location: location)]),
         #"{"arguments":[],"candidates":[{"expression":"log in as {word}","location":{"column":5,"file":"Steps.swift","line":9}}],"state":"ambiguous"}"#),
    ])
    func writtenAsBefore(_ binding: BindingInfo, _ expected: String) throws {
        #expect(try Self.json(binding) == expected)
        #expect(try EventStream.makeDecoder().decode(BindingInfo.self, from: Data(expected.utf8)) == binding)
    }

    @Test("a binding of several phrase definitions writes each one with its location, and reads back the same")
    func phrasesWritten() throws {
        let second = SourceLocation(file: "More.swift", line: 3, column: 1)
        let binding = BindingInfo.matched(.init(
            expression: "open the menu + click {word}", location: Self.location, arguments: ["Save"],
            phrases: [.init(expression: "open the menu", location: Self.location), .init(expression: "click {word}", location: second)]))
        let json = try Self.json(binding)
        #expect(json.contains(#""phrases":[{"expression":"open the menu","location":{"column":5,"file":"Steps.swift","line":9}},{"expression":"click {word}","location":{"column":1,"file":"More.swift","line":3}}]"#))
        #expect(try EventStream.makeDecoder().decode(BindingInfo.self, from: Data(json.utf8)) == binding)
    }

    @Test("a matched item without its definition's location is not a binding")
    func matchedNeedsItsDefinition() {
        let json = #"{"arguments":[],"candidates":[],"expression":"go","state":"matched"}"#
        #expect(throws: DecodingError.self) { try EventStream.makeDecoder().decode(BindingInfo.self, from: Data(json.utf8)) }
    }

    @Test("a snippet is written when its text is first read, once, and equals any snippet of the same text")
    func snippetWrittenWhenRead() throws {
        let writes = Mutex(0)
        let snippet = Snippet {
            writes.withLock { $0 += 1 }
            return "steps.action(\"x\")"
        }
        #expect(writes.withLock { $0 } == 0)
        #expect(BindingInfo.undefined(snippet: snippet).snippet == "steps.action(\"x\")")
        #expect(snippet.text == "steps.action(\"x\")")
        #expect(writes.withLock { $0 } == 1)
        #expect(snippet == Snippet("steps.action(\"x\")"))
        #expect(Snippet("a") != Snippet("b"))
        #expect(Set([snippet, "steps.action(\"x\")"]).count == 1)
        #expect(try Self.json(.undefined(snippet: snippet)) == #"{"arguments":[],"candidates":[],"snippet":"steps.action(\"x\")","state":"undefined"}"#)
    }

    @Test("only a matched or manual item has a definition, only an undefined one a snippet, only an ambiguous one candidates")
    func eachStateCarriesItsOwn() {
        let definition = BindingInfo.Definition(expression: "go", location: Self.location, arguments: ["a"])
        #expect(BindingInfo.matched(definition).definition == definition)
        #expect(BindingInfo.manual(definition).arguments == ["a"])
        #expect(BindingInfo.undefined(snippet: "s").definition == nil)
        #expect(BindingInfo.undefined(snippet: "s").snippet == "s")
        #expect(BindingInfo.matched(definition).snippet == nil)
        #expect(BindingInfo.ambiguous([]).state == .ambiguous)
        #expect(BindingInfo.matched(definition).candidates.isEmpty)
    }
}
