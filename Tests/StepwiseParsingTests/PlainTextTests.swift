import StepwiseModel
import Testing
@testable import StepwiseParsing

@Suite("Plain text of rich text")
struct PlainTextTests {
    static func html(_ fragment: String) -> String { RichText(HTMLConverter.convert(fragment).nodes).plainText }

    static func markdown(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let blocks = bytes.withUnsafeMutableBufferPointer { MarkdownConverter.blocks(UnsafeBufferPointer($0)).blocks }
        return RichText(blocks.filter { !$0.isComment }.map(\.node)).plainText
    }

    @Test(
        "HTML renders to the text a reader sees",
        arguments: [
            ("<strong>Bold</strong>: text", "Bold: text"),
            ("a&nbsp;b &mdash; c &quot;d&quot; &gt; e", "a\u{A0}b — c \"d\" > e"),
            ("one<br>two<br />three", "one\ntwo\nthree"),
            ("<p>first</p><p>second</p>", "first\nsecond"),
            ("<ol><li>Go</li><li>Stop</li></ol>", "Go\nStop"),
            ("<ul><li>a<ul><li>b</li></ul></li></ul>", "a\nb"),
            ("in<em>line</em><code>code</code>", "inlinecode"),
            ("<a href=\"https://x\">link</a> and <img src=\"i.png\" alt=\"pic\">", "link and pic"),
            ("a\n   b", "a b"),
            ("<p>  padded  </p>", "padded"),
            ("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", "A\tB\n1\t2"),
            ("Run `git status` now", "Run git status now"),
            ("See [the docs](https://docs.example.com)", "See [the docs](https://docs.example.com)"),
        ])
    func html(_ input: String, _ expected: String) {
        #expect(Self.html(input) == expected)
    }

    @Test(
        "Markdown renders to the same text, escapes and markers removed",
        arguments: [
            ("**Bold**: text", "Bold: text"),
            ("1\\. First\\\n2\\. Second", "1. First\n2. Second"),
            ("1. Go\n2. Stop", "Go\nStop"),
            ("- a\n  - b", "a\nb"),
            ("_emphasis_ and `code`", "emphasis and code"),
            ("a\nb", "a b"),
            ("Ends with a break\\", "Ends with a break"),
            ("| A | B |\n| - | - |\n| 1 | 2 |", "A\tB\n1\t2"),
            ("Type `OPSGENIE\\_URL`", "Type OPSGENIE_URL"),
            ("<!-- a comment -->\n\nText", "Text"),
            ("Use <teamName> here", "Use <teamName> here"),
        ])
    func markdown(_ input: String, _ expected: String) {
        #expect(Self.markdown(input) == expected)
    }

    @Test("block boundaries never give more than one line break, and none at either end")
    func collapsesBreaks() {
        #expect(Self.html("<p></p><br><br><p>a</p><br><br><p>b</p><br>") == "a\nb")
    }
}

@Suite("Plain text spacing next to combining and prepended characters")
struct PlainTextGraphemeTests {
    @Test(
        "spaces are trimmed only where they are Characters of their own",
        arguments: [
            ([RichText.Node.paragraph([.text(" \u{301}x")])], " \u{301}x"),
            ([.paragraph([.text("  x")])], "x"),
            ([.paragraph([.text("x\u{0600} ")])], "x\u{0600} "),
            ([.paragraph([.text("x  ")])], "x"),
            ([.paragraph([.text("a\r\n")]), .paragraph([.text(" b")])], "a\r\n\nb"),
            // CR LF is one Character, not a line feed: the space after it stays.
            ([.paragraph([.text("a\r\n"), .text(" b")])], "a\r\n b"),
            ([.paragraph([.text("a\n"), .text(" b")])], "a\nb"),
        ] as [([RichText.Node], String)])
    func trimming(nodes: [RichText.Node], expected: String) {
        #expect(RichText(nodes).plainText == expected)
    }
}
