import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

/// What every format must do, whatever the stream: write something, atomically, without failing.
@Suite struct EveryFormatTests {
    static let fileFormats = ReportFormat.allCases

    private func write(_ format: ReportFormat, _ events: [Event]) throws -> (directory: URL, written: [String]) {
        let directory = try ReportFixtures.temporaryDirectory()
        let target = directory.appendingPathComponent(format == .allure ? "results" : "report")
        try Reporters.make(format, destination: .path(target.path)).consume(events)
        var written = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        if format == .allure {
            written = try FileManager.default.contentsOfDirectory(atPath: target.path).map { "results/" + $0 }
        }
        return (directory, written.sorted())
    }

    @Test("every format writes the fixture run and leaves no temporary file", arguments: fileFormats)
    func writesFixture(format: ReportFormat) throws {
        let (directory, written) = try write(format, try ReportFixtures.events("mixed-run.ndjson"))
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(!written.isEmpty)
        #expect(!written.contains { $0.hasSuffix(".tmp") })
        // What was written is the run: every case of the fixture (Allure: one file a case;
        // Zephyr uploads only the cases that reached a verdict). Order is checked end to end.
        let keys = format == .zephyr ? ["MM-T938", "MM-T100", "MM-T200"] : ["MM-T938", "MM-T100", "MM-T200", "MM-T300", "MM-T400", "MM-T500"]
        let texts = try written.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
        for key in keys { #expect(texts.contains { $0.contains(key) }, "\(format) names \(key)") }
        if format != .allure {
            #expect(texts.count == 1)
            // The first failure, as the runner summarised it, is in every report but the Zephyr upload (statuses only).
            #expect(format == .zephyr || texts.first?.contains("expected every device to be logged out within 30 s") == true, "\(format)")
        }
    }

    @Test("every format copes with an empty stream", arguments: fileFormats)
    func emptyStream(format: ReportFormat) throws {
        let (directory, written) = try write(format, [])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(!written.isEmpty)
    }

    @Test("every format copes with a run cut off in the middle of a case", arguments: fileFormats)
    func interruptedStream(format: ReportFormat) throws {
        let events = try ReportFixtures.events("mixed-run.ndjson")
        let cut = events.prefix { if case .itemFinished(let done) = $0 { !(done.caseID == "MM-T938" && done.itemID == "2.e1") } else { true } }
        let (directory, written) = try write(format, Array(cut))
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(!written.isEmpty)
    }

    @Test("an interrupted case is marked so in the reports that show stages")
    func interruptedCaseMarked() throws {
        let events = try ReportFixtures.events("mixed-run.ndjson")
        let cut = Array(
            events.prefix { if case .itemFinished(let done) = $0 { !(done.caseID == "MM-T938" && done.itemID == "2.e1") } else { true } })
        let run = RunRecord(events: cut)
        let revoke = try #require(run.cases.first { $0.key == "MM-T938" })
        #expect(!revoke.isFinished)
        let result = try #require(
            AllureReporter.results(run, tmsLinkPattern: nil).first { $0.name.hasPrefix("MM-T938") })
        #expect(result.stage == "interrupted")
        #expect(HTMLReport.text(run).contains("This run did not finish"))
        #expect(MarkdownReport.text(run).contains("The run did not finish"))
    }
}
