import Foundation
import StepwiseModel
import StepwiseTestSupport
import Testing
@testable import StepwiseParsing

@Suite("Reading on many threads")
struct ConcurrencyTests {
    /// Readers share no state, but libxml2 has globals of its own (it must be initialised once
    /// before threads use it); parallel test runs once hung inside its dictionary lock.
    @Test("readers on many threads at once give the same cases and never deadlock", .timeLimit(.minutes(1)))
    func parallelReads() async {
        let text = Fixtures.zephyr(action: "<ol><li>One&nbsp;<strong>two</strong></li><li>Three</li></ol>", expected: "<p>Done</p>")
        let expected = Fixtures.read(text).testCase
        let results = await withTaskGroup(of: TestCase?.self) { group in
            for _ in 0..<64 {
                group.addTask { SpecReader.read(contents: text, path: "fixture.md").testCase }
            }
            var all: [TestCase?] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64)
        #expect(expected != nil)
        #expect(results.allSatisfy { $0 == expected })
    }

    /// What must not change between a sequential and a parallel read of the same paths.
    struct Outcome: Equatable {
        var path: String
        var format: ExportFormat?
        var testCase: TestCase?
        var diagnostics: [Diagnostic]

        init(_ file: SpecFile) {
            path = file.path
            format = file.format
            testCase = file.testCase
            diagnostics = file.diagnostics
        }
    }

    @Test("reading paths on several jobs gives what reading them one by one gives, in the same order", arguments: [0, 1, 2, 3, 8])
    func parallelReadKeepsOrder(jobs: Int) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for index in 1...20 {
            let path = directory.appendingPathComponent("MM-T\(index).md").path
            try Data(Fixtures.zephyr(key: "MM-T\(index)", action: "<ol><li>Step \(index)</li></ol>").utf8)
                .write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        let binary = directory.appendingPathComponent("binary.json").path
        try Data([0xFF, 0xFE, 0x00, 0x01]).write(to: URL(fileURLWithPath: binary))
        paths.insert(binary, at: 7)
        paths.insert(directory.appendingPathComponent("missing.md").path, at: 3)
        let sequential = paths.map { Outcome(SpecReader.read(path: $0)) }
        let parallel = SpecReader.read(paths: paths, jobs: jobs).map(Outcome.init)
        #expect(parallel == sequential)
        #expect(parallel.map(\.path) == paths)
        #expect(parallel[3].diagnostics.map(\.code) == ["file.unreadable"])
        #expect(parallel.compactMap { $0.testCase?.key }.count == 20)
    }

    @Test("every corpus file read on four jobs comes back as it does on one", .timeLimit(.minutes(2)))
    func parallelCorpus() throws {
        let paths = try Corpus.files(in: "zephyr-export", withExtension: "md") + Corpus.files(in: "zephyr-export", withExtension: "json")
            + Corpus.files(in: "mm-markdown", withExtension: "md")
        let sequential = paths.map { Outcome(SpecReader.read(path: $0)) }
        let parallel = SpecReader.read(paths: paths, jobs: 4).map(Outcome.init)
        #expect(paths.count > 3000)
        #expect(parallel == sequential)
    }

    @Test("bytes already in memory read on several jobs come back in order")
    func parallelContents() {
        let contents = (1...12).map { index in
            (path: "MM-T\(index).md", bytes: Array(Fixtures.zephyr(key: "MM-T\(index)", action: "<p>Go</p>").utf8))
        }
        let keys = SpecReader.read(contents: contents, jobs: 3).map { $0.testCase?.key }
        #expect(keys == (1...12).map { "MM-T\($0)" })
    }
}
