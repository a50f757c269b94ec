import Foundation
import StepwiseModel
import StepwiseParsing
import StepwiseTestSupport
import Testing
@testable import StepwiseCLI

@Suite("The JSON Lines contract")
struct JSONLineTests {
    @Test("the direct writer writes, for every file of the corpus, the bytes JSONEncoder writes")
    func corpusLinesMatchTheEncoder() throws {
        let collection = SpecCollection(paths: [Corpus.root.path])
        #expect(collection.files.count > 3_000)
        let encoder = EncodedJSONLine.makeEncoder()
        var differing: [String] = []
        var withDiagnostics = 0
        for file in collection.readAll() {
            if !file.diagnostics.isEmpty { withDiagnostics += 1 }
            let expected = try EncodedJSONLine(file: file).encoded(with: encoder)
            if SpecJSONLine(file: file).text != expected { differing.append(file.path) }
        }
        #expect(differing.isEmpty, "\(differing.count) files differ, first \(differing.prefix(5))")
        #expect(withDiagnostics > 100)
    }

    @Test("every control character, quotes, backslashes, slashes and non-ASCII text are escaped as JSONEncoder escapes them")
    func escapingMatchesTheEncoder() throws {
        var awkward = ""
        for value in 0..<0x80 { awkward.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        awkward += "\u{80}\u{A0}\u{2028}\u{2029}\u{FEFF}\u{FFFF}😀é a/b \\u0041"
        let step = Step(
            number: "1.2", action: RichText(text: awkward), info: [Field(name: awkward, value: RichText(text: "x"))],
            instructions: [Instruction(number: 3, text: awkward, notes: [awkward], location: SourceLocation(file: "a", line: Int.max))],
            expectations: [
                Expectation(number: 0, text: "", instruction: -7, location: SourceLocation(file: "a", line: 0)),
                Expectation(number: 1, text: awkward, location: SourceLocation(file: "a", line: 12)),
            ],
            location: SourceLocation(file: "a", line: 40))
        let testCase = TestCase(
            key: awkward, title: "\"quoted\" \\ back", folder: [awkward, ""], labels: ["l/1"], fields: [],
            steps: [step, Step(number: "2", call: CaseCall(key: "MM-T1", name: nil), location: SourceLocation(file: "a", line: 1))],
            format: .mattermostMarkdown, location: SourceLocation(file: "a", line: 1))
        let files = [
            SpecFile(
                path: "dir/\(awkward).md", format: .mattermostMarkdown, testCase: testCase,
                diagnostics: [
                    Diagnostic(.warning, awkward, at: SourceLocation(file: "a", line: 3, column: Int.min), hint: awkward, code: "x.y"),
                    Diagnostic(.note, "no place", at: nil),
                ]),
            SpecFile(path: "empty.json", format: nil, testCase: nil, diagnostics: []),
        ]
        let encoder = EncodedJSONLine.makeEncoder()
        for file in files {
            #expect(SpecJSONLine(file: file).text == (try EncodedJSONLine(file: file).encoded(with: encoder)))
            #expect(SpecJSONLine(file: file).bytes == Array((try EncodedJSONLine(file: file).encoded(with: encoder) + "\n").utf8))
        }
    }
}

@Suite("Diagnostics rendered on the reading threads")
struct RenderedDiagnosticsTests {
    @Test("every diagnostic of the corpus renders with the lines it was read with as it does from the file on disk")
    func renderedAsFromDisk() throws {
        let collection = SpecCollection(paths: [Corpus.root.path])
        var rendered = 0
        for file in collection.readAll() where !file.diagnostics.isEmpty {
            let fromDisk = DiagnosticPrinter(output: TextSink(write: { _ in }))
            let expected = file.diagnostics.map { fromDisk.render($0) + "\n" }.joined()
            let result = DiagnosticPrinter.render(file)
            #expect(result.text == expected, "\(file.path)")
            #expect(result.errors + result.warnings + result.notes == file.diagnostics.count)
            rendered += file.diagnostics.count
        }
        #expect(rendered > 250)
    }
}
