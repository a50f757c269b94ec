import Foundation
import StepwiseModel
import Testing
@testable import StepwiseParsing

/// Text read as the exporting tool shows it: Markdown typed into HTML stays literal, line breaks
/// stay wherever they are, step info is info and notes are notes, in every format.
@Suite("Reading as exported")
struct ReadingAsExportedTests {
    @Test(
        "Markdown typed into Zephyr HTML stays the literal text the tester types, except backtick code",
        arguments: [
            ("Post the following: ![img](https://example.com/a.png)", "Post the following: ![img](https://example.com/a.png)"),
            ("[This is a link to mattermost.com](https://mattermost.com)", "[This is a link to mattermost.com](https://mattermost.com)"),
            ("Type **bold** and ~~struck~~ and *one* and _two_", "Type **bold** and ~~struck~~ and *one* and _two_"),
            ("Run `/apps install` now", "Run /apps install now"),
        ])
    func literalMarkdown(_ html: String, _ expected: String) throws {
        let step = try Fixtures.onlyStep(Fixtures.zephyr(action: "<p>\(html)</p>"))
        #expect(step.action?.plainText == expected)
        #expect(step.instructions.map(\.text) == [expected])
        // The JSON record reads the same HTML the same way.
        let json = try Fixtures.onlyStep(Fixtures.json(action: "<p>\(html)</p>"), path: "fixture.json")
        #expect(json.action?.plainText == expected)
    }

    @Test("<br> inside <code><strong>…</strong></code> and inside <pre> keeps its line break")
    func breakInsideCode() throws {
        let step = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "<p><code><strong>Import LogUsers created:<br>alice, bob</strong></code></p><pre>one<br>two</pre>"))
        #expect(step.action?.plainText == "Import LogUsers created:\nalice, bob\none\ntwo")
    }

    @Test("Mattermost step info fields after the action are the step's info, named as the Zephyr record names them")
    func mattermostStepInfo() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    ---

                    **Step 1**

                    1\\. Open any channel

                    _Related ticket(s):_

                    [Header overlaps — MM-9216](https://mattermost.atlassian.net/browse/MM-9216)

                    _Important notes about this step:_

                    This could be done by disabling an ngrok tunnel

                    **Expected**

                    Channel header options are displayed

                    ---

                    **Step 2**

                    Post a reply

                    _Related ticket(s):_

                    **Expected**

                    Reply posted
                    """))
        let steps = try #require(file.testCase?.steps)
        #expect(steps[0].instructions.map(\.text) == ["Open any channel"])
        #expect(steps[0].info.map(\.name) == ["Related ticket(s)", "Important notes about this step"])
        #expect(steps[0].info.map(\.value.plainText) == ["Header overlaps — MM-9216", "This could be done by disabling an ngrok tunnel"])
        #expect(steps[0].expectations.map(\.text) == ["Channel header options are displayed"])
        // A label with nothing after it is an empty field, left out.
        #expect(steps[1].info.isEmpty)
        #expect(steps[1].instructions.map(\.text) == ["Post a reply"])
    }

    @Test("the same step info reads the same from the Zephyr Markdown table and the JSON record")
    func zephyrStepInfo() throws {
        let markdown = Fixtures.zephyr(action: "Open it", expected: "Done")
            .replacingOccurrences(
                of: "<hr/>\n", with: "**Step Info**\n| Name | Value |\n| :--- | :--- |\n| Related ticket(s) | MM-1 |\n\n<hr/>\n",
                options: .backwards, range: nil)
        #expect(try Fixtures.onlyStep(markdown).info.map { [$0.name, $0.value.plainText] } == [["Related ticket(s)", "MM-1"]])
        let json = try Fixtures.onlyStep(
            Fixtures.json(action: "Open it", expected: "Done", stepFields: #"{"Related ticket(s)": "MM-1", "Important notes about this step": ""}"#),
            path: "fixture.json")
        #expect(json.info.map { [$0.name, $0.value.plainText] } == [["Related ticket(s)", "MM-1"]])
    }

    @Test("a **Note**: line in an expected result is a note on the expectation before it, in every format")
    func notesInExpectedResults() throws {
        let html = "<p>The menu opens</p><p><strong>Note</strong>: the hover effect exists only in channels<br>and threads</p><ul><li>Items are listed</li></ul>"
        for file in [
            Fixtures.read(Fixtures.zephyr(action: "Open the menu", expected: html)),
            Fixtures.read(Fixtures.json(action: "Open the menu", expected: html), path: "fixture.json"),
            Fixtures.read(
                Fixtures.mattermost(
                    body: """
                        **Step 1**

                        Open the menu

                        **Expected**

                        The menu opens

                        **Note**: the hover effect exists only in channels\\
                        and threads

                        - Items are listed
                        """)),
        ] {
            let step = try #require(file.testCase?.steps.first, "\(file.diagnostics)")
            #expect(step.expectations.map(\.text) == ["The menu opens", "Items are listed"], "\(file.format as Any)")
            #expect(step.expectations.first?.notes == ["Note: the hover effect exists only in channels", "and threads"])
        }
    }

    @Test("notes before any expectation go to the first one; bullets under a lone Notes: line are notes; notes alone stay an expectation")
    func noteAttachment() throws {
        let before = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "Go", expected: "<p><strong>Note:</strong> only on mobile</p><p>The banner shows</p>"))
        #expect(before.expectations.map(\.text) == ["The banner shows"])
        #expect(before.expectations.first?.notes == ["Note: only on mobile"])
        let bullets = try Fixtures.onlyStep(
            Fixtures.zephyr(action: "Go", expected: "<p>The banner shows</p><p><strong>Notes</strong>:</p><ul><li>one</li><li>two</li></ul>"))
        #expect(bullets.expectations.map(\.text) == ["The banner shows"])
        #expect(bullets.expectations.first?.notes == ["Notes:", "one", "two"])
        let alone = try Fixtures.onlyStep(Fixtures.zephyr(action: "Go", expected: "<p><strong>Note</strong>: nothing to see</p>"))
        #expect(alone.expectations.map(\.text) == ["Note: nothing to see"])
        // Other bold lead-ins stay expectations.
        let leadIn = try Fixtures.onlyStep(Fixtures.zephyr(action: "Go", expected: "<p><strong>On mobile</strong>: the banner shows</p>"))
        #expect(leadIn.expectations.map(\.text) == ["On mobile: the banner shows"])
        #expect(leadIn.expectations.first?.notes == [])
    }

    @Test("delimiters the Mattermost converter wrote unpaired are dropped; escaped ones and those inside words stay")
    func converterDelimiters() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    1\\. Use the _/zendesk connect _command\\
                    2\\. Type \\_literal\\_ and open_full_form and **Site > ****File Sharing **and \\*star\\*
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == [
            "Use the /zendesk connect command", "Type _literal_ and open_full_form and Site > File Sharing and *star*",
        ])
    }

    @Test("escaped delimiters the tool's sync made text of emphasis with a space inside read as that emphasis")
    func syncedDelimiters() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    1\\. Go to \\*\\*Site Configuration > \\*\\*\\*\\*File Sharing \\*\\*and set\\
                    2\\. Type \\_/test valid with\\_form \\_and send\\
                    3\\. Replace https\\://example.com\\_ \\_with your own\\
                    4\\. Create **Team-A** >\\*\\* Channel-A\\*\\* and \\_\\_mmctl export\\
                    5\\. Type\\_ /test valid navigate \\_ then --channel \\_ \\_\\
                    6\\. Open (\\*\\*\\*\\*System Preferences)
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == [
            "Go to Site Configuration > File Sharing and set", "Type /test valid with_form and send",
            "Replace https://example.com with your own", "Create Team-A > Channel-A and mmctl export",
            "Type /test valid navigate then --channel", "Open (System Preferences)",
        ])
    }

    @Test("escaped delimiters typed as text stay: pairs CommonMark would pair, lone runs, runs with spaces around, runs inside words")
    func typedDelimiters() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    1\\. Type \\*\\*Bold\\*\\* and \\_Italics\\_ and \\~\\~Struck\\~\\~\\
                    2\\. Open /\\_redirect/pl and list \\*.md files\\
                    3\\. Use \\* for unread and (cn=Test Group \\*)(cn=\\*filter\\*)\\
                    4\\. Read \\*\\* Check the links \\*\\* and \\_\\_init\\_\\_ and MM\\_FLAG\\_ON
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == [
            "Type **Bold** and _Italics_ and ~~Struck~~", "Open /_redirect/pl and list *.md files",
            "Use * for unread and (cn=Test Group *)(cn=*filter*)", "Read ** Check the links ** and __init__ and MM_FLAG_ON",
        ])
    }

    @Test("a code span holding the converter's escapes is converted text: escapes undone, emphasis around it dropped")
    func convertedCodeSpans() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    1\\. Start with `_MM\\_FEATUREFLAGS\\_AppBarEnabled=false_`\\
                    2\\. Run `__init__` and `\\_id\\_` and `__` as they are
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == [
            "Start with MM_FEATUREFLAGS_AppBarEnabled=false", "Run __init__ and _id_ and __ as they are",
        ])
    }

    @Test("emphasis the converter wrote inside typed backticks is dropped, also when the sync made text of it")
    func emphasisInsideCodeSpans() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    1\\. Open a table named `_pluginkeyvaluestore_`\\
                    2\\. Click the `\\_navigate-external \\_` option\\
                    3\\. Add a group such as `_not-a-real-group_` and `\\_ spaced \\_`
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == [
            "Open a table named pluginkeyvaluestore", "Click the navigate-external option",
            "Add a group such as not-a-real-group and _ spaced _",
        ])
    }

    @Test("a backslash before a space in a code span is the converter's line break the sync folded into it")
    func lineBreaksInsideCodeSpans() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    Type three backticks " `" and press Enter\\ 6\\. On the new line type "` " and post
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.action?.plainText == "Type three backticks \" \" and press Enter\n6. On the new line type \" \" and post")
    }

    @Test("a delimiter the sync made text beside a real one it paired elsewhere reads as the emphasis it was written for")
    func delimitersMispairedBySync() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    8\\. Add \\*\\*Team-A **to Custom Policy\\
                    9\\. Go to** Channel-A \\*\\*and Post\\
                    10\\. Enable the \\_Enable administration command _option\\
                    11\\. Type _/test test-command_\\_ valid navigate-external \\_\\
                    12\\. Select \\*\\*T\\*\\*\\*\\*oday / Last 7 days **from the list\\
                    13\\. Open \\_redirect _here_ and \\*\\*Bold\\*\\* **now**
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == [
            "Add Team-A to Custom Policy", "Go to Channel-A and Post", "Enable the Enable administration command option",
            "Type /test test-command valid navigate-external", "Select Today / Last 7 days from the list",
            "Open _redirect here and **Bold** now",
        ])
    }

    @Test("a lone escaped underscore beside a typed list number is the rest of an italic dot; one alone on its line is an empty emphasis")
    func italicListDotsAndEmptyEmphasis() throws {
        let file = Fixtures.read(
            Fixtures.mattermost(
                body: """
                    **Step 1**

                    1\\. Connect two instances\\
                    2\\. \\_Click the ... menu on a post\\
                    3.\\_ Type --message\\
                    4\\. Open /\\_redirect now\\
                    5\\. Type a \\_\\_ b

                    \\_\\_

                    **Expected**

                    \\_\\_
                    """))
        let step = try #require(file.testCase?.steps.first)
        #expect(step.instructions.map(\.text) == [
            "Connect two instances", "Click the ... menu on a post", "Type --message", "Open /_redirect now", "Type a __ b",
        ])
        #expect(step.expected == nil || step.expected?.plainText.isEmpty == true)
    }
}
