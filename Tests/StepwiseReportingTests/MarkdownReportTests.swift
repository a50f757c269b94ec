import Foundation
import StepwiseModel
@testable import StepwiseReporting
import Testing

@Suite struct MarkdownReportTests {
    @Test("one row per case, failures first, each failure collapsed in <details> saying why")
    func golden() throws {
        let text = MarkdownReport.text(try ReportFixtures.run("mixed-run.ndjson"))
        try ReportFixtures.expectGolden(text, "summary.md")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ---") }.dropFirst()
        #expect(rows.count == 6)
        #expect(rows.first?.contains("**MM-T938**") == true)
        #expect(text.contains("### Failures"))
        #expect(
            text.contains(
                "<details><summary>❌ <b>MM-T938: Users - Revoke a user&#39;s sessions</b> — expected every device to be logged out within 30 s ⏎ still logged in"
            ))
        #expect(text.components(separatedBy: "<details>").count - 1 == 2, "MM-T938 and MM-T400")
        #expect(text.components(separatedBy: "</details>").count - 1 == 2)
        #expect(
            text.contains(
                "```text\nexpected every device to be logged out within 30 s\nstill logged in after 30 s: Mobile app (screen locked)\n```"
            ))
        #expect(!text.contains("<summary>✋"), "manual cases are not failures")
    }

    @Test("a run of thousands of failing cases stays under GitHub's 1 MiB job-summary limit and says what it left out")
    func largeRunFitsAJobSummary() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        let failing = try #require(run.cases.first { $0.status == .failed })
        run.cases = (1...6000).map { index in
            var record = failing
            record.caseID = "c\(index)"
            record.key = "MM-T\(index)"
            return record
        }
        let text = MarkdownReport.text(run)
        #expect(text.utf8.count < 1_000_000)
        #expect(text.contains("**MM-T1**"))
        #expect(text.contains(" more cases not listed: the full list is in the HTML, JSON and JUnit reports._"))
        let listed = text.components(separatedBy: "\n<details>").count - 1
        #expect(listed > 25, "collapsed failures are listed up to the size budget, not 25")
        #expect(text.contains("_\(6000 - listed) more failures not listed:"))
        #expect(text.components(separatedBy: "</details>").count - 1 == listed, "every <details> is closed")
    }

    @Test("every failing item of a case is listed with its location and message, not only the first")
    func everyFailingItem() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        let index = try #require(run.cases.firstIndex { $0.key == "MM-T938" })
        var step = run.cases[index].steps[1]
        step.items[0].status = .failed
        step.items[0].message = "the first item failed too"
        run.cases[index].steps[1] = step
        let text = MarkdownReport.text(run)
        #expect(text.contains("```text\nthe first item failed too\n```"))
        #expect(text.contains("```text\nexpected every device to be logged out within 30 s"))
    }

    @Test(
        "spec text cannot break the table or inject markup",
        arguments: [
            ("a | b", "a \\| b"), ("<script>x</script>", "\\<script\\>x\\</script\\>"),
            ("*bold* _it_", "\\*bold\\* \\_it\\_"),
            ("[link](http://x)", "\\[link\\](http://x)"), ("line\nbreak", "line ⏎ break"), ("a & b", "a &amp; b"),
            ("esc\u{1B}", "esc␛"),
        ])
    func escaping(input: String, expected: String) {
        #expect(MarkdownReport.escape(input) == expected)
    }
}
