import Foundation
import StepwiseModel
import StepwiseTestSupport
import Testing
@testable import StepwiseParsing

/// Small specs written inline, named after what they show.
enum Fixtures {
    /// A Zephyr Markdown export with one step whose action and expected result are the given HTML.
    static func zephyr(
        key: String = "MM-T1", title: String = "A case", action: String, expected: String? = nil, testData: String? = nil,
        frontMatterTitle: String? = nil
    ) -> String {
        var text = "---\nkey: \(key)\ntitle: \(frontMatterTitle ?? title)\n---\n\n## \(key): \(title)\n\n"
        text += "### Details\n\n| Name | Value |\n| :--- | :--- |\n| Priority | Normal |\n| Status | Active |\n"
        text += "| Folder | Suite / Things |\n| Created | 2020-01-21T15:48:58Z |\n\n### Steps\n\n<hr/>\n\n**Step 1**\n\n"
        text += "> <article>\(action)</article>\n\n"
        if let testData { text += "**Test Data**\n\n> <article>\(testData)</article>\n\n" }
        if let expected { text += "**Expected**\n\n> <article>\(expected)</article>\n\n" }
        return text + "<hr/>\n"
    }

    /// A Zephyr Scale JSON record with one step whose fields are the given HTML; `stepFields` is
    /// the step's `customFields` object as JSON.
    static func json(
        key: String = "MM-T1", title: String = "A case", action: String, expected: String? = nil, testData: String? = nil,
        stepFields: String = "{}"
    ) -> String {
        func quoted(_ text: String?) -> String {
            guard let text else { return "null" }
            let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }
        return """
            {"key": \(quoted(key)), "name": \(quoted(title)), "status": {"name": "Active"}, "priority": {"name": "Normal"},
             "steps": [{"inline": {"description": \(quoted(action)), "testData": \(quoted(testData)),
               "expectedResult": \(quoted(expected)), "customFields": \(stepFields)}, "testCase": null}]}
            """
    }

    /// A Mattermost Markdown case with the given body after the heading.
    static func mattermost(key: String = "MM-T2", name: String = "A case", body: String) -> String {
        """
        ---
        name: "\(name)"
        status: Active
        priority: Normal
        folder: Things
        labels:
        - one
        - two
        key: \(key)
        created_on: "2020-01-21T15:48:58Z"
        ---

        ## \(key): \(name)

        \(body)
        """
    }

    static func read(_ text: String, path: String = "fixture.md") -> SpecFile {
        SpecReader.read(contents: text, path: path)
    }

    /// The only step of a spec read from `text`.
    static func onlyStep(_ text: String, path: String = "fixture.md") throws -> Step {
        let file = read(text, path: path)
        let testCase = try #require(file.testCase, "no case in \(path): \(file.diagnostics)")
        try #require(testCase.steps.count == 1, "\(testCase.steps.count) steps")
        return testCase.steps[0]
    }

    static var specs: URL { Corpus.packageRoot.appendingPathComponent("specs") }

    /// A temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
