import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

/// Checks against Allure 2's documented test result file ("How it works: test result file"):
/// field names, types and the closed sets of values.
@Suite struct AllureReporterTests {
    private static let statuses: Set<String> = ["failed", "broken", "passed", "skipped", "unknown"]
    private static let stages: Set<String> = ["scheduled", "running", "finished", "pending", "interrupted"]
    private static let severities: Set<String> = ["blocker", "critical", "normal", "minor", "trivial"]
    private static let pattern = "https://jira.example.com/secure/Tests.jspa#/testCase/{}"

    /// Writes the fixture run's results and reads every result file back as JSON.
    private func written() throws -> (names: [String], results: [[String: Any]]) {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let reporter = try Reporters.make(
            .allure, destination: .path(directory.path), options: ReporterOptions(tmsLinkPattern: Self.pattern))
        try reporter.consume(ReportFixtures.events("mixed-run.ndjson"))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        let results = try names.filter { $0.hasSuffix("-result.json") }.map { name in
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        return (names, results)
    }

    private func result(_ key: String, in results: [[String: Any]], status: String? = nil) throws -> [String: Any] {
        try #require(
            results.first {
                ($0["name"] as? String)?.hasPrefix(key + ":") == true
                    && (status == nil || $0["status"] as? String == status)
            })
    }

    @Test("one {uuid}-result.json per case and attempt, plus the environment")
    func files() throws {
        let (names, results) = try written()
        #expect(results.count == 7)
        #expect(names.contains("environment.properties"))
        for name in names where name.hasSuffix("-result.json") {
            let uuid = String(name.dropLast("-result.json".count))
            #expect(
                uuid.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil,
                "\(uuid)")
            #expect(results.contains { $0["uuid"] as? String == uuid })
        }
    }

    @Test("every result has the documented fields with the documented types and values")
    func everyResultIsWellFormed() throws {
        for result in try written().results {
            for key in ["uuid", "historyId", "testCaseId", "name", "fullName", "status", "stage"] {
                #expect(result[key] is String, "\(key) must be a string")
            }
            #expect(Self.statuses.contains(result["status"] as? String ?? ""))
            #expect(Self.stages.contains(result["stage"] as? String ?? ""))
            let start = try #require(result["start"] as? Int64)
            let stop = try #require(result["stop"] as? Int64)
            #expect(start <= stop)
            let details = try #require(result["statusDetails"] as? [String: Any])
            #expect(details["known"] is Bool && details["flaky"] is Bool)
            #expect(details["muted"] == nil, "not a field of allure-python-commons' StatusDetails")
            let labels = try #require(result["labels"] as? [[String: String]])
            #expect(labels.allSatisfy { $0.keys.sorted() == ["name", "value"] })
            #expect(labels.filter { $0["name"] == "severity" }.count == 1)
            #expect(labels.allSatisfy { $0["name"] != "severity" || Self.severities.contains($0["value"] ?? "") })
            #expect(result["parameters"] is [Any] && result["attachments"] is [Any] && result["links"] is [Any])
            for step in try #require(result["steps"] as? [[String: Any]]) { try checkStep(step, within: (start, stop)) }
        }
    }

    private func checkStep(_ step: [String: Any], within bounds: (Int64, Int64)) throws {
        #expect(step["name"] is String)
        #expect(Self.statuses.contains(step["status"] as? String ?? ""))
        #expect(Self.stages.contains(step["stage"] as? String ?? ""))
        #expect(step["statusDetails"] is [String: Any] && step["parameters"] is [Any] && step["attachments"] is [Any])
        if let start = step["start"] as? Int64, let stop = step["stop"] as? Int64 {
            #expect(bounds.0 <= start && start <= stop && stop <= bounds.1 + 1)
            for child in step["steps"] as? [[String: Any]] ?? [] { try checkStep(child, within: (start, stop)) }
        } else {
            #expect(step["stage"] as? String == "pending")
        }
    }

    @Test("a failed case: names, suites from the folder, tags, severity, tms link, nested steps")
    func failedCase() throws {
        let result = try result("MM-T938", in: written().results)
        #expect(result["name"] as? String == "MM-T938: Users - Revoke a user's sessions")
        #expect(result["fullName"] as? String == "specs/zephyr/MM-T938.md#MM-T938")
        #expect(result["status"] as? String == "failed")
        #expect(result["stage"] as? String == "finished")
        // 2026-11-29T15:00:00Z plus 0.01 s, for 0.36 s.
        #expect(result["start"] as? Int64 == 1_795_964_400_010)
        #expect(result["stop"] as? Int64 == 1_795_964_400_370)
        let details = try #require(result["statusDetails"] as? [String: Any])
        #expect(
            details["message"] as? String
                == "expected every device to be logged out within 30 s\nstill logged in after 30 s: Mobile app (screen locked)"
        )
        #expect(
            (details["trace"] as? String)?.contains("raised at: Sources/MattermostSteps/MattermostSteps+Expectations.swift:98:13")
                == true)
        let labels = try #require(result["labels"] as? [[String: String]])
        #expect(labels.contains(["name": "parentSuite", "value": "System Console"]))
        #expect(labels.contains(["name": "suite", "value": "Users"]))
        #expect(labels.filter { $0["name"] == "tag" }.map { $0["value"] } == ["sessions", "admin"])
        #expect(labels.contains(["name": "severity", "value": "normal"]))
        #expect(
            result["links"] as? [[String: String]] == [
                [
                    "type": "tms", "name": "MM-T938",
                    "url": "https://jira.example.com/secure/Tests.jspa#/testCase/MM-T938",
                ]
            ])
        let steps = try #require(result["steps"] as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["Step 1", "Step 2", "Step 3"])
        #expect(steps.map { $0["status"] as? String } == ["passed", "failed", "skipped"])
        let items = try #require(steps[1]["steps"] as? [[String: Any]])
        #expect(
            items[1]["name"] as? String
                == "Expect: The user is logged out automatically after ~2-30 seconds on every device")
        #expect(items[1]["status"] as? String == "failed")
        let parameters = try #require(items[1]["parameters"] as? [[String: Any]])
        #expect(parameters.first?["name"] as? String == "argument 1")
        #expect(parameters.first?["value"] as? String == "~2-30 seconds")
        #expect(parameters.dropFirst().map { $0["name"] as? String } == ["wall time", "virtual time"])
        #expect(parameters.dropFirst().allSatisfy { $0["excluded"] as? Bool == true })
        let variants = try #require(
            (steps[0]["steps"] as? [[String: Any]])?.first?["parameters"] as? [[String: Any]])
        #expect(
            variants.contains {
                $0["name"] as? String == "variant 3" && $0["value"] as? String == "Mobile app (screen locked or not)"
            })
        #expect(labels.contains(["name": "epic", "value": "System Console"]))
        #expect(labels.contains(["name": "feature", "value": "Users"]))
        #expect(labels.filter { $0["name"] == "host" }.count == 1)
        #expect(labels.filter { $0["name"] == "thread" }.count == 1)
        #expect(
            (result["parameters"] as? [[String: Any]])?.map { $0["name"] as? String } == ["wall time", "virtual time"])
    }

    @Test("history follows the key, not the path the spec was read from")
    func historyFromKey() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        let before = AllureReporter.results(run, tmsLinkPattern: nil)
        for index in run.cases.indices { run.cases[index].location.file = "/ci/workspace-7/" + run.cases[index].location.file }
        let after = AllureReporter.results(run, tmsLinkPattern: nil)
        #expect(before.map(\.historyId) == after.map(\.historyId))
        #expect(before.map(\.testCaseId) == after.map(\.testCaseId))
        #expect(Set(before.map(\.historyId)).count == Set(run.cases.map(\.caseID)).count)
    }

    @Test("a second case with the same key keeps the key's testCaseId but has its own history")
    func variantHistory() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        var twin = run.cases[0]
        twin.caseID = twin.key + "#2"
        run.cases.append(twin)
        let results = AllureReporter.results(run, tmsLinkPattern: nil)
        let first = try #require(results.first { $0.name == run.cases[0].displayName })
        let second = try #require(results.last)
        #expect(first.testCaseId == second.testCaseId)
        #expect(first.historyId != second.historyId)
    }

    @Test("cases that overlap in time run in different threads, one after another in the same")
    func threads() throws {
        let template = try ReportFixtures.run("mixed-run.ndjson").cases[0]
        func record(_ start: Double, _ wall: Double) -> CaseRecord {
            var record = template
            record.startedAt = start
            record.duration = Timing(wall: wall, virtual: 0)
            return record
        }
        #expect(AllureReporter.lanes([record(0, 1), record(0.5, 1), record(1, 1), record(1.6, 1)]) == [1, 2, 1, 2])
    }

    @Test("an item's notes are a text attachment beside the results")
    func notesAttachment() throws {
        let (names, results) = try written()
        let attachments = names.filter { $0.hasSuffix("-attachment.txt") }
        #expect(!attachments.isEmpty)
        let result = try result("MM-T100", in: results)
        let items = try #require((result["steps"] as? [[String: Any]])?.first?["steps"] as? [[String: Any]])
        let attachment = try #require((items[0]["attachments"] as? [[String: String]])?.first)
        #expect(attachment["name"] == "notes" && attachment["type"] == "text/plain")
        #expect(attachments.contains(attachment["source"] ?? ""))
    }

    @Test("a flaky case writes its failed attempt as a retry with the same historyId")
    func flakyRetry() throws {
        let results = try written().results
        let passed = try result("MM-T200", in: results, status: "passed")
        let failed = try result("MM-T200", in: results, status: "failed")
        #expect(passed["historyId"] as? String == failed["historyId"] as? String)
        #expect(passed["uuid"] as? String != failed["uuid"] as? String)
        #expect((passed["statusDetails"] as? [String: Any])?["flaky"] as? Bool == true)
        #expect(
            (failed["statusDetails"] as? [String: Any])?["message"] as? String
                == "still logged in after 300.0 s of inactivity")
        #expect((failed["stop"] as? Int64 ?? 0) <= (passed["start"] as? Int64 ?? 0))
    }

    @Test(
        "statuses map explicitly",
        arguments: [
            (Status.passed, true, "passed"), (.failed, true, "failed"), (.ambiguous, true, "broken"),
            (.undefined, true, "broken"), (.undefined, false, "skipped"), (.manual, true, "skipped"),
            (.skipped, true, "skipped"),
        ])
    func statuses(status: Status, strict: Bool, allure: String) {
        #expect(AllureReporter.status(status, strict: strict) == allure)
    }

    @Test(
        "priorities map to severities",
        arguments: [
            ("Smoke test", "blocker"), ("Highest", "blocker"), ("P1 - Smoke Tests (App testable?)", "blocker"),
            ("High", "critical"), ("P2 - Core Functions (Do core functions work?)", "critical"),
            ("Normal", "normal"), ("P3 - Deep Functions (Do extensive scenarios work?)", "normal"), (nil, "normal"),
            ("Whatever", "normal"), ("Low", "minor"), ("P4 - Low-Impact (Edge or unsuitable to repeat?)", "minor"),
            ("Lowest", "trivial"), ("Trivial", "trivial"),
        ] as [(String?, String)])
    func severity(priority: String?, severity: String) {
        #expect(AllureReporter.severity(priority) == severity)
    }

    @Test(
        "the tms link percent-encodes a key that is not a plain Zephyr key, so the URL stays one URL",
        arguments: [("MM-T938", "MM-T938"), ("PROJ-T1 ü", "PROJ-T1%20%C3%BC"), ("A#1?x=2&y", "A%231%3Fx%3D2%26y")])
    func tmsLinkEncoding(key: String, encoded: String) throws {
        var record = try #require(try ReportFixtures.run("mixed-run.ndjson").cases.first)
        record.key = key
        let link = try #require(AllureReporter.links(record, pattern: Self.pattern).first)
        #expect(link.name == key)
        #expect(link.url == "https://jira.example.com/secure/Tests.jspa#/testCase/\(encoded)")
    }

    @Test("results are the same for the same stream")
    func golden() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        let files = try AllureReporter.files(run, tmsLinkPattern: Self.pattern)
        let revoke = try #require(files.first { String(decoding: $0.1, as: UTF8.self).contains("\"MM-T938: Users") })
        try ReportFixtures.expectGolden(String(decoding: revoke.1, as: UTF8.self) + "\n", "allure-MM-T938-result.json")
        #expect(try AllureReporter.files(run, tmsLinkPattern: Self.pattern).map(\.0) == files.map(\.0))
    }

    @Test("standard output is refused: Allure results are a directory")
    func needsDirectory() {
        #expect(throws: ReporterError.self) { try Reporters.make(.allure, destination: .standardOutput) }
    }
}
