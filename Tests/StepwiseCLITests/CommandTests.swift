import ArgumentParser
import Foundation
import StepwiseModel
import Synchronization
import Testing
@testable import StepwiseCLI

/// Collects what a command writes.
final class Captured: Sendable {
    private let buffer = Mutex("")
    var text: String { buffer.withLock { $0 } }
    var sink: TextSink { TextSink { text in self.buffer.withLock { $0 += text } } }
}

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let mmT938 = packageRoot.appendingPathComponent("specs/MM-T938.md").path

private func command<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws -> C {
    try #require(try StepwiseCommand.parseAsRoot(arguments) as? C)
}

private func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("stepwise parse, list and lint")
struct CommandTests {
    @Test("parse --format jsonl prints one object per case with exactly the contract's fields")
    func parseJSONLines() throws {
        let output = Captured()
        let errors = Captured()
        let status = try command(ParseCommand.self, ["parse", mmT938]).execute(output: output.sink, errors: errors.sink)
        #expect(status == 0)
        #expect(errors.text.isEmpty)
        let lines = output.text.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "source", "format", "key", "title", "status", "priority", "folder", "labels", "component", "createdOn",
            "fields", "objective", "precondition", "steps", "diagnostics",
        ])
        // Given absolute, named relative to the working directory (the package root under swift test).
        #expect(object["source"] as? String == "specs/MM-T938.md")
        #expect(object["format"] as? String == "zephyr-markdown")
        #expect(object["key"] as? String == "MM-T938")
        #expect(object["folder"] as? [String] == ["Suite", "System Console", "User Management", "Users"])
        #expect(object["precondition"] is NSNull)
        let steps = try #require(object["steps"] as? [[String: Any]])
        let step = try #require(steps.first)
        #expect(Set(step.keys) == [
            "number", "call", "line", "action", "testData", "expected", "info", "instructions", "expectations",
        ])
        #expect(step["number"] as? String == "1")
        #expect(step["call"] is NSNull)
        #expect(step["testData"] is NSNull)
        #expect((step["action"] as? [String: Any])?["text"] as? String != nil)
        let instructions = try #require(step["instructions"] as? [[String: Any]])
        #expect(instructions.count == 3)
        #expect((instructions[0]["subItems"] as? [Any])?.count == 4)
        #expect((step["expectations"] as? [Any])?.count == 4)
        #expect((object["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test("parse --format tree prints the tree dump")
    func parseTree() throws {
        let output = Captured()
        let status = try command(ParseCommand.self, ["parse", "--format", "tree", mmT938])
            .execute(output: output.sink, errors: Captured().sink)
        #expect(status == 0)
        #expect(output.text.contains("instruction 1 @24 \"Log on as another test user"))
    }

    @Test("one bad file never stops the others, and the exit status says something was wrong")
    func badFileAmongGood() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = try String(contentsOfFile: mmT938, encoding: .utf8)
        try good.write(to: directory.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try Data([0x7B, 0x0A, 0x22, 0x6B, 0x22, 0x3A]).write(to: directory.appendingPathComponent("b.json"))
        try good.write(to: directory.appendingPathComponent("c.md"), atomically: true, encoding: .utf8)
        let output = Captured()
        let errors = Captured()
        let status = try command(ParseCommand.self, ["parse", directory.path]).execute(output: output.sink, errors: errors.sink)
        #expect(status == 1)
        let keys = output.text.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["key"] as? String
        }
        #expect(keys == ["MM-T938", nil, "MM-T938"])
        #expect(errors.text.contains("b.json:2:5: error: invalid JSON"))
    }

    @Test("list prints one row per case")
    func list() throws {
        let output = Captured()
        let specs = packageRoot.appendingPathComponent("specs").path
        let status = try command(ListCommand.self, ["list", specs]).execute(output: output.sink, errors: Captured().sink)
        #expect(status == 0)
        let rows = output.text.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("KEY") == true)
        #expect(rows.contains { $0.hasPrefix("MM-T938 ") && $0.contains(" Users - Revoke a user's sessions") && $0.contains("zephyr-markdown") })
        #expect(rows.count >= 3)
    }

    @Test("list gives a row to a file with no case, and a missing path fails")
    func listBadPaths() throws {
        let output = Captured()
        let errors = Captured()
        let status = try command(ListCommand.self, ["list", mmT938, "/no/such/path"]).execute(output: output.sink, errors: errors.sink)
        #expect(status == 1)
        #expect(errors.text.contains("/no/such/path:1:1: error: no such file or directory"))
    }

    @Test("lint prints compiler-style diagnostics with the line and a caret, and warnings do not fail")
    func lintWarnings() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("MM-T1.md").path
        let text = "---\nkey: MM-T1\ntitle: Login: with email\n---\n\n## MM-T1: Login: with email\n\n### Steps\n\n**Step 1**\n\n> <article>Do it</article>\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let errors = Captured()
        let status = try command(LintCommand.self, ["lint", path]).execute(errors: errors.sink)
        #expect(status == 0)
        let expected = """
            \(path):3:13: warning: front matter is not valid YAML: mapping values are not allowed in this context
                title: Login: with email
                            ^
                hint:
            """
        #expect(errors.text.hasPrefix(expected))
        #expect(errors.text.hasSuffix("1 file checked: 1 warning\n"))
    }

    @Test("list shows a title's tabs as spaces and its escape sequences as pictures, so rows stay rows")
    func listControlCharacters() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("MM-T2.md").path
        let text = "---\nkey: MM-T2\ntitle: Evil\t\u{1B}[31mred\u{1B}[0m\n---\n\n## MM-T2: Evil\n\n**Step 1**\n\n> <article>Do it</article>\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let output = Captured()
        let status = try command(ListCommand.self, ["list", path]).execute(output: output.sink, errors: Captured().sink)
        #expect(status == 0)
        #expect(!output.text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\t" })
        #expect(output.text.contains("MM-T2  Evil ␛[31mred␛[0m"))
    }

    @Test(
        "list cuts and pads titles by Characters, ASCII or not",
        arguments: [
            "Plain title", String(repeating: "a", count: 60), String(repeating: "b", count: 61), "",
            String(repeating: "é", count: 70), "Caf\u{65}\u{301} au lait", "Tab\tand\nline", "CR\r\nLF " + String(repeating: "x", count: 58),
            "🇫🇷 flag " + String(repeating: "y", count: 60),
        ])
    func listCharacters(title: String) {
        let flat = title.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ").showingControlCharacters
        #expect(ListCommand.oneLine(title) == (flat.count > 60 ? String(flat.prefix(59)) + "…" : flat))
        // The title first, so the column after it shows whether it was padded by Characters.
        let shown = ListCommand.oneLine(title)
        let table = ListCommand.table([["TITLE", "K"], [shown, "k"], ["x", "k"]])
        let lines = table.split(separator: "\n")
        #expect(lines.map(\.count) == Array(repeating: max(5, shown.count) + 3, count: 3), "\(table)")
        #expect(lines[1].hasPrefix(shown))
    }

    @Test("lint points its caret at a problem far along a one-line JSON record and never echoes escape sequences")
    func lintLongLine() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("MM-T3.json").path
        let padding = String(repeating: "x", count: 600)
        // A raw escape character is itself invalid in a JSON string: the problem, far along the line.
        try "{\"key\": \"MM-T3\", \"name\": \"\(padding)\u{1B}[2J\", \"steps\": []}".write(
            toFile: path, atomically: true, encoding: .utf8)
        let errors = Captured()
        let status = try command(LintCommand.self, ["lint", path]).execute(errors: errors.sink)
        #expect(status == 1)
        #expect(!errors.text.unicodeScalars.contains("\u{1B}"))
        let lines = errors.text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        #expect(header.hasPrefix("\(path):1:") && header.contains(": error: invalid JSON"))
        let excerpt = lines[1]
        let caretOffset = try #require(lines[2].firstIndex(of: "^")).utf16Offset(in: lines[2])
        #expect(excerpt.hasPrefix("    …"))
        #expect(excerpt[excerpt.index(excerpt.startIndex, offsetBy: caretOffset)] == "␛")
        #expect(header.contains("raw control character U+001B"))
    }

    @Test("report on a mistyped path or an empty directory still writes the catalogue, but says so and exits 1")
    func reportMissingPath() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let catalogue = directory.appendingPathComponent("catalogue.md").path
        let errors = Captured()
        let report = try command(ReportCommand.self, ["report", empty, "/no/such/export", "--output", catalogue])
        let status = try report.execute(output: Captured().sink, errors: errors.sink)
        #expect(status == 1)
        #expect(errors.text.contains("\(empty):1:1: error: no .md or .json spec files in this directory"))
        #expect(errors.text.contains("/no/such/export:1:1: error: no such file or directory"))
        #expect(try String(contentsOfFile: catalogue, encoding: .utf8).hasPrefix("# Catalogue\n\n0 cases"))
    }

    @Test("report on a real export exits 0 and prints nothing on standard error")
    func reportSpecs() throws {
        let errors = Captured()
        let output = Captured()
        let status = try command(ReportCommand.self, ["report", mmT938]).execute(output: output.sink, errors: errors.sink)
        #expect(status == 0)
        #expect(errors.text.isEmpty)
        #expect(output.text.hasPrefix("# Catalogue\n\n1 case"))
    }

    @Test("lint exits 1 when a file has an error")
    func lintErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.md").path
        try "".write(toFile: path, atomically: true, encoding: .utf8)
        let errors = Captured()
        let status = try command(LintCommand.self, ["lint", path, mmT938]).execute(errors: errors.sink)
        #expect(status == 1)
        #expect(errors.text.contains("\(path):1:1: error: file is empty"))
        #expect(errors.text.hasSuffix("2 files checked: 1 error\n"))
    }

    @Test(
        "usage errors exit with 64",
        arguments: [["parse"], ["list"], ["lint"], ["parse", "--format", "xml", "x.md"]])
    func usage(_ arguments: [String]) {
        do {
            _ = try StepwiseCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(StepwiseCommand.exitCode(for: error).rawValue == 64)
        }
    }

    @Test("--help teaches with examples", arguments: ["parse", "list", "lint"])
    func help(_ name: String) {
        let help = StepwiseCommand.helpMessage(for: StepwiseCommand.self, includeHidden: false, columns: 100)
        #expect(help.contains(name))
        let subcommand: ParsableCommand.Type =
            switch name {
            case "parse": ParseCommand.self
            case "list": ListCommand.self
            default: LintCommand.self
            }
        let text = StepwiseCommand.helpMessage(for: subcommand, columns: 100)
        #expect(text.contains("Examples:"))
        #expect(text.contains("stepwise \(name)"))
        #expect(text.contains("Exit status"))
    }

    @Test("the diagnostic printer shows the source line with a caret, and counts by severity")
    func printer() {
        let errors = Captured()
        let printer = DiagnosticPrinter(output: errors.sink)
        printer.register(text: "line one\n\tkey: value\n", for: "x.md")
        printer.print([
            Diagnostic(.error, "bad value", at: SourceLocation(file: "x.md", line: 2, column: 7), hint: "fix it"),
            Diagnostic(.note, "no line", at: SourceLocation(file: "x.md", line: 9)),
        ])
        #expect(errors.text == "x.md:2:7: error: bad value\n     key: value\n          ^\n    hint: fix it\nx.md:9:1: note: no line\n")
        #expect(printer.errorCount == 1)
        #expect(printer.summary == "1 error, 1 note")
    }

    @Test("a spec with Windows line endings shows the right line, without its carriage return")
    func windowsLineEndings() throws {
        let printer = DiagnosticPrinter(output: Captured().sink)
        printer.register(text: "line one\r\nkey: value\r\nline three\r\n", for: "x.md")
        #expect(printer.sourceLine(file: "x.md", line: 2) == "key: value")
        #expect(printer.sourceLine(file: "x.md", line: 3) == "line three")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-crlf-\(UUID().uuidString).md")
        try Data("a\r\nb\r\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(printer.sourceLine(file: file.path, line: 2) == "b")
    }
}
