import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

@Suite struct RunRecordFoldTests {
    @Test("cases come out in plan order, the order the stream starts them in, not sorted by key")
    func planOrder() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        #expect(run.cases.map(\.caseID) == ["MM-T938", "MM-T100", "MM-T200", "MM-T300", "MM-T400", "MM-T500"])
    }

    @Test("the last attempt wins and the earlier one is kept as history")
    func lastAttemptWins() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        let flaky = try #require(run.cases.first { $0.key == "MM-T200" })
        #expect(flaky.status == .passed)
        #expect(flaky.flaky)
        #expect(flaky.attempt == 2)
        #expect(flaky.earlierAttempts.map(\.status) == [.failed])
        #expect(flaky.earlierAttempts.first?.message == "still logged in after 300.0 s of inactivity")
        #expect(flaky.steps[0].items[1].status == .passed)
        #expect(flaky.steps[0].items[1].notes == ["logged out after 300.5 s"])
        #expect(run.flakyCount == 1)
    }

    @Test("an earlier attempt's events arriving late do not overwrite the last attempt")
    func staleAttemptIgnored() throws {
        var events = try ReportFixtures.events("mixed-run.ndjson")
        let stale = Event.itemFinished(
            .init(
                caseID: "MM-T200", stepID: "1", itemID: "1.e1", attempt: 1, status: .failed,
                at: .zero, duration: .zero, message: "late"))
        events.insert(stale, at: events.count - 1)
        let record = try #require(RunRecord(events: events).cases.first { $0.caseID == "MM-T200" })
        #expect(record.steps[0].items[1].status == .passed)
    }

    @Test("items and steps carry the plan's text, binding and the results")
    func itemsCarryPlanAndResult() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        let revoke = run.cases[0]
        #expect(revoke.status == .failed)
        #expect(revoke.folder == ["System Console", "Users"])
        let failing = revoke.steps[1].items[1]
        #expect(failing.text == "The user is logged out automatically after ~2-30 seconds on every device")
        #expect(failing.status == .failed)
        #expect(failing.duration == Timing(wall: 0.05, virtual: 30))
        #expect(
            failing.failureLocation
                == SourceLocation(file: "Sources/MattermostSteps/MattermostSteps+Expectations.swift", line: 98, column: 13))
        #expect(failing.binding.definition?.expression == "the user is logged out automatically after {duration} on every device")
        #expect(failing.notes.count == 2)
        #expect(revoke.firstProblem?.item.itemID == "2.e1")
    }

    @Test("a step that never started stays skipped with no timing")
    func unstartedStepSkipped() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        let third = run.cases[0].steps[2]
        #expect(third.status == .skipped)
        #expect(third.startedAt == nil)
        #expect(third.items.allSatisfy { $0.status == .skipped && $0.startedAt == nil })
    }

    @Test("diagnostics attach to their case and the rest belong to the run")
    func diagnostics() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        #expect(run.diagnostics(for: "MM-T938").map(\.diagnostic.code) == ["binding.drift"])
        #expect(run.runDiagnostics.map(\.diagnostic.code) == ["yaml.invalid"])
    }

    @Test("run totals come from runFinished, counts from the cases")
    func totals() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        #expect(run.isComplete)
        #expect(run.exitCode == 1)
        #expect(run.status == .failed)
        #expect(run.duration == Timing(wall: 0.85, virtual: 332.8))
        #expect(run.counts == [.passed: 2, .failed: 1, .manual: 1, .undefined: 1, .skipped: 1])
        #expect(ReportText.counts(run) == "2 passed, 1 failed, 1 undefined, 1 manual, 1 skipped, 1 flaky")
    }

    @Test("a stream cut short folds what it has and says it is incomplete")
    func truncatedStream() throws {
        let events = try ReportFixtures.events("mixed-run.ndjson")
        let cut = Array(events.prefix { if case .caseStarted(let s) = $0 { s.caseID != "MM-T200" } else { true } })
        let run = RunRecord(events: cut)
        #expect(!run.isComplete)
        #expect(run.exitCode == nil)
        #expect(run.cases.map(\.key) == ["MM-T938", "MM-T100"])
        #expect(run.status == .failed)
        #expect(abs(run.duration.virtual - (31.7 + 0.5)) < 1e-9)
    }
}
