import Foundation
import StepwiseModel
import StepwiseTestSupport
import Testing
@testable import StepwiseParsing

/// The acceptance criteria of the readers, over every real export of the corpus in `Tests/Corpus`.
@Suite("Corpus acceptance", .serialized)
struct CorpusAcceptanceTests {
    @Test("every file of the corpus is read in one process, and only invalid YAML is an issue")
    func readsEveryFile() throws {
        let collection = SpecCollection(paths: [Corpus.root.path])
        let (files, problems) = (collection.files, collection.diagnostics)
        #expect(problems.isEmpty)
        #expect(files.count == 1_109 * 2 + 1_107)
        var withoutCase: [String] = []
        for path in files where SpecReader.read(path: path).testCase == nil { withoutCase.append(path) }
        #expect(withoutCase.isEmpty, "no case read from \(withoutCase)")
    }

    /// Each reader against what the test-management tool shows of the same case (``ShownCase``:
    /// the JSON record read without the readers). Texts agree when they are equal as a reader
    /// sees them (``Corpus/shown(_:)``: whitespace collapsed, invisible characters and backticks
    /// aside).
    @Test("every Zephyr Markdown export without calls, and every Zephyr JSON record, reads as the tool shows it")
    func zephyrFormatsReadAsShown() throws {
        var markdown = Agreement(format: "zephyr-markdown")
        var json = Agreement(format: "zephyr-json")
        var withCalls = 0
        for jsonPath in try Corpus.files(in: "zephyr-export", withExtension: "json") {
            let shown = try ShownCase(json: jsonPath)
            let record = try #require(SpecReader.read(path: jsonPath).testCase, "\(jsonPath) unread")
            json.count(jsonPath, Self.differences(record, shown, metadata: true, folder: true, fullInfo: true))
            if shown.steps.contains(where: { $0.call != nil }) {
                // The Markdown export drops calls: there is nothing to compare them with.
                withCalls += 1
                continue
            }
            let markdownPath = String(jsonPath.dropLast(5)) + ".md"
            let file = SpecReader.read(path: markdownPath)
            #expect(file.format == .zephyrMarkdown)
            let testCase = try #require(file.testCase, "\(markdownPath) unread")
            markdown.count(markdownPath, Self.differences(testCase, shown, metadata: true, folder: true, fullInfo: true))
        }
        markdown.writeMismatches()
        json.writeMismatches()
        print(markdown.figure(of: "cases without calls") + "; \(withCalls) cases with calls not compared")
        print(json.figure(of: "records"))
        #expect(markdown.compared > 1000)
        #expect(markdown.mismatches.isEmpty, "\(markdown.mismatches.prefix(10).joined(separator: "\n"))")
        #expect(json.mismatches.isEmpty, "\(json.mismatches.prefix(10).joined(separator: "\n"))")
    }

    /// A Mattermost Markdown file is compared when it still says what its first-commit JSON record
    /// says, judged without the reader: what the tool shows of the file through its own sync
    /// (``SyncedFile``: the file's fields rendered by CommonMark + GFM) has as many top-level steps
    /// as the record, the same calls, and in every step the same text as the record's action (with
    /// its text step fields after it, as the file writes them, their labels aside), test data and
    /// expected result, up to the Markdown delimiters `*`, `_`, `~`, `` ` `` and `\` (what the reader
    /// is tested on) and the amount of whitespace; and it still shows each `*`, `_` and `~` the record
    /// shows as text (``keepsDelimiters(_:_:)``). A file that fails this was exported from
    /// a record edited since (upstream edits, and the sync's own rewrites: `<@user>` becoming
    /// `[@user]()`, `<br>` inside code becoming `\`, spaces lost around code spans). The files that
    /// pass must read exactly as the record shows them. (The Mattermost format does not carry the
    /// multi-select step field "Fix Versions".)
    @Test("Mattermost Markdown files that still say what their first-commit JSON says read as the tool shows it")
    func mattermostMarkdownReadsAsShown() throws {
        var shownByKey: [String: ShownCase] = [:]
        for jsonPath in try Corpus.files(in: "zephyr-export", withExtension: "json") {
            let shown = try ShownCase(json: jsonPath)
            shownByKey[shown.key] = shown
        }
        var agreement = Agreement(format: "mattermost-markdown")
        var edited = 0
        var editedWordsSame = 0
        var withInfo = 0
        var callsChecked = 0
        for path in try Corpus.files(in: "mm-markdown", withExtension: "md") {
            let file = SpecReader.read(path: path)
            #expect(file.format == .mattermostMarkdown)
            let markdown = try #require(file.testCase, "\(path) unread")
            guard let shown = shownByKey[markdown.key] else { continue }
            var mine = markdown
            mine.steps = markdown.steps.filter { !$0.number.contains(".") }
            guard Self.stillSays(try SyncedFile(path: path), shown) else {
                edited += 1
                if Self.wordsMatch(mine, shown) { editedWordsSame += 1 }
                continue
            }
            if mine.steps.contains(where: { !$0.info.isEmpty }) { withInfo += 1 }
            callsChecked += shown.steps.filter { $0.call != nil }.count
            agreement.count(path, Self.differences(mine, shown, metadata: false, folder: false, fullInfo: false))
        }
        agreement.writeMismatches()
        print(agreement.figure(of: "files that still say what their first-commit record says") + "; \(edited) edited since not compared")
        print(
            "mattermost-markdown: \(editedWordsSame) of the edited files have the same words as the record but not the same text "
                + "(punctuation, spacing, code, Markdown characters the sync turned into text)")
        print("mattermost-markdown: \(withInfo) of the compared files carry step info, \(callsChecked) calls compared by key")
        #expect(agreement.compared > 600)
        #expect(withInfo > 100)
        #expect(agreement.rate >= 0.995, "\(agreement.mismatches.prefix(10).joined(separator: "\n"))")
    }

    /// True when what the tool shows of the file says what the record says, Markdown delimiters and
    /// the amount of whitespace aside (see ``mattermostMarkdownReadsAsShown()``).
    static func stillSays(_ file: SyncedFile, _ shown: ShownCase) -> Bool {
        func loose(_ text: String?) -> String? { Corpus.shown(text?.filter { !"*_~\\".contains($0) }) }
        guard file.steps.count == shown.steps.count else { return false }
        return zip(file.steps, shown.steps).allSatisfy { step, theirs in
            guard step.call == theirs.call else { return false }
            if theirs.call != nil { return true }
            let action = ([theirs.action ?? ""] + theirs.info.filter(\.isText).map(\.text)).joined(separator: " ")
            // The file writes each field's name as a label (`_Related ticket(s):_`), also for an
            // empty field, which the record leaves out.
            var written = step.action
            for name in Set(theirs.info.map(\.name) + ["Related ticket(s)", "Important notes about this step"]) {
                written = written?.replacingOccurrences(of: "\(name):", with: " ")
            }
            return loose(written) == loose(action) && loose(step.testData) == loose(theirs.testData)
                && loose(step.expected) == loose(theirs.expected)
                && keepsDelimiters(step.action, action) && keepsDelimiters(step.testData, theirs.testData)
                && keepsDelimiters(step.expected, theirs.expected)
        }
    }

    /// Counts how many readings agree, and keeps what differed.
    struct Agreement {
        var format: String
        var compared = 0
        var agreeing = 0
        var mismatches: [String] = []

        mutating func count(_ path: String, _ differences: [String]) {
            compared += 1
            if differences.isEmpty { agreeing += 1 } else { mismatches.append("\(path): \(differences.joined(separator: "; "))") }
        }

        var rate: Double { compared == 0 ? 0 : Double(agreeing) / Double(compared) }

        /// Every mismatch, one file a line, into `<format>-mismatches.txt` in the directory
        /// `STEPWISE_MISMATCHES` names (for going through them on an export outside the corpus).
        func writeMismatches() {
            guard let directory = ProcessInfo.processInfo.environment["STEPWISE_MISMATCHES"], !directory.isEmpty else { return }
            let url = URL(fileURLWithPath: directory).appendingPathComponent("\(format)-mismatches.txt")
            try? mismatches.map { $0 + "\n" }.joined().write(to: url, atomically: true, encoding: .utf8)
        }

        func figure(of what: String) -> String {
            "\(format): \(agreeing)/\(compared) \(what) read as the tool shows them (\(String(format: "%.1f", rate * 100))%)"
        }
    }

    /// True when the tool shows of the file at least each `*`, `_` and `~` the record shows as text:
    /// the exporter escapes every one that is text, so a file exported from that record shows them
    /// all. (More of them is the sync's doing, which the reader undoes; fewer, an edit.)
    static func keepsDelimiters(_ file: String?, _ record: String?) -> Bool {
        Array("*_~").allSatisfy { character in
            (file ?? "").count(where: { $0 == character }) >= (record ?? "").count(where: { $0 == character })
        }
    }

    static func wordsMatch(_ mine: TestCase, _ shown: ShownCase) -> Bool {
        guard mine.steps.count == shown.steps.count else { return false }
        return zip(mine.steps, shown.steps).allSatisfy { step, theirs in
            step.call?.key == theirs.call
                && Corpus.words(step.action?.plainText) == Corpus.words(theirs.action)
                && Corpus.words(step.testData?.plainText) == Corpus.words(theirs.testData)
                && Corpus.words(step.expected?.plainText) == Corpus.words(theirs.expected)
                && Corpus.words(step.info.map(\.value.plainText).joined(separator: " "))
                    == Corpus.words(theirs.info.filter(\.isText).map(\.text).joined(separator: " "))
        }
    }

    static func differences(
        _ mine: TestCase, _ shown: ShownCase, metadata: Bool, folder: Bool, fullInfo: Bool
    ) -> [String] {
        var found: [String] = []
        func check(_ name: String, _ left: String?, _ right: String?) {
            let (a, b) = (Corpus.shown(left), Corpus.shown(right))
            if a != b { found.append("\(name): \(a.map { "\"\($0)\"" } ?? "nil") != \(b.map { "\"\($0)\"" } ?? "nil")") }
        }
        check("key", mine.key, shown.key)
        if metadata {
            check("title", mine.title, shown.title)
            check("status", mine.status, shown.status)
            check("priority", mine.priority, shown.priority)
            check("labels", mine.labels.joined(separator: "|"), shown.labels.joined(separator: "|"))
            check("objective", mine.objective?.plainText, shown.objective)
            check("precondition", mine.precondition?.plainText, shown.precondition)
        }
        if folder { check("folder", mine.folder.joined(separator: "|"), shown.folder.joined(separator: "|")) }
        guard mine.steps.count == shown.steps.count else {
            found.append("steps: \(mine.steps.count) != \(shown.steps.count)")
            return found
        }
        for (index, (step, theirs)) in zip(mine.steps, shown.steps).enumerated() {
            let number = "step \(index + 1)"
            check("\(number) call", step.call?.key, theirs.call)
            check("\(number) action", step.action?.plainText, theirs.action)
            check("\(number) testData", step.testData?.plainText, theirs.testData)
            check("\(number) expected", step.expected?.plainText, theirs.expected)
            let info = theirs.info.filter { fullInfo || $0.isText }
            check("\(number) info names", step.info.map(\.name).joined(separator: " | "), info.map(\.name).joined(separator: " | "))
            for (field, shownField) in zip(step.info, info) {
                check("\(number) info \(field.name)", field.value.plainText, shownField.text)
            }
        }
        return found
    }

    @Test("every call of a JSON record is reported with the called key")
    func jsonCallsCarryTheirKeys() throws {
        var calls = 0
        for jsonPath in try Corpus.files(in: "zephyr-export", withExtension: "json") {
            let data = try #require(FileManager.default.contents(atPath: jsonPath))
            let raw = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let expected = (raw["steps"] as? [[String: Any]] ?? []).compactMap {
                ($0["testCase"] as? [String: Any])?["testCaseKey"] as? String
            }
            let testCase = try #require(SpecReader.read(path: jsonPath).testCase)
            #expect(testCase.steps.compactMap(\.call?.key) == expected, "\(jsonPath)")
            calls += expected.count
        }
        print("zephyr-export .json: \(calls) calls reported with the called key")
        #expect(calls > 0)
    }

    @Test("every call written in a Mattermost Markdown file is reported with its key and name")
    func mattermostCallsCarryTheirKeys() throws {
        var calls = 0
        for path in try Corpus.files(in: "mm-markdown", withExtension: "md") {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // What the file says, read without the reader: `**Step N from KEY: name**` lines.
            let written = text.split(separator: "\n").compactMap { line -> String? in
                let trimmed = line.drop { $0 == "_" || $0 == "*" }
                guard trimmed.hasPrefix("Step "), let from = trimmed.firstRange(of: " from ") else { return nil }
                return String(trimmed[from.upperBound...].prefix { $0 != ":" && $0 != "*" })
            }
            let testCase = try #require(SpecReader.read(path: path).testCase)
            let reported = testCase.steps.compactMap(\.call)
            #expect(reported.map(\.key) == written, "\(path)")
            #expect(reported.allSatisfy { $0.name?.isEmpty == false }, "\(path)")
            calls += written.count
        }
        print("mm-markdown: all \(calls) calls written in the files reported with the called key")
        #expect(calls > 0)
    }
}
