import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

@Suite struct JUnitReportTests {
    private static let schema = ReportFixtures.directory.appendingPathComponent("Schemas/junit-10.xsd").path

    @Test("one suite per folder, one case per test case named KEY: title")
    func golden() throws {
        let xml = JUnitReport.text(try ReportFixtures.run("mixed-run.ndjson"))
        try ReportFixtures.expectGolden(xml, "junit.xml")
        #expect(xml.contains(#"<testsuite name="Authentication" tests="2" failures="0" errors="0" skipped="0""#))
        #expect(
            xml.contains(#"<testsuite name="System Console / Users" tests="2" failures="1" errors="0" skipped="1""#))
        #expect(
            xml.contains(#"<testcase name="MM-T938: Users - Revoke a user&apos;s sessions""#)
                || xml.contains(#"<testcase name="MM-T938: Users - Revoke a user's sessions""#))
        #expect(xml.contains(#"classname="System Console.Users" time="0.360">"#))
        #expect(
            xml.contains(
                #"<failure message="expected every device to be logged out within 30 s ⏎ still logged in after 30 s: Mobile app (screen locked)" type="failed">specs/zephyr/MM-T938.md:36:3: Step 2: "#
            ))
        #expect(
            xml.contains(
                #"<skipped message="manual: a person must check this: a push notification appears on the lock screen"/>"#
            ))
    }

    @Test(
        "an undefined case fails a strict run and is skipped otherwise",
        arguments: [(true, "failure"), (false, "skipped")])
    func undefinedDependsOnStrict(strict: Bool, element: String) throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        run.strict = strict
        let xml = JUnitReport.text(run)
        let testCase = try #require(xml.range(of: "<testcase name=\"MM-T400"))
        let after = xml[testCase.upperBound...]
        let next = try #require(after.range(of: "</testcase>"))
        #expect(after[..<next.lowerBound].contains("<\(element) "))
    }

    @Test("each case's spec location is a property of its suite, as the schema allows")
    func locationsAsProperties() throws {
        let xml = JUnitReport.text(try ReportFixtures.run("mixed-run.ndjson"))
        #expect(!xml.contains(" file=\""), "testcase takes no file attribute in junit-10.xsd")
        #expect(!xml.contains(" line=\""))
        #expect(xml.contains(#"<property name="location MM-T938" value="specs/zephyr/MM-T938.md:7"/>"#))
        #expect(xml.components(separatedBy: "<property ").count - 1 == 6, "one per case that started")
    }

    @Test("a flaky pass carries one flakyFailure per failed attempt, as Surefire writes it")
    func flakyFailure() throws {
        let xml = JUnitReport.text(try ReportFixtures.run("mixed-run.ndjson"))
        let testCase = try Self.testCase("MM-T200", in: xml)
        #expect(
            testCase.contains(
                #"<flakyFailure message="attempt 1 failed: still logged in after 300.0 s of inactivity" type="failed"><system-out>"#
            ))
        #expect(!testCase.contains("<failure"))
        #expect(!testCase.contains("rerunFailure"))
    }

    @Test("a case that failed on every attempt has its failure and one rerunFailure per earlier attempt")
    func rerunFailure() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        let index = try #require(run.cases.firstIndex { $0.key == "MM-T938" })
        run.cases[index].attempt = 3
        run.cases[index].earlierAttempts = [1, 2].map {
            AttemptRecord(attempt: $0, status: .failed, startedAt: 0, duration: .zero, message: "timed out \($0)")
        }
        let testCase = try Self.testCase("MM-T938", in: JUnitReport.text(run))
        #expect(testCase.contains("<failure "))
        #expect(testCase.components(separatedBy: "<rerunFailure ").count - 1 == 2)
        #expect(testCase.contains(#"<rerunFailure message="attempt 2 failed: timed out 2" type="failed">"#))
        #expect(!testCase.contains("flakyFailure"))
    }

    @Test(
        "any finite duration a stream can hold renders without trapping",
        arguments: [5.5e20, 1.0e308, -3.0, 0.0005])
    func hugeDurations(seconds: Double) throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        run.duration = Timing(wall: seconds, virtual: seconds)
        for index in run.cases.indices {
            run.cases[index].duration = Timing(wall: seconds, virtual: seconds)
            run.cases[index].startedAt = seconds
        }
        let xml = JUnitReport.text(run)
        #expect(xml.contains("<testsuites "))
        #expect(!xml.contains("inf") && !xml.contains("nan"))
    }

    private static func testCase(_ key: String, in xml: String) throws -> Substring {
        let start = try #require(xml.range(of: "<testcase name=\"\(key)"))
        let end = try #require(xml[start.upperBound...].range(of: "</testcase>"))
        return xml[start.lowerBound..<end.upperBound]
    }

    @Test(
        "control characters become visible stand-ins, not invalid XML",
        arguments: [
            ("bell\u{07}", "bell␇"), ("esc\u{1B}[0m", "esc␛[0m"), ("nul\u{00}", "nul␀"), ("tab\tok", "tab\tok"),
            ("a<b & \"c\"", "a&lt;b &amp; \"c\""), ("\u{FFFE}", "\u{FFFD}"), ("日本語 ✓", "日本語 ✓"),
        ])
    func escaping(input: String, escaped: String) {
        #expect(XMLText.escape(input) == escaped)
    }

    @Test("attribute values keep line breaks and quotes as references")
    func attributes() {
        #expect(XMLText.attribute("a\n\"b\"\t<c>\u{1B}") == "a&#10;&quot;b&quot;&#9;&lt;c&gt;␛")
    }

    @Test("the report validates against junit-10.xsd, retries and hostile text included")
    func validatesAgainstSchema() async throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        run.cases[0].earlierAttempts = [AttemptRecord(attempt: 1, status: .ambiguous, startedAt: 0, duration: .zero, message: nil)]
        run.cases[0].attempt = 2
        run.cases[1].title += " \u{00}\u{0B}\u{0C}\u{1F} ]]> \u{7F}\u{85} 😀"
        run.cases[0].steps[1].items[1].message =
            "bad \u{1B}[31mred\u{1B}[0m\u{07} message with <tags> & \"quotes\" and 日本語"
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("junit.xml").path
        try AtomicFile.write(JUnitReport.render(run), to: path)
        guard let (status, output) = try await ReportFixtures.runTool("xmllint", ["--noout", "--schema", Self.schema, path])
        else {
            Issue.record("xmllint is not installed: install libxml2-utils to validate JUnit output")
            return
        }
        #expect(status == 0, "xmllint rejected the report:\n\(output)")
        #expect(output.contains("validates"))
    }

    @Test("the schema itself rejects what 0.1 wrote: file and line on a testcase")
    func schemaRejectsInvalid() async throws {
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.xml").path
        try AtomicFile.write(
            #"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c" file="a.md" line="1"/></testsuite></testsuites>"#,
            to: path)
        guard let (status, _) = try await ReportFixtures.runTool("xmllint", ["--noout", "--schema", Self.schema, path]) else {
            Issue.record("xmllint is not installed: install libxml2-utils to validate JUnit output")
            return
        }
        #expect(status != 0)
    }
}
