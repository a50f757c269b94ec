import Foundation
import MattermostSteps
import StepwiseBinding
import StepwiseParsing
import Testing

@Suite("The specs' pinned texts")
struct PinnedTextTests {
    static let binder = Binder(libraries: [MattermostSteps()])

    @Test("MM-T938 and MM-T940 as exported are the texts the library was written against", arguments: ["MM-T938", "MM-T940"])
    func noDrift(key: String) throws {
        let testCase = try #require(SpecReader.read(path: SpecRun.specPath(key)).testCase)
        #expect(Self.binder.bind(testCase, caseID: key).diagnostics.isEmpty)
    }

    @Test("a re-export that changes MM-T938's text is drift, pointing at the case and at the pin")
    func drift() throws {
        let exported = try String(contentsOfFile: SpecRun.specPath("MM-T938"), encoding: .utf8)
        let changed = exported.replacingOccurrences(of: "at least 2 to 3 different sessions", with: "at least 3 to 4 different sessions")
        #expect(changed != exported)
        let testCase = try #require(SpecReader.read(contents: changed, path: "MM-T938.md").testCase)
        let bound = Self.binder.bind(testCase, caseID: "MM-T938")
        let drift = try #require(bound.diagnostics.first { $0.code == "binding.drift" })
        #expect(drift.message.contains("the text of MM-T938 changed since its steps were pinned (pinned 9b2d27c7b9077fd2"))
        #expect(drift.location?.file == "MM-T938.md")
        #expect(drift.hint?.contains("MattermostSteps/MattermostSteps.swift") == true)
        // Every item still binds: drift says the text moved, not that the steps broke.
        #expect(bound.steps.flatMap(\.items).allSatisfy { $0.plan.binding.state == .matched })
    }
}
