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

    @Test("every Zephyr Markdown export without calls agrees with its JSON twin")
    func zephyrMarkdownAgreesWithJSON() throws {
        var compared = 0
        var agreeing = 0
        var withCalls = 0
        var mismatches: [String] = []
        for jsonPath in try Corpus.files(in: "zephyr-export", withExtension: "json") {
            let json = try #require(SpecReader.read(path: jsonPath).testCase, "\(jsonPath) unread")
            if json.steps.contains(where: { $0.call != nil }) {
                withCalls += 1
                continue
            }
            let markdownPath = String(jsonPath.dropLast(5)) + ".md"
            let file = SpecReader.read(path: markdownPath)
            #expect(file.format == .zephyrMarkdown)
            let markdown = try #require(file.testCase, "\(markdownPath) unread")
            compared += 1
            let differences = Self.differences(markdown, json, compareFolder: true)
            if differences.isEmpty {
                agreeing += 1
            } else {
                mismatches.append("\(markdownPath): \(differences.joined(separator: "; "))")
            }
        }
        print(Self.figure("zephyr-export .md vs .json", agreeing, compared, skipped: withCalls, reason: "with calls"))
        #expect(compared > 800)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).joined(separator: "\n"))")
    }

    /// A Mattermost Markdown file "still says" what its first-commit JSON said when it has as many
    /// top-level steps, calls the same cases, and each step's action, test data and expected result
    /// hold the same words (runs of letters and digits) and the same punctuation in the same order,
    /// leaving aside the characters Markdown uses as delimiters (`_*\`[]<>`). Those were not edited
    /// upstream since the first commit, and their texts must agree exactly, whitespace collapsed.
    ///
    /// One kind of difference is counted apart rather than failed: the upstream HTML-to-Markdown
    /// converter sometimes wrote delimiters CommonMark cannot pair (`_/zendesk connect _command`,
    /// `**[**user name]`), which every CommonMark renderer shows as literal `_`, `*`, `[`, `]`,
    /// `<`, `>`, `\` or backticks. Cases whose only differences are those characters are listed
    /// as such and printed; any other difference fails.
    @Test("Mattermost Markdown files whose steps are unchanged agree with the first-commit JSON")
    func mattermostMarkdownAgreesWithJSON() throws {
        var records: [String: TestCase] = [:]
        for jsonPath in try Corpus.files(in: "zephyr-export", withExtension: "json") {
            if let testCase = SpecReader.read(path: jsonPath).testCase { records[testCase.key] = testCase }
        }
        var unchanged = 0
        var agreeing = 0
        var delimiterOnly: [String] = []
        var edited = 0
        var callsChecked = 0
        var mismatches: [String] = []
        for path in try Corpus.files(in: "mm-markdown", withExtension: "md") {
            let file = SpecReader.read(path: path)
            #expect(file.format == .mattermostMarkdown)
            let markdown = try #require(file.testCase, "\(path) unread")
            guard let json = records[markdown.key] else { continue }
            let topLevel = markdown.steps.filter { !$0.number.contains(".") }
            let sameWords =
                topLevel.count == json.steps.count
                && zip(topLevel, json.steps).allSatisfy { mine, theirs in
                    mine.call?.key == theirs.call?.key
                        && Corpus.words(mine.action?.plainText) == Corpus.words(theirs.action?.plainText)
                        && Corpus.words(mine.testData?.plainText) == Corpus.words(theirs.testData?.plainText)
                        && Corpus.words(mine.expected?.plainText) == Corpus.words(theirs.expected?.plainText)
                        && Corpus.visible(mine.action?.plainText) == Corpus.visible(theirs.action?.plainText)
                        && Corpus.visible(mine.testData?.plainText) == Corpus.visible(theirs.testData?.plainText)
                        && Corpus.visible(mine.expected?.plainText) == Corpus.visible(theirs.expected?.plainText)
                }
            guard sameWords else {
                edited += 1
                continue
            }
            unchanged += 1
            callsChecked += json.steps.filter { $0.call != nil }.count
            var mine = markdown
            mine.steps = topLevel
            let differences = Self.differences(mine, json, compareFolder: false, compareMetadata: false)
            if differences.isEmpty {
                agreeing += 1
            } else if Self.differences(mine, json, compareFolder: false, compareMetadata: false, ignoringDelimiters: true)
                .isEmpty
            {
                delimiterOnly.append(path)
            } else {
                mismatches.append("\(path): \(differences.joined(separator: "; "))")
            }
        }
                print(Self.figure("mm-markdown .md vs first-commit .json", agreeing, unchanged, skipped: edited, reason: "edited since"))
        print("mm-markdown: \(delimiterOnly.count) of those differ only in delimiters the converter left literal")
        print("mm-markdown: \(callsChecked) calls reported with the called key")
        #expect(unchanged > 500)
        #expect(callsChecked > 0)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).joined(separator: "\n"))")
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

    static func figure(_ name: String, _ agreeing: Int, _ compared: Int, skipped: Int, reason: String) -> String {
        let percent = compared == 0 ? 0 : Double(agreeing) * 100 / Double(compared)
        return "\(name): \(agreeing)/\(compared) cases agree (\(String(format: "%.1f", percent))%), \(skipped) \(reason) not compared"
    }

    static func differences(
        _ mine: TestCase, _ theirs: TestCase, compareFolder: Bool, compareMetadata: Bool = true, ignoringDelimiters: Bool = false
    ) -> [String] {
        var found: [String] = []
        func check(_ name: String, _ left: String?, _ right: String?) {
            let a = ignoringDelimiters ? Corpus.visible(left) : Corpus.collapsed(left)
            let b = ignoringDelimiters ? Corpus.visible(right) : Corpus.collapsed(right)
            if a != b { found.append("\(name): \(a.map { "\"\($0)\"" } ?? "nil") != \(b.map { "\"\($0)\"" } ?? "nil")") }
        }
        check("key", mine.key, theirs.key)
        if compareMetadata {
            check("title", mine.title, theirs.title)
            check("status", mine.status, theirs.status)
            check("priority", mine.priority, theirs.priority)
            check("labels", mine.labels.joined(separator: "|"), theirs.labels.joined(separator: "|"))
            check("objective", mine.objective?.plainText, theirs.objective?.plainText)
            check("precondition", mine.precondition?.plainText, theirs.precondition?.plainText)
        }
        if compareFolder { check("folder", mine.folder.joined(separator: "|"), theirs.folder.joined(separator: "|")) }
        guard mine.steps.count == theirs.steps.count else {
            found.append("steps: \(mine.steps.count) != \(theirs.steps.count)")
            return found
        }
        for (left, right) in zip(mine.steps, theirs.steps) {
            check("step \(right.number) number", left.number, right.number)
            check("step \(right.number) call", left.call?.key, right.call?.key)
            check("step \(right.number) action", left.action?.plainText, right.action?.plainText)
            check("step \(right.number) testData", left.testData?.plainText, right.testData?.plainText)
            check("step \(right.number) expected", left.expected?.plainText, right.expected?.plainText)
        }
        return found
    }
}
