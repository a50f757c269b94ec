import Foundation
import StepwiseModel
import Testing
@testable import StepwiseParsing

/// Every quirk of the real exports, one test each.
@Suite("Quirks of real exports")
struct QuirkTests {
    @Test("invalid YAML front matter warns and falls back to the key and title as written")
    func invalidYAML() throws {
        let text = Fixtures.zephyr(title: "Login: with @mention", action: "Do it")
        let file = Fixtures.read(text)
        let testCase = try #require(file.testCase)
        #expect(testCase.key == "MM-T1")
        #expect(testCase.title == "Login: with @mention")
        let warning = try #require(file.diagnostics.first { $0.code == "yaml.invalid" })
        #expect(warning.severity == .warning)
        #expect(warning.location?.line == 3)
        #expect(!file.hasErrors)
    }

    @Test(
        "a title with an unquoted colon fails exactly as the YAML parser fails, where it says",
        arguments: [
            "key: MM-T3060\ntitle: Public: Add channel header from the link ", "key: MM-T3060\ntitle: New user detail page:",
            "title: Message sends: just text\nkey: MM-T3061\n", "key: MM-T3060\n\ntitle: a:b: c: d",
            "key: MM-T4\ntitle: Login: with @mention", "key: MM-T3060\ntitle: Note #1: first", "key: MM-T3060\ntitle: Café: crème",
            "key: MM-T3060\ntitle: @here: highlight", "key: MM-T3060\ntitle: Plain and simple",
        ])
    func unquotedColon(yaml: String) {
        let fast = Result { () throws(FrontMatter.Failure) in try FrontMatter.parse(yaml) }
        let parser = Result { () throws(FrontMatter.Failure) in try FrontMatter.parsedByYAMLParser(yaml) }
        switch (fast, parser) {
        case (.failure(let fast), .failure(let parser)):
            #expect(fast.problem == parser.problem)
            #expect(fast.line == parser.line)
            #expect(fast.column == parser.column)
        case (.success(let fast), .success(let parser)):
            #expect(fast.entries.map(\.key) == parser.entries.map(\.key))
            #expect(fast.entries.map(\.value) == parser.entries.map(\.value))
        default:
            Issue.record("the shortcut read \(fast), the YAML parser \(parser)")
        }
    }

    @Test(
        "short, numeric, boolean and null values and a name given twice read as the YAML parser reads them",
        arguments: [
            "key: MM-T4\ntitle: DMs", "key: MM-T8\ntitle: 1.0", "key: MM-T8\ntitle: 12", "key: MM-T8\ntitle: yes",
            "key: MM-T8\ntitle: on", "key: MM-T8\ntitle: 0x1F", "key: MM-T8\ntitle: null", "key: MM-T8\ntitle: Null",
            "key: MM-T8\ntitle: NULL", "key: MM-T8\ntitle: nulls", "key: MM-T8\ntitle: =", "key: MM-T8\nkey: MM-T9\ntitle: twice",
        ])
    func plainScalars(yaml: String) {
        unquotedColon(yaml: yaml)
    }

    @Test("front matter without a title line falls back to the heading")
    func headingFallback() throws {
        let text = "---\n: broken [\n---\n\n## MM-T7: From the heading\n\n### Details\n\n### Steps\n\n**Step 1**\n\n> <article>x</article>\n"
        let file = Fixtures.read(text)
        #expect(file.testCase?.key == "MM-T7")
        #expect(file.testCase?.title == "From the heading")
        #expect(file.diagnostics.contains { $0.code == "yaml.invalid" })
    }

    @Test("(newline) in a title is the line break the title had")
    func newlineInTitle() throws {
        let file = Fixtures.read(Fixtures.zephyr(title: "First line:(newline)second line", action: "x"))
        #expect(file.testCase?.title == "First line:\nsecond line")
    }

    @Test("<article>null</article> is a missing field, not the text null")
    func nullArticle() throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: "null", expected: "It works"))
        #expect(step.action == nil)
        #expect(step.instructions.isEmpty)
        #expect(step.expected?.plainText == "It works")
    }

    @Test("a blockquote broken by a newline in the HTML runs to the line ending in </article>")
    func brokenBlockquote() throws {
        let text = Fixtures.zephyr(action: "1. Create a channel\n\n<br>2. Post in it\n<br>3. Reload", expected: "- Done\n\n<br>- Still done")
        let file = Fixtures.read(text)
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == ["Create a channel", "Post in it", "Reload"])
        #expect(step.expectations.map(\.text) == ["Done", "Still done"])
        #expect(file.diagnostics.isEmpty)
    }

    @Test("an <article> that never closes is read up to the next step, with a warning")
    func unclosedArticle() throws {
        let text = Fixtures.zephyr(action: "x").replacingOccurrences(of: "x</article>", with: "Open it\n\nand more")
        let file = Fixtures.read(text)
        #expect(file.testCase?.steps.first?.action?.plainText == "Open it and more")
        #expect(file.diagnostics.contains { $0.code == "zephyr.article" })
    }

    @Test("Markdown left inside HTML: backticks are code, [text](url) stays literal, 1. after <br> splits")
    func markdownInsideHTML() throws {
        let step = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "Run `/apps install`<br>2. See [the docs](https://docs.example.com)"))
        let action = try #require(step.action)
        #expect(action.plainText == "Run /apps install\n2. See [the docs](https://docs.example.com)")
        #expect(action.nodes.description.contains("code(\"/apps install\")"))
        #expect(!action.nodes.description.contains("link("))
        #expect(step.instructions.map(\.text) == ["Run /apps install", "See [the docs](https://docs.example.com)"])
    }

    @Test("entities are decoded")
    func entities() throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: "Go to A &gt; B &mdash; &quot;C&quot;&nbsp;now &amp; then"))
        #expect(step.action?.plainText == "Go to A > B — \"C\"\u{A0}now & then")
        #expect(step.instructions.first?.text == "Go to A > B — \"C\" now & then")
    }

    @Test("lists nested four deep keep their depth")
    func listsNestedFourDeep() throws {
        let html = "<ol><li>one<ul><li>two<ul><li>three<ul><li>four</li></ul></li></ul></li></ul></li></ol>"
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: html))
        let first = try #require(step.instructions.first)
        #expect(first.text == "one")
        #expect(first.subItems.first?.subItems.first?.subItems.first?.text == "four")
    }

    @Test("a table in a step is a table node and one note or item")
    func tableInStep() throws {
        let html = "<p>Set these:</p><table><tbody><tr><td>Key</td><td>Value</td></tr><tr><td>a</td><td>1</td></tr></tbody></table>"
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: html, expected: "<table><tr><th>A</th></tr><tr><td>b</td></tr></table>"))
        guard case .table(_, let rows)? = step.action?.nodes.last else {
            Issue.record("no table in \(String(describing: step.action))")
            return
        }
        #expect(rows.count == 2)
        #expect(step.instructions.count == 1)
        #expect(step.instructions[0].notes == ["Key Value\na 1"])
        #expect(step.expectations.map(\.text) == ["A\nb"])
        if case .table(let header, _)? = step.expected?.nodes.first { #expect(header == 1) }
    }

    @Test("a Mattermost call names the called key and its steps nest under its number")
    func mattermostCall() throws {
        let body = """
            ---

            **Step 1 from MM-T3907: Setup the test-app**

            <!-- (Auto-generated) Note: Steps 1.1 to 1.2 should not be updated here. -->

            _**Step 1.1**_

            Deploy the app

            _**Expected**_

            It runs

            _**Step 1.2 from MM-T10: Nested**_

            ---

            **Step 2**

            Use it
            """
        let file = Fixtures.read(Fixtures.mattermost(body: body))
        let steps = try #require(file.testCase?.steps)
        #expect(steps.map(\.number) == ["1", "1.1", "1.2", "2"])
        #expect(steps[0].call == CaseCall(key: "MM-T3907", name: "Setup the test-app"))
        #expect(steps[1].call == nil)
        #expect(steps[1].expectations.map(\.text) == ["It runs"])
        #expect(steps[2].call?.key == "MM-T10")
        #expect(file.diagnostics.isEmpty)
    }

    @Test("a JSON step with testCase is a call to that key")
    func jsonCall() throws {
        let json = """
            {"key": "MM-T5", "name": "Calls", "steps": [
              {"inline": {"description": "<p>Do</p>", "testData": null, "expectedResult": "", "customFields": {}}, "testCase": null},
              {"inline": null, "testCase": {"testCaseKey": "MM-T3425"}}
            ]}
            """
        let file = Fixtures.read(json, path: "MM-T5.json")
        #expect(file.format == .zephyrJSON)
        let steps = try #require(file.testCase?.steps)
        #expect(steps.map(\.call?.key) == [nil, "MM-T3425"])
        #expect(steps[0].expected == nil)
        #expect(steps[1].location.line == 3)
    }

    @Test("gaps in step numbers are reported as a note on the step after the gap")
    func gaps() throws {
        var text = Fixtures.zephyr(action: "one")
        text += "\n**Step 4**\n\n> <article>four</article>\n"
        let file = Fixtures.read(text)
        let note = try #require(file.diagnostics.first { $0.code == "steps.gap" })
        #expect(note.severity == .note)
        #expect(note.message == "steps 2, 3 missing from the numbering")
        #expect(note.location?.line == file.testCase?.steps.last?.location.line)
    }

    @Test("a step numbered 0 is read like any other, never crashing the reader", arguments: ["fixture.md", "mm.md"])
    func stepZero(path: String) throws {
        let text =
            path == "mm.md"
            ? Fixtures.mattermost(body: "**Step 0**\n\nzero\n\n---\n\n**Step 2**\n\ntwo\n")
            : Fixtures.zephyr(action: "one").replacingOccurrences(of: "**Step 1**", with: "**Step 0**")
                + "\n**Step 2**\n\n> <article>two</article>\n"
        let file = Fixtures.read(text, path: path)
        #expect(file.testCase?.steps.map(\.number) == ["0", "2"])
        #expect(file.diagnostics.first { $0.code == "steps.gap" }?.message == "step 1 missing from the numbering")
    }

    @Test("a mistyped huge step number is read at once, its gap given as a range")
    func hugeStepNumber() throws {
        var text = Fixtures.zephyr(action: "one")
        text += "\n**Step 5**\n\n> <article>five</article>\n\n**Step 999999999999**\n\n> <article>typo</article>\n"
        let file = Fixtures.read(text)
        #expect(file.testCase?.steps.map(\.number) == ["1", "5", "999999999999"])
        let note = try #require(file.diagnostics.first { $0.code == "steps.gap" })
        #expect(note.message == "steps 2–4, 6–999999999998 missing from the numbering")
    }

    @Test("a Mattermost step or section marker with its text on the next line, no blank line between, still starts it")
    func mattermostMarkerWithoutBlankLine() throws {
        let body = """
            **Step 1**

            Open A

            **Step 2**
            Do X right after the marker

            **Expected**
            It works
            """
        let file = Fixtures.read(Fixtures.mattermost(body: body), path: "mm.md")
        let steps = try #require(file.testCase?.steps)
        #expect(steps.map(\.number) == ["1", "2"])
        #expect(steps[0].expectations.isEmpty)
        #expect(steps[1].instructions.map(\.text) == ["Do X right after the marker"])
        #expect(steps[1].expectations.map(\.text) == ["It works"])
        #expect(steps[1].instructions.first?.location.line == (steps[1].location.line + 1))
        #expect(file.diagnostics.isEmpty)
    }

    @Test("a bold step marker followed by text on the same line is text, not a marker")
    func mattermostMarkerInsideSentence() throws {
        let body = "**Step 1**\n\nOpen A\n**Expected** is what the user sees\n"
        let step = try Fixtures.onlyStep(Fixtures.mattermost(body: body), path: "mm.md")
        #expect(step.expectations.isEmpty)
        #expect(step.instructions.map(\.text) == ["Open A Expected is what the user sees"])
    }

    @Test("a hand-written quote without an article is read as HTML, with a warning that says so")
    func quoteWithoutArticle() throws {
        let text = Fixtures.zephyr(action: "one") + "\n**Step 2**\n\n> Press <b>Save</b>\n"
        let file = Fixtures.read(text)
        #expect(file.testCase?.steps.last?.instructions.map(\.text) == ["Press Save"])
        let warning = try #require(file.diagnostics.first { $0.code == "zephyr.article" })
        #expect(warning.message == "a quote without '<article>…</article>'")
        #expect(warning.hint?.hasPrefix("the export writes '> <article>HTML</article>'") == true)
    }

    @Test("an article that is opened but never closed is reported as not closed")
    func articleNotClosed() throws {
        let text = Fixtures.zephyr(action: "one") + "\n**Step 2**\n\n> <article>Press Save\n"
        let warning = try #require(Fixtures.read(text).diagnostics.first { $0.code == "zephyr.article" })
        #expect(warning.message == "'<article>' is not closed")
    }

    @Test("steps written out of numeric order are read in file order, with a warning at the first one out of place")
    func stepsOutOfOrder() throws {
        var text = Fixtures.zephyr(action: "one").replacingOccurrences(of: "**Step 1**", with: "**Step 2**")
        text += "\n**Step 3**\n\n> <article>three</article>\n\n**Step 1**\n\n> <article>first</article>\n"
        let file = Fixtures.read(text)
        let steps = try #require(file.testCase?.steps)
        #expect(steps.map(\.number) == ["2", "3", "1"])
        let warning = try #require(file.diagnostics.first { $0.code == "steps.order" })
        #expect(warning.message == "step 1 comes after step 3")
        #expect(warning.location?.line == steps[2].location.line)
    }

    @Test("called steps numbered N.M after step N are in order")
    func nestedStepsInOrder() throws {
        let body = "**Step 1**\n\none\n\n---\n\n**Step 2 from MM-T9: Setup**\n\n_**Step 2.1**_\n\nsub\n\n---\n\n**Step 3**\n\nthree\n"
        let file = Fixtures.read(Fixtures.mattermost(body: body), path: "mm.md")
        #expect(file.testCase?.steps.map(\.number) == ["1", "2", "2.1", "3"])
        #expect(!file.diagnostics.contains { $0.code == "steps.order" })
    }

    @Test(
        "\"On N.\" points at the instruction written with the number N, when a list does not start at 1",
        arguments: [
            "<ol start=\"3\"><li>Open the menu</li><li>Click Save</li></ol>", "3. Open the menu<br>4. Click Save",
        ])
    func referencesFollowWrittenNumbers(action: String) throws {
        let step = try Fixtures.onlyStep(
            Fixtures.zephyr(action: action, expected: "On 4. It is saved<br>On 3. The menu opens"))
        #expect(step.instructions.map(\.number) == [1, 2])
        #expect(step.expectations.map(\.instruction) == [2, 1])
    }

    @Test("\"On N.\" keeps N when the list starts at 1, or when no instruction is written with N")
    func referencesByPosition() throws {
        let fromOne = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "<ol><li>Open</li><li>Save</li></ol>", expected: "On 2. Saved<br>On 7. Nothing"))
        #expect(fromOne.expectations.map(\.instruction) == [2, 7])
        let bullets = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "<ul><li>Open</li><li>Save</li></ul>", expected: "On 2. Saved"))
        #expect(bullets.expectations.map(\.instruction) == [2])
    }

    @Test("NBSP, zero-width space and U+2028 in text")
    func invisibleCharacters() throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: "Click\u{A0}Save\u{200B} then\u{2028}wait"))
        #expect(step.instructions.map(\.text) == ["Click Save then\nwait"])
    }

    @Test("the custom fields of a JSON record keep their order, and empty ones are left out")
    func jsonFieldOrder() throws {
        let json = """
            {"key": "MM-T6", "name": "Fields", "customFields": {"Zeta": "z", "Empty": "", "Alpha": ["a", "b"], "None": null},
             "folder": {"fullNames": ["Suite", "Things"]}, "labels": ["x"], "steps": [{"inline": {"description": "Do"}, "testCase": null}]}
            """
        let testCase = try #require(Fixtures.read(json, path: "MM-T6.json").testCase)
        #expect(testCase.fields.map(\.name) == ["Zeta", "Alpha"])
        #expect(testCase.fields.map(\.value.plainText) == ["z", "a,b"])
        #expect(testCase.folder == ["Suite", "Things"])
    }

    @Test("a multi-select custom field leaves out its nulls and empty entries, and one with none is left out")
    func jsonMultiSelectNulls() throws {
        let json = """
            {"key": "MM-T7", "name": "Fields", "customFields": {"Tags": ["a", null, "", 1, true], "Nothing": [null, ""]},
             "steps": [{"inline": {"description": "Do"}, "testCase": null}]}
            """
        let testCase = try #require(Fixtures.read(json, path: "MM-T7.json").testCase)
        #expect(testCase.fields.map(\.name) == ["Tags"])
        #expect(testCase.fields.first?.value.plainText == "a,1,true")
    }

    @Test("a JSON record without a name is read, with a warning that the case has no title")
    func jsonWithoutName() throws {
        let json = #"{"key": "MM-T8", "steps": [{"inline": {"description": "Do"}, "testCase": null}]}"#
        let file = Fixtures.read(json, path: "MM-T8.json")
        #expect(file.testCase?.key == "MM-T8")
        #expect(file.testCase?.title == "")
        #expect(file.diagnostics.map(\.code) == ["case.title"])
        #expect(file.diagnostics.first?.severity == .warning)
    }

    @Test("the format is chosen by content, whatever the file is called")
    func detection() {
        #expect(Fixtures.read(Fixtures.zephyr(action: "x"), path: "a.txt").format == .zephyrMarkdown)
        #expect(Fixtures.read(Fixtures.mattermost(body: "**Step 1**\n\nx"), path: "a.json").format == .mattermostMarkdown)
        #expect(Fixtures.read("{\"key\": \"MM-T1\", \"steps\": []}", path: "a.md").format == .zephyrJSON)
        let unknown = Fixtures.read("Just some notes.\n", path: "notes.md")
        #expect(unknown.format == nil)
        #expect(unknown.diagnostics.first?.code == "format.unknown")
    }
}
