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
        try await run(
            html, width: 1200, height: 900,
            script: """
                var visible = function () {
                  return Array.prototype.filter.call(doc.querySelectorAll("details.case"),
                    function (d) { return d.offsetParent !== null; }).map(function (d) { return d.id; });
                };
                result = {
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
                """)
    }
}

extension BrowserProbe {
    /// Opens `html` in a frame `width` × `height` CSS pixels (the first screen), runs `script`
    /// against the frame's document `doc` (it must set `result`), and returns `result`.
    static func run(_ html: String, width: Int, height: Int, script: String) async throws -> [String: Any] {
        let chromium = try #require(chromium, Comment(rawValue: missing))
        let directory = try ReportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try AtomicFile.write(html, to: directory.appendingPathComponent("report.html").path)
        let page = """
            <!doctype html><html><body style="margin:0"><iframe id="r" src="report.html" style="border:0;width:\(width)px;height:\(height)px"></iframe>
            <pre id="out"></pre><script>
            window.addEventListener("load", function () {
              var doc = document.getElementById("r").contentDocument;
              var result = {};
              \(script)
              document.getElementById("out").textContent = JSON.stringify(result);
            });
            </script></body></html>
            """
        let path = directory.appendingPathComponent("probe.html").path
        try AtomicFile.write(page, to: path)
        let dom = try await ChildProcess.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--dump-dom", path,
            ]
        ).standardOutput
        let start = try #require(dom.range(of: "<pre id=\"out\">"), "chromium printed no result:\n\(dom.prefix(500))")
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

    @Test(
        "element IDs are URL-safe and the same for the same ID",
        arguments: [
            ("MM-T938", "MM-T938"), ("MM-T938#2", "MM-T938~2"), ("MM-T938.2.e1", "MM-T938.2.e1"),
            ("a b/ü", "a_20b_2Fu_CC_88".replacingOccurrences(of: "u_CC_88", with: "_C3_BC")), ("x~y_z", "x_7Ey_5Fz"),
        ])
    func urlSafeIDs(id: String, anchor: String) throws {
        #expect(HTMLReport.anchor(id) == anchor)
        let ids = try html().matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
        #expect(ids.allSatisfy { $0.wholeMatch(of: /[A-Za-z0-9._~-]+/) != nil }, "\(ids)")
    }

    @Test("only the first failing case is open; passed cases and steps are collapsed; each failure says why in its summary")
    func collapsed() throws {
        let html = try html()
        let opened = html.matches(of: /<details class="case [^"]*" id="([^"]*)"[^>]* open>/).map { String($0.output.1) }
        #expect(opened == ["MM-T938"])
        #expect(!html.contains(#"<li class="step s-passed" id="MM-T938.1">\#n<details open>"#))
        #expect(html.contains(#"<li class="step s-failed" id="MM-T938.2">\#n<details open>"#))
        #expect(html.contains(#"<span class="why">no definition matches"#))
        let first = try #require(html.range(of: #"<section class="first s-failed""#))
        let main = try #require(html.range(of: "<main>"))
        #expect(first.lowerBound < main.lowerBound, "the first failure is in the header, before every case")
        #expect(html.contains(##"<a href="#MM-T938.2.e1">Step 2 · Expect: The user is logged out automatically"##))
        #expect(html.contains(#"<details class="index"><summary>Index of 6 cases</summary>"#))
    }

    @Test("durations below a second read in milliseconds", arguments: [
        (0.0, "0 ms"), (0.0004, "0.4 ms"), (0.05, "50 ms"), (0.9996, "1.00 s"), (12.4, "12.40 s"), (125.0, "2 min 05.0 s"),
        (5.5e20, "5.5e+20 s"),
    ])
    func milliseconds(seconds: Double, text: String) {
        #expect(ReportText.seconds(seconds) == text)
    }

    @Test("in a browser, the first failure's message is on the first screen, on a desktop and on a phone", arguments: [
        (1400, 900), (390, 844),
    ])
    func firstScreen(width: Int, height: Int) async throws {
        let seen = try await BrowserProbe.run(
            html(), width: width, height: height,
            script: """
                var message = doc.querySelector(".first pre");
                result.bottom = message.getBoundingClientRect().bottom;
                result.text = message.innerText;
                result.overflow = doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
                """)
        let bottom = try #require(seen["bottom"] as? Double)
        #expect(bottom <= Double(height), "the message ends \(bottom) px down a \(height) px screen")
        #expect((seen["text"] as? String)?.hasPrefix("expected every device to be logged out within 30 s") == true)
        #expect(seen["overflow"] as? Int == 0, "no sideways scrolling")
    }

    @Test("in a browser, the search finds cases by key and by text, and expand all opens every case")
    func search() async throws {
        let seen = try await BrowserProbe.run(
            html(), width: 1200, height: 900,
            script: """
                var search = doc.getElementById("search");
                var visible = function () {
                  return Array.prototype.filter.call(doc.querySelectorAll("details.case"),
                    function (d) { return d.offsetParent !== null; }).map(function (d) { return d.id; });
                };
                search.value = "mm-t200"; search.dispatchEvent(new Event("input"));
                result.byKey = visible();
                search.value = "SAML assertion"; search.dispatchEvent(new Event("input"));
                result.byText = visible();
                search.value = ""; search.dispatchEvent(new Event("input"));
                result.all = visible().length;
                doc.querySelector('[data-expand="true"]').click();
                result.open = doc.querySelectorAll("details.case[open]").length;
                """)
        #expect(seen["byKey"] as? [String] == ["MM-T200"])
        #expect(seen["byText"] as? [String] == ["MM-T100"])
        #expect(seen["all"] as? Int == 6)
        #expect(seen["open"] as? Int == 6)
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
                "wall", "850 ms", "virtual", "5 min 32.8 s", "cases", "6",
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
        #expect(failedStep.contains("50 ms wall") && failedStep.contains("30.00 s virtual"))
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
