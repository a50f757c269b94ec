import Foundation
import StepwiseBinding
import StepwiseModel
import StepwiseParsing
import StepwiseTestSupport
import Testing

@testable import StepwiseCatalogue

/// A world with nothing in it: the catalogue binds but never runs.
final class NoWorld {}

/// Binds the two phrases that open most revoke-session cases, and marks one as manual.
struct RevokeSteps: StepLibrary {
    func makeWorld(_ context: WorldContext) async throws -> NoWorld { NoWorld() }

    func define(_ steps: inout Steps<NoWorld>) {
        steps.action("go to System Console ➜ Users", matching: .phrase) { _, _ in }
        steps.action("log in as admin") { _, _ in }
        steps.check("the user is logged out") { _, _ in }
        steps.manual("look at the screen", because: "a person judges the layout")
    }
}

@Suite struct CatalogueTests {
    static func write(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)")
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    static func spec(
        key: String, priority: String = "Normal", action: String, expected: String, environments: String = "Webapp,Desktop"
    ) -> String {
        """
        ---
        key: \(key)
        title: Case \(key)
        ---

        ## \(key): Case \(key)

        ### Details

        | Name     | Value |
        | :------- | :---- |
        | Priority | \(priority) |
        | Status   | Active |
        | Folder   | Suite / Users |
        | Labels   | one,two |
        | Created  | 2020-01-21T15:48:58Z |

        ### Steps

        <hr/>

        **Step 1**

        > <article>\(action)</article>

        **Expected**

        > <article>\(expected)</article>

        <hr/>

        ### More Info

        | Name                     | Value          |
        | :----------------------- | :------------- |
        | Manual Test Environments | \(environments) |
        | Cypress                  | in Production  |

        """
    }

    @Test("the catalogue of the whole Zephyr export lists all 1,109 cases once, with the JSON twins' counts per priority and status")
    func wholeExport() throws {
        let export = try Corpus.folder("zephyr-export")

        // The ground truth, read straight from the JSON records.
        var priorities: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        var keys: Set<String> = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: export.path))
        while let entry = enumerator.nextObject() as? String {
            guard entry.hasSuffix(".json") else { continue }
            let data = try Data(contentsOf: export.appendingPathComponent(entry))
            let record = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            keys.insert(try #require(record["key"] as? String))
            let priority = (record["priority"] as? [String: Any])?["name"] as? String ?? "(none)"
            let status = (record["status"] as? [String: Any])?["name"] as? String ?? "(none)"
            priorities[priority, default: 0] += 1
            statuses[status, default: 0] += 1
        }

        let catalogue = CatalogueBuilder.build(paths: [export.path], libraries: [])
        #expect(catalogue.totals.cases == 1_109)
        #expect(catalogue.totals.twins == 1_109)
        #expect(Set(catalogue.cases.map(\.key)) == keys)
        #expect(Dictionary(uniqueKeysWithValues: catalogue.byPriority.map { ($0.name, $0.cases) }) == priorities)
        #expect(Dictionary(uniqueKeysWithValues: catalogue.byStatus.map { ($0.name, $0.cases) }) == statuses)
        #expect(catalogue.totals.unreadable == 0)
        // With no step library loaded nothing is bound, and the most frequent texts lead the list.
        #expect(catalogue.totals.boundItems == 0)
        #expect(catalogue.unboundPhrases.count == 25)
        let occurrences = catalogue.unboundPhrases.map(\.occurrences)
        #expect(occurrences == occurrences.sorted(by: >))
        #expect(catalogue.automationFields.first { $0.tool == "Playwright" }?.inProduction == 16)
        print("catalogue: \(catalogue.totals.cases) cases, \(catalogue.totals.items) items from \(catalogue.totals.files) files")
    }

    @Test("the current Mattermost Markdown export is catalogued too")
    func mattermostExport() throws {
        let export = try Corpus.folder("mm-markdown")
        let catalogue = CatalogueBuilder.build(paths: [export.path], libraries: [])
        #expect(catalogue.totals.cases == 1_107)
        #expect(catalogue.totals.twins == 0)
        #expect(catalogue.cases.allSatisfy { $0.format == .mattermostMarkdown })
    }

    @Test("coverage counts bound, manual and unbound items, and ranks the unbound texts")
    func coverage() throws {
        let directory = try Self.write([
            "a/MM-T1.md": Self.spec(
                key: "MM-T1", action: "<ol><li>Log in as admin</li><li>Go to System Console ➜ Users</li></ol>",
                expected: "The user is logged out"),
            "a/MM-T2.md": Self.spec(
                key: "MM-T2", priority: "Low", action: "<ol><li>Log in as admin</li><li>Open the  channel menu</li></ol>",
                expected: "<ul><li>Look at the screen</li><li>The menu opens</li></ul>"),
            "b/MM-T3.md": Self.spec(key: "MM-T3", priority: "Low", action: "Open the channel menu", expected: "The menu opens"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }

        let catalogue = CatalogueBuilder.build(paths: [directory.path], libraries: [RevokeSteps()], phraseLimit: 10)
        #expect(catalogue.totals.cases == 3)
        #expect(catalogue.totals.items == 9)
        #expect(catalogue.totals.boundItems == 4)
        #expect(catalogue.totals.manualItems == 1)
        #expect(catalogue.totals.boundCases == 1)
        #expect(catalogue.totals.boundSteps == 1)
        #expect(catalogue.byPriority.map(\.name) == ["Low", "Normal"])
        #expect(catalogue.byEnvironment.map(\.name) == ["Desktop", "Webapp"])
        #expect(catalogue.automationFields.first { $0.tool == "Cypress" }?.inProduction == 3)
        // Whitespace differences do not split a phrase; the most frequent comes first.
        let first = try #require(catalogue.unboundPhrases.first)
        #expect(first.text == "Open the channel menu")
        #expect(first.occurrences == 2)
        #expect(first.examples == ["MM-T2", "MM-T3"])
        #expect(catalogue.unboundPhrases.map(\.text).contains("The menu opens"))
        #expect(!catalogue.unboundPhrases.map(\.text).contains("Look at the screen"))
    }

    @Test(
        "an unbound phrase's text has each run of whitespace, ASCII or not, as one space and none at its ends",
        arguments: [
            ("Open the channel menu", "Open the channel menu"),
            ("  Open\tthe \n channel  menu ", "Open the channel menu"),
            ("Open\u{00A0}the\u{2003}“menu”\u{3000}", "Open the “menu”"),
            ("Öffnen  das\u{0085}Menü", "Öffnen das Menü"),
            ("\u{000B}\u{000C}\r", ""),
            ("“Open” ➜ menu", "“Open” ➜ menu"),
            ("\u{0007}bell  \u{0007}", "\u{0007}bell \u{0007}"),
        ])
    func collapsedWhitespace(text: String, expected: String) {
        #expect(CatalogueBuilder.collapsingWhitespace(text) == expected)
    }

    @Test("a case's manual test environments are its field's names between commas, without the spaces around them, Unicode's too")
    func environmentNames() throws {
        let directory = try Self.write([
            "MM-T1.md": Self.spec(
                key: "MM-T1", action: "Open the menu", expected: "It opens",
                environments: "Webapp ,\u{00A0}Desktop\u{3000},,\tMobile App\u{2003}, ➜ Tablet"),
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalogue = CatalogueBuilder.build(paths: [directory.path], libraries: [])
        #expect(catalogue.cases.first?.environments == ["Webapp", "Desktop", "Mobile App", "➜ Tablet"])
    }

    @Test("a Markdown export beside its JSON twin counts once; a Markdown file alone counts")
    func twins() {
        let (kept, twins) = SpecReader.droppingTwins(["x/MM-T1.json", "x/MM-T1.md", "x/MM-T2.md", "y/MM-T1.md"])
        #expect(kept == ["x/MM-T1.json", "x/MM-T2.md", "y/MM-T1.md"])
        #expect(twins == ["x/MM-T1.md"])
    }

    @Test("unreadable files and missing paths are reported, and the others still catalogued")
    func badInput() throws {
        let directory = try Self.write([
            "MM-T1.md": Self.spec(key: "MM-T1", action: "Open the channel menu", expected: "The menu opens"),
            "broken.md": "",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalogue = CatalogueBuilder.build(
            paths: [directory.path, directory.appendingPathComponent("missing").path], libraries: [])
        #expect(catalogue.totals.cases == 1)
        #expect(catalogue.totals.unreadable == 1)
        #expect(catalogue.diagnostics.filter { $0.diagnostic.severity == .error }.count >= 2)
        #expect(catalogue.diagnostics.allSatisfy { $0.diagnostic.location != nil })
    }

    @Test("spec text is escaped in the HTML page and in Markdown table cells")
    func escaping() throws {
        let directory = try Self.write([
            "MM-T9.md": Self.spec(
                key: "MM-T9", action: "Type &lt;script&gt;alert(1)&lt;/script&gt; | here", expected: "Nothing runs")
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalogue = CatalogueBuilder.build(paths: [directory.path], libraries: [])
        let html = catalogue.html()
        #expect(!html.contains("<script>"))
        #expect(html.contains("Type &lt;script&gt;alert(1)&lt;/script&gt; | here"))
        #expect(!html.contains("http://") && !html.contains("https://"), "the page fetches nothing")
        let markdown = catalogue.markdown()
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("Type \\<script\\>alert(1)\\</script\\> \\| here"))
    }

    @Test("counts read as English: one case, one twin, one error, one diagnostic")
    func singularCounts() throws {
        let directory = try Self.write([
            "MM-T1.md": Self.spec(key: "MM-T1", action: "Open the channel menu", expected: "The menu opens"),
            "MM-T1.json": #"{"key": "MM-T1", "name": "Case MM-T1", "steps": [{"inline": {"description": "Open the channel menu", "expectedResult": "The menu opens"}}]}"#,
            "broken.md": "",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalogue = CatalogueBuilder.build(paths: [directory.path], libraries: [])
        let markdown = catalogue.markdown()
        #expect(markdown.contains("1 case, 1 step, 2 items (3 files, 1 twin counted once)."))
        #expect(markdown.contains("1 diagnostic, 1 error, no drift."))
        #expect(catalogue.html().contains("1 case, 1 step, 2 items · 3 files, 1 twin counted once"))
    }

    @Test("the JSON document is versioned and round-trips")
    func json() throws {
        let directory = try Self.write([
            "MM-T1.md": Self.spec(key: "MM-T1", action: "Open the channel menu", expected: "The menu opens")
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalogue = CatalogueBuilder.build(paths: [directory.path], libraries: [])
        let text = try catalogue.json()
        #expect(text.contains("\"schema\" : 1"))
        let decoded = try JSONDecoder().decode(Catalogue.self, from: Data(text.utf8))
        #expect(decoded == catalogue)
    }
}
