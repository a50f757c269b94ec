import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

/// Checks against Zephyr Scale's custom format as its official model defines it
/// (`CustomFormatContainer`, `CustomFormatExecution`, `CustomFormatTestCase`; absent fields omitted).
@Suite struct ZephyrReportTests {
    private func document() throws -> [String: Any] {
        let data = try ZephyrReport.json(ReportFixtures.run("mixed-run.ndjson"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("the container has exactly version 1 and the executions")
    func container() throws {
        let document = try document()
        #expect(Set(document.keys) == ["version", "executions"])
        #expect(document["version"] as? Int == 1)
        try ReportFixtures.expectGolden(
            String(decoding: try ZephyrReport.json(ReportFixtures.run("mixed-run.ndjson")), as: UTF8.self),
            "zephyrscale_result.json")
    }

    @Test("each execution has a source, Passed or Failed, and a test case by key")
    func executions() throws {
        let executions = try #require(try document()["executions"] as? [[String: Any]])
        for execution in executions {
            #expect(Set(execution.keys).isSubset(of: ["source", "result", "testCase"]))
            #expect(execution["source"] is String)
            #expect(["Passed", "Failed"].contains(execution["result"] as? String ?? ""))
            let testCase = try #require(execution["testCase"] as? [String: String])
            #expect(Set(testCase.keys) == ["key"] || Set(testCase.keys) == ["name"])
        }
        let summary = executions.map { ($0["testCase"] as? [String: String])?["key"] ?? "" }
        #expect(summary == ["MM-T938", "MM-T100", "MM-T200"], "undefined, manual and skipped cases are left out")
        #expect(executions.map { $0["result"] as? String } == ["Failed", "Passed", "Passed"])
        #expect(executions.first?["source"] as? String == "specs/zephyr/MM-T938.md:7")
    }

    @Test(
        "only cases that ran to a verdict are uploaded, in strict and lenient runs alike",
        arguments: [true, false])
    func onlyVerdicts(strict: Bool) throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        run.strict = strict
        let statuses: [Status] = [.passed, .failed, .undefined, .ambiguous, .manual, .skipped]
        run.cases = statuses.enumerated().map { index, status in
            var record = run.cases[0]
            record.key = "MM-T\(index + 1)"
            record.status = status
            return record
        }
        let executions = ZephyrReport.container(run).executions
        #expect(executions.map(\.testCase?.key) == ["MM-T1", "MM-T2"])
        #expect(executions.map(\.result) == ["Passed", "Failed"])
    }

    @Test("a key Zephyr would not recognise is sent as a name instead")
    func nameWhenNoKey() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        run.cases[1].key = "login-saml"
        let testCase = ZephyrReport.container(run).executions[1].testCase
        #expect(testCase == ZephyrReport.TestCase(key: nil, name: "Log in with SAML — café, 日本語 and ✓ in names"))
        let json = String(decoding: try ZephyrReport.json(run), as: UTF8.self)
        #expect(!json.contains("null"), "absent fields are omitted, not null")
    }

    @Test(
        "Zephyr keys",
        arguments: [
            ("MM-T938", true), ("JQA-T1", true), ("DEV_2-T19", true), ("mm-T938", false), ("MM-938", false),
            ("MM-T", false), ("T938", false), ("MM-T938 ", false),
        ])
    func keys(key: String, valid: Bool) {
        #expect(ZephyrReport.isZephyrKey(key) == valid)
    }

    @Test("a .zip output is the zip the upload takes, readable by unzip, the same for the same stream")
    func zip() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("zephyr.zip").path
        try Reporters.make(.zephyr, destination: .path(path)).consume(ReportFixtures.events("mixed-run.ndjson"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(bytes == (try ZephyrReport.zip(ReportFixtures.run("mixed-run.ndjson"))))
        guard let (status, listing) = try await ReportFixtures.runTool("unzip", ["-t", path]) else {
            Issue.record("unzip is not installed: install it to check the zip")
            return
        }
        #expect(status == 0, "\(listing)")
        #expect(listing.contains("testing: zephyrscale_result.json   OK"))
        let (_, content) = try #require(try await ReportFixtures.runTool("unzip", ["-p", path, "zephyrscale_result.json"]))
        #expect(
            content == String(decoding: try ZephyrReport.json(ReportFixtures.run("mixed-run.ndjson")), as: UTF8.self))
    }

    @Test("any other output is the JSON itself")
    func jsonFile() throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("zephyrscale_result.json").path
        try Reporters.make(.zephyr, destination: .path(path)).consume(ReportFixtures.events("mixed-run.ndjson"))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: path))
                == ZephyrReport.json(ReportFixtures.run("mixed-run.ndjson")))
    }

    @Test(
        "CRC-32 matches the standard check values",
        arguments: [("123456789", 0xCBF4_3926 as UInt32), ("", 0), ("a", 0xE8B7_BE43)])
    func crc(input: String, expected: UInt32) {
        #expect(CRC32.checksum(Data(input.utf8)) == expected)
    }
}
