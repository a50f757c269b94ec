import Foundation
import StepwiseModel
import StepwiseTestSupport
import Testing
@testable import StepwiseParsing

/// Each item points at its own text: the line it is written on and the column where it starts,
/// also when several items share one line of HTML.
@Suite("Each item's own line and column")
struct ItemColumnTests {
    /// `file:line:column` of the first `text` on `line` of `spec`, counting columns as editors do.
    static func position(of text: String, onLine line: Int, in spec: String, file: String = "fixture.md") throws -> String {
        let lines = spec.components(separatedBy: "\n")
        let written = lines[line - 1]
        let range = try #require(written.range(of: text), "\"\(text)\" is not on line \(line): \(written)")
        return "\(file):\(line):\(written.unicodeScalars[..<range.lowerBound].count + 1)"
    }

    static func lineNumber(of text: String, in spec: String) throws -> Int {
        try #require(spec.components(separatedBy: "\n").firstIndex { $0.contains(text) }) + 1
    }

    static let items = #"<ol><li>Clear Search and Team filter</li><li>Select "System Admin" from Status filter</li></ol>"#

    @Test("two list items on one HTML line of Zephyr Markdown each point at their own text")
    func zephyrMarkdown() throws {
        let spec = Fixtures.zephyr(action: Self.items, expected: "Only users with System Admin role are shown")
        let step = try Fixtures.onlyStep(spec)
        let line = try Self.lineNumber(of: "<ol>", in: spec)
        #expect(step.instructions.map(\.location.description) == [
            try Self.position(of: "Clear Search", onLine: line, in: spec),
            try Self.position(of: "Select \"System", onLine: line, in: spec),
        ])
        let expected = try Self.lineNumber(of: "Only users", in: spec)
        #expect(step.expectations[0].location.description == (try Self.position(of: "Only users", onLine: expected, in: spec)))
    }

    @Test("the same items in a Zephyr JSON record point at their text on the field's own line")
    func zephyrJSON() throws {
        let spec = Fixtures.json(action: Self.items, expected: "Only users with System Admin role are shown")
        let step = try Fixtures.onlyStep(spec, path: "fixture.json")
        let line = try Self.lineNumber(of: "\"description\"", in: spec)
        #expect(step.instructions.map(\.location.description) == [
            try Self.position(of: "Clear Search", onLine: line, in: spec, file: "fixture.json"),
            try Self.position(of: "Select \\\"System", onLine: line, in: spec, file: "fixture.json"),
        ])
        let expected = try Self.lineNumber(of: "\"expectedResult\"", in: spec)
        #expect(step.expectations[0].location.description == (try Self.position(of: "Only users", onLine: expected, in: spec, file: "fixture.json")))
    }

    @Test("a Mattermost Markdown list item points past its marker, at its text")
    func mattermostMarkdown() throws {
        let spec = Fixtures.mattermost(body: "**Step 1**\n\n1. Clear Search and Team filter\n2. Select \"System Admin\" from Status filter\n")
        let step = try Fixtures.onlyStep(spec)
        let first = try Self.lineNumber(of: "1. Clear", in: spec)
        #expect(step.instructions.map(\.location.description) == ["fixture.md:\(first):4", "fixture.md:\(first + 1):4"])
    }

    @Test("the lines of MM-T952's action, written with <br> on one line, each point at their own text")
    func corpusBreaks() throws {
        let file = try Corpus.file("zephyr-export/suite/system-console/user-management/MM-T952.md")
        let spec = try String(contentsOf: file, encoding: .utf8)
        let step = try #require(SpecReader.read(path: file.path).testCase?.steps.first)
        let line = try Self.lineNumber(of: "<br>1. Reactivate", in: spec)
        #expect(step.instructions.map(\.location.description) == [
            try Self.position(of: "Reactivating a user", onLine: line, in: spec, file: file.path),
            try Self.position(of: "Reactivate a deactivated", onLine: line, in: spec, file: file.path),
            try Self.position(of: "In LHS", onLine: line, in: spec, file: file.path),
        ])
    }

    @Test("an item repeating the words of the one before it points at its own copy of them")
    func repeatedWords() throws {
        let spec = Fixtures.zephyr(action: "<ul><li>Save</li><li>Save</li></ul>")
        let step = try Fixtures.onlyStep(spec)
        let line = try Self.lineNumber(of: "<ul>", in: spec)
        let written = spec.components(separatedBy: "\n")[line - 1]
        let second = try #require(written.ranges(of: "Save").last)
        #expect(step.instructions.map(\.location.column) == [
            written.unicodeScalars[..<written.range(of: "Save")!.lowerBound].count + 1,
            written.unicodeScalars[..<second.lowerBound].count + 1,
        ])
    }

    @Test("an item whose first word is written as an entity keeps column 1 of its line")
    func entityFirst() throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: "<ul><li>&quot;Save&quot; twice</li></ul>"))
        #expect(step.instructions[0].text == "\"Save\" twice")
        #expect(step.instructions[0].location.column == 1)
    }
}
