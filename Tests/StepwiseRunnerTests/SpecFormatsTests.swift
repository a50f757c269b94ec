import Testing
import StepwiseBinding
import StepwiseModel
import StepwiseParsing
@testable import StepwiseRunner

/// One synthetic case, "open the shop and check the till", written in each export format.
enum SyntheticSpecs {
    static let zephyrMarkdown = """
        ---
        key: SH-T1
        title: Shop - Open the shop
        ---

        ## SH-T1: Shop - Open the shop

        ### Details

        | Name     | Value              |
        | :------- | :----------------- |
        | Priority | Normal             |
        | Status   | Active             |
        | Folder   | Suite / Shop       |
        | Labels   | shop,smoke         |
        | Created  | 2020-01-21T15:48:58Z |

        ### Steps

        <hr/>

        **Step 1**

        > <article><ol><li>Log in as the manager on 3 tills (at least 2 to 3 different tills)<ul><li>Tills can be locked or not</li></ul></li><li>Go to Back Office ➜ Till</li></ol></article>

        **Expected**

        > <article><ul><li>The till shows “Open”</li><li>Customers are served within ~2-30 seconds</li></ul></article>

        <hr/>
        """

    static let zephyrJSON = """
        {
         "key": "SH-T1", "name": "Shop - Open the shop", "createdOn": "2020-01-21T15:48:58Z",
         "objective": null, "precondition": null, "labels": ["shop", "smoke"], "component": null,
         "priority": {"id": 1, "name": "Normal"}, "status": {"id": 2, "name": "Active"},
         "folder": {"id": 3, "name": "Shop", "fullNames": ["Suite", "Shop"], "fullPath": "suite/shop"},
         "customFields": {},
         "steps": [{"inline": {
           "description": "<ol><li>Log in as the manager on 3 tills (at least 2 to 3 different tills)<ul><li>Tills can be locked or not</li></ul></li><li>Go to Back Office \\u279c Till</li></ol>",
           "testData": null,
           "expectedResult": "<ul><li>The till shows \\u201cOpen\\u201d</li><li>Customers are served within ~2-30 seconds</li></ul>",
           "customFields": {}}, "testCase": null}]
        }
        """

    static let mattermostMarkdown = """
        ---
        name: "Shop - Open the shop"
        status: Active
        priority: Normal
        folder: Shop
        labels:
        - shop
        - smoke
        id: 1
        key: SH-T1
        created_on: "2020-01-21T15:48:58Z"
        ---

        ## SH-T1: Shop - Open the shop

        ---

        **Step 1**

        1. Log in as the manager on 3 tills (at least 2 to 3 different tills)
           - Tills can be locked or not
        2. Go to Back Office ➜ Till

        **Expected**

        - The till shows “Open”
        - Customers are served within ~2-30 seconds
        """
}

final class Shop: @unchecked Sendable {
    // Only touched from the one task that runs its case.
    var tills: [String] = []
    var page = ""
}

struct ShopSteps: StepLibrary {
    func makeWorld(_ context: WorldContext) async throws -> Shop { Shop() }
    func define(_ steps: inout Steps<Shop>) {
        steps.action("log in as the manager on {int} tills (at least {int} to {int} different tills)") {
            (shop, step, count: Int, _: Int, _: Int) in
            for variant in step.subItems { step.note("variant: \(variant)") }
            shop.tills = (1...count).map { "till \($0)" }
        }
        steps.action("go to Back Office ➜ {word}") { (shop, _, page: String) in shop.page = page }
        steps.check("the till shows {string}") { (shop, step, label: String) in
            step.expect(label == "Open" && shop.page == "Till", "the till shows nothing on page \(shop.page)")
        }
        steps.check("customers are served within {period}") { (shop, step, window: DurationRange) in
            guard let waited = try await step.eventually(within: window.upperBound!, every: .seconds(1), "service", { step.elapsed >= .seconds(4) }) else { return }
            step.note("served after \(DurationRange.format(waited)) on \(shop.tills.count) tills")
        }
    }
}

@Suite("Specs in every export format bind and run alike")
struct SpecFormatsTests {
    @Test("the same case reads, binds and runs the same in the three formats", arguments: [
        ("SH-T1.md", SyntheticSpecs.zephyrMarkdown, ExportFormat.zephyrMarkdown),
        ("SH-T1.json", SyntheticSpecs.zephyrJSON, .zephyrJSON),
        ("SH-T1.md", SyntheticSpecs.mattermostMarkdown, .mattermostMarkdown),
    ])
    func formats(path: String, contents: String, format: ExportFormat) async throws {
        let spec = SpecReader.read(contents: contents, path: path)
        #expect(spec.diagnostics.filter { $0.severity == .error }.isEmpty, "\(spec.diagnostics)")
        let testCase = try #require(spec.testCase)
        #expect(testCase.format == format)
        let binder = Binder(libraries: [ShopSteps()])
        let plan = binder.plan([testCase])
        #expect(plan.cases[0].steps.flatMap(\.items).map(\.plan.binding.state) == [.matched, .matched, .matched, .matched])
        var events: [Event] = []
        let code = await Runner(plan: plan, options: RunOptions(exitCode: unmapped, itemTimeout: generousLimit, strict: true)).run { events.append($0) }
        #expect(code == RunOutcome.passed)
        #expect(events.itemResults == ["SH-T1 1.i1 passed", "SH-T1 1.i2 passed", "SH-T1 1.e1 passed", "SH-T1 1.e2 passed"])
        #expect(events.finishedItems[0].notes == ["variant: Tills can be locked or not"])
        #expect(events.finishedItems[3].notes == ["served after 4 s on 3 tills"])
    }
}
