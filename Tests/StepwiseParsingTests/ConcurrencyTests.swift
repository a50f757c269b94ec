import Foundation
import StepwiseModel
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
}
