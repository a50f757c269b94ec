import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

@Suite struct BackgroundReporterTests {
    typealias Probe = ReporterGroupTests.Probe

    @Test("a background reporter gets every event in order, and finish returns once it has finished")
    func forwardsInOrder() throws {
        let probe = Probe()
        let background = BackgroundReporter(probe)
        let events = try ReportFixtures.events("mixed-run.ndjson")
        for event in events { try background.receive(event) }
        try background.finish()
        #expect(probe.kinds == events.map(\.kind))
        #expect(probe.finished)
    }

    @Test("its reporter's first error comes out at the next event or at finish, no later event reaches it, and it is not finished")
    func keepsTheFirstError() throws {
        let probe = Probe(failOn: "caseStarted")
        let background = BackgroundReporter(probe)
        let events = try ReportFixtures.events("mixed-run.ndjson")
        var thrown: [String] = []
        for event in events {
            do { try background.receive(event) } catch let error as ReporterError { thrown.append(error.message) }
        }
        let error = try #require(throws: ReporterError.self) { try background.finish() }
        #expect(error.message == "probe failed on caseStarted")
        #expect(Set(thrown).isSubset(of: [error.message]))
        let before = try #require(events.firstIndex { $0.kind == "caseStarted" })
        #expect(probe.kinds == events[..<before].map(\.kind))
        #expect(!probe.finished)
    }

    @Test("in a group, a failing background reporter costs the others nothing, and the group names it")
    func inAGroup() throws {
        let healthy = Probe()
        let group = ReporterGroup([BackgroundReporter(Probe(failOn: "itemFinished")), BackgroundReporter(healthy)])
        let events = try ReportFixtures.events("mixed-run.ndjson")
        for event in events { try group.receive(event) }
        #expect(throws: ReporterError.self) { try group.finish() }
        #expect(group.failures.map(\.index) == [0])
        #expect(healthy.kinds == events.map(\.kind))
        #expect(healthy.finished)
    }
}
