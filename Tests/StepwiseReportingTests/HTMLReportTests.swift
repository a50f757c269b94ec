import Foundation
import StepwiseModel
@testable import StepwiseReporting
import StepwiseTestSupport
import Testing

/// Opens a report in headless Chromium (Debian's `chromium`) and reads what a person would see.
enum BrowserProbe {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first(where: FileManager.default.isExecutableFile(atPath:))

    static let missing = "chromium is not installed: scripts/setup installs it (Debian's chromium package)"

    /// Renders `html` as `report.html` beside a page that frames it and writes what the browser
    /// shows (`innerText`, which leaves out hidden elements) into its own DOM as JSON.
    static func probe(_ html: String) async throws -> [String: Any] {
        let chromium = try #require(chromium, Comment(rawValue: missing))
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try AtomicFile.write(html, to: directory.appendingPathComponent("report.html").path)
        let probe = """
            <!doctype html><html><body><iframe id="r" src="report.html" style="width:1200px;height:900px"></iframe>
            <pre id="out"></pre><script>
            window.addEventListener("load", function () {
              var doc = document.getElementById("r").contentDocument;
              var visible = function () {
                return Array.prototype.filter.call(doc.querySelectorAll("details.case"),
                  function (d) { return d.offsetParent !== null; }).map(function (d) { return d.id; });
              };
              var result = {
                title: doc.title,
                summary: doc.querySelector(".summary").innerText,
                failedStep: doc.querySelector(".step.s-failed").innerText,
                hostileCase: doc.querySelector("[data-status=undefined] summary").innerText,
                scripts: doc.querySelectorAll("script").length,
                images: doc.querySelectorAll("img").length,
                scriptRan: doc.documentElement.classList.contains("js"),
                firstCase: doc.querySelector("details.case").id,
                visibleBefore: visible()
              };
              doc.querySelector('[data-filter="failed"]').click();
              result.visibleFailed = visible();
              doc.querySelector('[data-filter="flaky"]').click();
              result.visibleFlaky = visible();
              document.getElementById("out").textContent = JSON.stringify(result);
            });
            </script></body></html>
            """
        let probePath = directory.appendingPathComponent("probe.html").path
        try AtomicFile.write(probe, to: probePath)
        let dom = try await ChildProcess.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--dump-dom", probePath,
            ]
        ).standardOutput
        let start = try #require(
            dom.range(of: "<pre id=\"out\">"), "chromium printed no probe result:\n\(dom.prefix(500))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = dom[start.upperBound..<end.lowerBound]
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }
}

@Suite struct HTMLReportTests {
    private func html() throws -> String {
        HTMLReport.text(try ReportFixtures.run("mixed-run.ndjson"))
    }

    @Test("the report is one self-contained file, the same for the same stream")
    func golden() throws {
        let html = try html()
        try ReportFixtures.expectGolden(html, "report.html")
        #expect(!html.contains("http://") && !html.contains("https://"), "the report must fetch nothing")
        for tag in ["<link", "<img", "<iframe", "<object", "<embed", "@import", "url("] {
            #expect(!html.contains(tag), "no external resources: found \(tag)")
        }
        #expect(html.components(separatedBy: "<script").count == 2)
    }

    @Test("element IDs are unique in the page even when a stream's step and item IDs repeat from case to case")
    func uniqueIDs() throws {
        var run = try ReportFixtures.run("mixed-run.ndjson")
        // As `stepwise run` writes them: the case's key as its ID, steps `1`, items `1.i1`.
        run.cases = run.cases.map { record in
            var copy = record
            copy.caseID = record.key
            copy.steps = record.steps.enumerated().map { index, step in
                var step = step
                step.stepID = "\(index + 1)"
                step.items = step.items.enumerated().map { itemIndex, item in
                    var item = item
                    item.itemID = "\(index + 1).\(item.kind == .instruction ? "i" : "e")\(itemIndex + 1)"
                    return item
                }
                return step
            }
            return copy
        }
        let html = HTMLReport.text(run)
        let ids = html.matches(of: /<(?:details|li) [^>]*id="([^"]*)"/).map { String($0.output.1) }
        #expect(ids.count > run.cases.count * 2)
        #expect(Set(ids).count == ids.count, "duplicated: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        #expect(ids.contains("MM-T938.1.i1"))
    }

    @Test("failures come first, then flaky, manual, skipped and passed")
    func order() throws {
        let run = try ReportFixtures.run("mixed-run.ndjson")
        #expect(
            HTMLReport.ordered(run.cases).map(\.key) == [
                "MM-T938", "MM-T400", "MM-T200", "MM-T300", "MM-T500", "MM-T100",
            ])
    }

    @Test("spec text is escaped wherever it appears")
    func escaping() throws {
        let html = try html()
        #expect(!html.contains("<script>document"))
        #expect(!html.contains("<img"))
        #expect(html.contains("Rename a channel to &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"))
        #expect(
            HTMLText.escape("<a href=\"x\">'&'</a>\u{1B}") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;␛")
    }

    @Test("in a browser, the summary and a failed step read as they should")
    func visibleText() async throws {
        let seen = try await BrowserProbe.probe(html())
        let summary = try #require(seen["summary"] as? String)
        #expect(
            summary.split(separator: "\n").map(String.init) == [
                "Failed", "2 passed", "1 failed", "1 flaky", "1 manual", "1 undefined", "1 skipped",
                "wall", "0.85 s", "virtual", "5 min 32.8 s", "cases", "6",
            ])
        let failedStep = try #require(seen["failedStep"] as? String)
        #expect(failedStep.contains("Step 2"))
        #expect(failedStep.contains("The user is logged out automatically after ~2-30 seconds on every device"))
        #expect(failedStep.contains("specs/zephyr/MM-T938.md:36:3"))
        #expect(
            failedStep.contains(
                "expected every device to be logged out within 30 s\nstill logged in after 30 s: Mobile app (screen locked)"
            ))
        #expect(failedStep.contains("raised at Sources/MattermostSteps/MattermostSteps+Expectations.swift:98:13"))
        #expect(
            failedStep.contains(
                "the user is logged out automatically after {duration} on every device Sources/MattermostSteps/MattermostSteps+Expectations.swift:93:5"
            ))
        #expect(failedStep.contains("0.05 s wall") && failedStep.contains("30.00 s virtual"))
        #expect(seen["firstCase"] as? String == "MM-T938")
    }

    @Test("a <script> in a spec stays inert text, and the filter shows only what was asked")
    func scriptInSpecIsInert() async throws {
        let seen = try await BrowserProbe.probe(html())
        // The report's own script ran, so scripts were enabled: the spec's did not run because it is text.
        #expect(seen["scriptRan"] as? Bool == true)
        #expect(seen["title"] as? String == "Stepwise: 2 passed, 1 failed, 1 undefined, 1 manual, 1 skipped, 1 flaky")
        #expect(seen["scripts"] as? Int == 1)
        #expect(seen["images"] as? Int == 0)
        #expect(
            (seen["hostileCase"] as? String)?.contains("Rename a channel to <script>document.title='pwned'</script>")
                == true)
        #expect((seen["visibleBefore"] as? [String])?.count == 6)
        #expect(seen["visibleFailed"] as? [String] == ["MM-T938"])
        #expect(seen["visibleFlaky"] as? [String] == ["MM-T200"])
    }
}
