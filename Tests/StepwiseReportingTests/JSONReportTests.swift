import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

@Suite struct JSONReportTests {
    private func document() throws -> (text: String, object: [String: Any]) {
        let data = try JSONReport.render(ReportFixtures.run("mixed-run.ndjson"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (String(decoding: data, as: UTF8.self), object)
    }

    @Test("the whole run is one versioned document")
    func golden() throws {
        let (text, object) = try document()
        try ReportFixtures.expectGolden(text, "report.json")
        #expect(object["schema"] as? Int == 1)
        #expect(
            object["counts"] as? [String: Int] == ["passed": 2, "failed": 1, "manual": 1, "undefined": 1, "skipped": 1])
        #expect(object["flaky"] as? Int == 1)
        #expect(object["isComplete"] as? Bool == true)
        #expect(object["startedAt"] as? String == "2026-11-29T15:00:00Z")
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.count == 6)
        let steps = try #require(cases.first?["steps"] as? [[String: Any]])
        let items = try #require(steps[1]["items"] as? [[String: Any]])
        #expect(items[1]["status"] as? String == "failed")
        #expect((items[1]["duration"] as? [String: Double]) == ["wall": 0.05, "virtual": 30])
    }

    @Test("the document reads back into the same run")
    func roundTrip() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        #expect(try JSONReport.read(JSONReport.render(run)) == run)
    }

    @Test("a document of another schema version is refused")
    func otherSchema() throws {
        let data = Data(#"{"schema":2,"cases":[]}"#.utf8)
        #expect(throws: ReporterError.self) { try JSONReport.read(data) }
    }

    @Test("the json format writes the document atomically to a path")
    func toPath() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.json").path
        try Reporters.make(.json, destination: .path(path)).consume(ReportFixtures.events("mixed-run.ndjson"))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: path))
                == JSONReport.render(ReportFixtures.run("mixed-run.ndjson")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["report.json"])
    }
}
