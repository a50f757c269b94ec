import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

@Suite struct StreamMergerTests {
    private func merged() throws -> [Event] {
        StreamMerger.merge([try ReportFixtures.events("mixed-run.ndjson"), try ReportFixtures.events("shard-2.ndjson")])
    }

    @Test("case IDs are kept in stream order, and one a later stream shares with an earlier one is made unique")
    func renumbers() throws {
        let shard = try ReportFixtures.events("shard-2.ndjson")
        let run = RunRecord(events: StreamMerger.merge([try ReportFixtures.events("mixed-run.ndjson"), shard, shard]))
        #expect(
            run.cases.map(\.caseID) == ["MM-T938", "MM-T100", "MM-T200", "MM-T300", "MM-T400", "MM-T500", "MM-T700", "MM-T700#2"])
        let shardCase = try #require(run.cases.first { $0.caseID == "MM-T700#2" })
        #expect(shardCase.key == "MM-T700")
        #expect(shardCase.status == .passed)
        #expect(shardCase.steps.map(\.stepID) == ["1"])
        #expect(shardCase.steps[0].items.map(\.itemID) == ["1.i1"])
        #expect(shardCase.steps[0].items[0].status == .passed)
    }

    @Test("one runStarted and one runFinished with combined figures")
    func oneRun() throws {
        let events = try merged()
        let starts = events.compactMap(\.runStarted)
        #expect(starts.count == 1)
        #expect(starts.first?.cases == 8)
        #expect(starts.first?.jobs == 3)
        #expect(starts.first?.runID == "run-2026-11-29T15-00-00Z+run-shard-2")
        guard case .runFinished(let done)? = events.last else {
            Issue.record("the merged stream does not end with runFinished")
            return
        }
        #expect(done.counts == ["passed": 3, "failed": 1, "manual": 1, "undefined": 1, "skipped": 1])
        #expect(done.status == .failed)
        #expect(done.flaky == 1)
        #expect(done.exitCode == 1)
        // The shard started 10 s later and took 0.25 s.
        #expect(abs(done.duration.wall - 10.25) < 1e-9)
        #expect(abs(done.duration.virtual - 333.8) < 1e-9)
    }

    @Test("wall times of a later run move onto the earliest run's start")
    func shiftsTimes() throws {
        let run = RunRecord(events: try merged())
        let shardCase = try #require(run.cases.first { $0.caseID == "MM-T700" })
        #expect(shardCase.startedAt == 10)
        #expect(shardCase.steps[0].startedAt?.wall == 10)
        #expect(shardCase.steps[0].startedAt?.virtual == 0)
    }

    @Test("a stream without its end makes the merged run unfinished")
    func unfinishedShard() throws {
        let cut = try ReportFixtures.events("shard-2.ndjson").dropLast()
        let events = StreamMerger.merge([try ReportFixtures.events("mixed-run.ndjson"), Array(cut)])
        #expect(!RunRecord(events: events).isComplete)
        #expect(RunRecord(events: events).cases.count == 7)
    }

    @Test("merging one stream changes nothing a report shows")
    func single() throws {
        let events = try ReportFixtures.events("mixed-run.ndjson")
        #expect(RunRecord(events: StreamMerger.merge([events])) == RunRecord(events: events))
    }
}

@Suite struct SavedStreamTests {
    @Test("a bad line is reported with file:line, the line and a caret")
    func badLine() throws {
        let data = Data("{\"schema\":1,\"kind\":\"runFinished\",\"runID\":\"r\"}\n\nnot json\n".utf8)
        let error = try #require(throws: SavedStream.ReadError.self) {
            try SavedStream.events(from: data, path: "shard.ndjson")
        }
        #expect(error.description.hasPrefix("shard.ndjson:1:1: error: not a Stepwise event: missing `status`"))
        let second = Data("\n\nnot json\n".utf8)
        let invalid = try #require(throws: SavedStream.ReadError.self) {
            try SavedStream.events(from: second, path: "shard.ndjson")
        }
        #expect(invalid.description.hasPrefix("shard.ndjson:3:1: error: not a Stepwise event: invalid JSON"))
        #expect(invalid.description.contains("\n    not json\n    ^"))
    }

    @Test("a stream saved with CRLF line endings reads like the same stream with LF")
    func crlfStream() throws {
        let text = try ReportFixtures.text("mixed-run.ndjson")
        let crlf = Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let events = try SavedStream.events(from: crlf, path: "shard.ndjson")
        #expect(events == (try ReportFixtures.events("mixed-run.ndjson")))
    }

    @Test("a stream from a newer schema is refused at its first line, not misread")
    func newerSchema() throws {
        let data = Data("{\"schema\":2,\"kind\":\"runStarted\",\"runID\":\"r\"}\n".utf8)
        let error = try #require(throws: SavedStream.ReadError.self) {
            try SavedStream.events(from: data, path: "new.ndjson")
        }
        #expect(error.diagnostic.code == "stream.schema")
        #expect(error.description.hasPrefix("new.ndjson:1:1: error: the event stream is schema 2; this Stepwise reads schema 1"))
    }

    @Test("a valid JSON line with a value no event holds names the field, not 'invalid JSON'")
    func unknownValue() throws {
        let line = try #require(try ReportFixtures.text("mixed-run.ndjson").split(separator: "\n").first { $0.contains("\"itemFinished\"") })
        let edited = line.replacingOccurrences(of: "\"status\":\"passed\"", with: "\"status\":\"exploded\"")
        #expect(edited != String(line))
        let error = try #require(throws: SavedStream.ReadError.self) {
            try SavedStream.events(from: Data(edited.utf8), path: "edited.ndjson")
        }
        #expect(error.description.hasPrefix("edited.ndjson:1:1: error: not a Stepwise event: unexpected value at `status`"))
    }

    @Test("a missing file is an error that says so")
    func missingFile() {
        #expect(throws: SavedStream.ReadError.self) { try SavedStream.read(path: "/nonexistent/stream.ndjson") }
    }

    @Test("rendering a saved stream writes what the run would have written")
    func rendersLikeRun() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("junit.xml").path
        let events = try SavedStream.read(path: ReportFixtures.url("mixed-run.ndjson").path)
        try SavedStream.render(events, format: .junit, destination: .path(path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == JUnitReport.text(RunRecord(events: events)))
    }
}
