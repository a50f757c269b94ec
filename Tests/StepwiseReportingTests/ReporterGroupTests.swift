import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

@Suite struct ReporterGroupTests {
    /// Records what it receives; fails on the event kind it is told to.
    final class Probe: Reporter {
        var kinds: [String] = []
        var finished = false
        let failOn: String?

        init(failOn: String? = nil) { self.failOn = failOn }

        func receive(_ event: Event) throws {
            if event.kind == failOn { throw ReporterError(message: "probe failed on \(event.kind)") }
            kinds.append(event.kind)
        }

        func finish() throws { finished = true }
    }

    @Test("every reporter gets every event in order, then finish")
    func forwards() throws {
        let first = Probe()
        let second = Probe()
        let events = try ReportFixtures.events("mixed-run.ndjson")
        try ReporterGroup([first, second]).consume(events)
        #expect(first.kinds == events.map(\.kind))
        #expect(second.kinds == first.kinds)
        #expect(first.finished && second.finished)
    }

    @Test("one failing reporter does not stop the others, and its error comes out at the end")
    func isolatesFailures() throws {
        let failing = Probe(failOn: "caseStarted")
        let healthy = Probe()
        let group = ReporterGroup([failing, healthy])
        let events = try ReportFixtures.events("mixed-run.ndjson")
        for event in events { try group.receive(event) }
        let error = try #require(throws: ReporterError.self) { try group.finish() }
        #expect(error.message == "probe failed on caseStarted")
        #expect(healthy.kinds.count == events.count)
        #expect(healthy.finished)
        #expect(!failing.finished)
    }
}
