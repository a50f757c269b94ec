import Foundation
import StepwiseModel
import StepwiseTestSupport
import Testing
@testable import StepwiseParsing

/// Hostile and broken input: always a located diagnostic, never a crash or a hang.
@Suite("Bad input")
struct BadInputTests {
    @Test("a path that does not exist")
    func missingPath() {
        let file = SpecReader.read(path: "no/such/spec.md")
        #expect(file.testCase == nil)
        #expect(file.diagnostics.map(\.code) == ["file.unreadable"])
        #expect(file.diagnostics.first?.location == SourceLocation(file: "no/such/spec.md", line: 1))
        let collection = SpecCollection(paths: ["no/such/dir"])
        let (files, problems) = (collection.files, collection.diagnostics)
        #expect(files.isEmpty)
        #expect(problems.map(\.code) == ["path.missing"])
        #expect(problems.first?.severity == .error)
    }

    @Test("a directory with nothing in it, and a directory read as a file")
    func emptyDirectory() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("not a spec".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        try Data("# Readme".utf8).write(to: directory.appendingPathComponent("README.md"))
        let collection = SpecCollection(paths: [directory.path])
        let (files, problems) = (collection.files, collection.diagnostics)
        #expect(files.isEmpty)
        #expect(problems.map(\.code) == ["path.empty"])
        #expect(SpecReader.read(path: directory.path).diagnostics.map(\.code) == ["file.directory"])
    }

    @Test("a directory is expanded to its .md and .json specs in path order, one bad file among them")
    func directoryOrder() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let nested = directory.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data(Fixtures.zephyr(key: "MM-T2", action: "x").utf8).write(to: nested.appendingPathComponent("MM-T2.md"))
        try Data(Fixtures.zephyr(key: "MM-T1", action: "x").utf8).write(to: directory.appendingPathComponent("a.md"))
        try Data([0xFF, 0xFE, 0x00, 0x01]).write(to: directory.appendingPathComponent("b.json"))
        try Data("{}".utf8).write(to: directory.appendingPathComponent(".hidden.json"))
        let collection = SpecCollection(paths: [directory.path])
        let (files, problems) = (collection.files, collection.diagnostics)
        #expect(problems.isEmpty)
        #expect(files.map { String($0.dropFirst(directory.path.count + 1)) } == ["a.md", "b/MM-T2.md", "b.json"])
        let results = files.map { SpecReader.read(path: $0) }
        #expect(results.map { $0.testCase?.key } == ["MM-T1", "MM-T2", nil])
        #expect(results[2].diagnostics.map(\.code) == ["file.binary"])
    }

    @Test("a binary file")
    func binary() {
        let file = SpecReader.read(bytes: Array("PNG\n\u{0}\u{1}\u{2}".utf8), path: "image.md")
        #expect(file.diagnostics.map(\.code) == ["file.binary"])
        #expect(file.diagnostics.first?.location?.line == 2)
    }

    @Test("invalid UTF-8 is located at the first bad byte")
    func invalidUTF8() throws {
        var bytes = Array("---\nkey: MM-T1\ntitle: caf".utf8)
        bytes.append(0xE9)  // Latin-1 é
        bytes.append(contentsOf: Array("\n---\n".utf8))
        let file = SpecReader.read(bytes: bytes, path: "latin1.md")
        let diagnostic = try #require(file.diagnostics.first)
        #expect(diagnostic.code == "file.encoding")
        #expect(diagnostic.location == SourceLocation(file: "latin1.md", line: 3, column: 11))
    }

    @Test("an empty file, or one with only whitespace", arguments: ["", "  \n\n\t\n"])
    func empty(_ text: String) {
        let file = SpecReader.read(contents: text, path: "empty.md")
        #expect(file.diagnostics.map(\.code) == ["file.empty"])
        #expect(file.hasErrors)
    }

    @Test(
        "a case with no steps is read, with a warning",
        arguments: [
            ("---\nkey: MM-T1\ntitle: Nothing\n---\n\n## MM-T1: Nothing\n\n### Details\n\n| Name | Value |\n| :-- | :-- |\n| Status | Active |\n", "a.md"),
            ("---\nname: Nothing\nkey: MM-T1\n---\n\n## MM-T1: Nothing\n", "b.md"),
            ("{\"key\": \"MM-T1\", \"name\": \"Nothing\", \"steps\": []}", "c.json"),
        ])
    func noSteps(_ text: String, _ path: String) throws {
        let file = SpecReader.read(contents: text, path: path)
        #expect(file.testCase?.key == "MM-T1")
        #expect(file.testCase?.steps.isEmpty == true)
        #expect(file.diagnostics.map(\.code) == ["case.empty"])
        #expect(!file.hasErrors)
    }

    @Test("a 50 MB file is refused before it is read")
    func hugeFile() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("huge.md")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 50 << 20)  // sparse: no 50 MB written to disk
        try handle.close()
        let file = SpecReader.read(path: url.path)
        #expect(file.diagnostics.map(\.code) == ["file.too-large"])
        #expect(file.diagnostics.first?.message.contains("50.0 MB") == true)
        let inMemory = SpecReader.read(bytes: [UInt8](repeating: 0x61, count: SpecReader.maximumFileSize + 1), path: "big.md")
        #expect(inMemory.diagnostics.map(\.code) == ["file.too-large"])
    }

    @Test("a large export within the limit is read in full")
    func largeExport() throws {
        var text = Fixtures.zephyr(action: "first")
        for number in 2...3_000 {
            text += "\n**Step \(number)**\n\n> <article><ol><li>Do \(number)</li><li>Check&nbsp;it</li></ol></article>\n\n<hr/>\n"
        }
        let testCase = try #require(Fixtures.read(text).testCase)
        #expect(testCase.steps.count == 3_000)
        #expect(testCase.steps.last?.instructions.map(\.text) == ["Do 3000", "Check it"])
    }

    /// libxml2 stops building the tree at 256 levels; below that, Stepwise flattens what is
    /// deeper than its own limit to text, so text 100 levels down is kept.
    @Test(
        "HTML nested deep is flattened with a warning, never a crash",
        arguments: [("div", 10_000), ("ul><li", 10_000), ("span", 10_000), ("blockquote", 10_000), ("div", 100), ("ul><li", 100)])
    func deepHTML(_ tag: String, _ depth: Int) throws {
        let closing = tag.split(separator: "><").reversed().map { "</\($0)>" }.joined()
        let html = "start" + String(repeating: "<\(tag)>", count: depth) + "deep text" + String(repeating: closing, count: depth)
        let file = Fixtures.read(Fixtures.zephyr(action: html))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.action?.plainText.hasPrefix("start") == true)
        if depth < 256 { #expect(step.action?.plainText.contains("deep text") == true) }
        #expect(file.diagnostics.contains { $0.code == "html.depth" && $0.severity == .warning })
    }

    @Test("Markdown nested 10,000 deep does not exhaust the stack")
    func deepMarkdown() throws {
        let quotes = String(repeating: "> ", count: 10_000) + "deep\n"
        let lists = (0..<2_000).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n")
        let file = Fixtures.read(Fixtures.mattermost(body: "**Step 1**\n\n\(quotes)\n\(lists)\n"))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.action?.plainText.contains("deep") == true)
        #expect(step.action?.plainText.contains("item 1999") == true)
    }

    @Test("JSON nested 10,000 deep is a located syntax error")
    func deepJSON() throws {
        let json = "{\"key\": \"MM-T1\", \"steps\": " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        let file = Fixtures.read(json, path: "deep.json")
        let diagnostic = try #require(file.diagnostics.first)
        #expect(diagnostic.code == "json.syntax")
        #expect(diagnostic.location?.line == 1)
        #expect((diagnostic.location?.column ?? 0) > 200)
    }

    @Test("broken JSON points at where it broke")
    func brokenJSON() throws {
        let file = Fixtures.read("{\n  \"key\": \"MM-T1\",\n  \"name\": oops\n}", path: "broken.json")
        #expect(file.diagnostics.first?.location == SourceLocation(file: "broken.json", line: 3, column: 11))
    }

    @Test("an entity bomb in the HTML is never expanded")
    func entityBomb() throws {
        var declarations = "<!ENTITY a0 \"lol\">"
        for level in 1...10 {
            declarations += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">"
        }
        let html = "<!DOCTYPE lolz [\(declarations)]><p>&a10;</p>"
        let file = Fixtures.read(Fixtures.zephyr(action: html))
        let text = try #require(file.testCase?.steps.first).action?.plainText ?? ""
        #expect(text.utf8.count < 10_000)
    }

    @Test("a YAML alias bomb in front matter is never expanded")
    func yamlBomb() throws {
        var yaml = "a0: &a0 [lol, lol]\n"
        for level in 1...30 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        let text = "---\n\(yaml)key: MM-T9\nname: Bomb\n---\n\n## MM-T9: Bomb\n\n**Step 1**\n\nx\n"
        let file = Fixtures.read(text)
        #expect(file.testCase?.key == "MM-T9")
        #expect(file.testCase?.fields.allSatisfy { $0.value.plainText.utf8.count < 10_000 } == true)
    }

    @Test("text that is no export at all")
    func notAnExport() {
        let file = Fixtures.read("Shopping list:\n- milk\n", path: "list.md")
        #expect(file.format == nil)
        #expect(file.diagnostics.first?.severity == .error)
        #expect(file.diagnostics.first?.hint != nil)
    }

    @Test("a raw control character inside a JSON string is a syntax error at that byte", arguments: ["\n", "\t", "\u{1}"])
    func rawControlCharacterInJSON(_ character: String) {
        let file = SpecReader.read(contents: "{\"key\": \"MM-T1\", \"name\": \"a\(character)b\"}", path: "bad.json")
        #expect(file.testCase == nil)
        #expect(file.diagnostics.map(\.code) == ["json.syntax"])
        #expect(file.diagnostics.first?.message.contains("raw control character") == true)
        #expect(file.diagnostics.first?.location?.column == 28)
        // Escaped, the same characters are fine.
        let escaped = SpecReader.read(contents: #"{"key": "MM-T1", "name": "a\nb\t\u0001"}"#, path: "good.json")
        #expect(escaped.testCase?.title == "a\nb\t\u{1}")
    }

    @Test("HTML nested 255 levels and deeper keeps every word, flattened, with a warning that says so", arguments: [255, 300, 1500])
    func deepHTML(_ depth: Int) throws {
        let html = String(repeating: "<div>", count: depth) + "<p>Open</p><p>the console</p>" + String(repeating: "</div>", count: depth)
        for file in [Fixtures.read(Fixtures.zephyr(action: "<p>Start</p>" + html)), Fixtures.read(Fixtures.json(action: "<p>Start</p>" + html), path: "deep.json")] {
            let step = try #require(file.testCase?.steps.first)
            #expect(Corpus.words(step.action?.plainText) == ["start", "open", "the", "console"])
            #expect(file.diagnostics.map(\.code) == ["html.depth"])
        }
    }

    @Test("a Mattermost list nested 40 deep keeps its words apart, with a warning")
    func deepMarkdownList() throws {
        var body = "**Step 1**\n\n"
        for level in 0..<40 { body += String(repeating: "  ", count: level) + "- Open\n" + String(repeating: "  ", count: level) + "  the console \(level)\n" }
        let file = Fixtures.read(Fixtures.mattermost(body: body))
        let step = try #require(file.testCase?.steps.first)
        let words = Corpus.words(step.action?.plainText)
        #expect(words.count == 40 * 4)
        #expect(!words.contains { $0.hasPrefix("openthe") })
        #expect(file.diagnostics.map(\.code) == ["markdown.depth"])
    }
}
