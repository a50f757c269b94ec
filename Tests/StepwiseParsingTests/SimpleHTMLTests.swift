import Foundation
import StepwiseModel
import StepwiseTestSupport
import Testing
@testable import StepwiseParsing

/// The fast reader for plain HTML must give exactly what libxml2 gives, or leave the fragment to it.
@Suite("Plain HTML read without libxml2")
struct SimpleHTMLTests {
    /// Both ways of reading one fragment: through the fast reader when it takes it, and through
    /// libxml2 alone. `taken` says whether the fast reader read it.
    static func bothWays(_ html: String) -> (converted: ConvertedText, libxml2: ConvertedText, taken: Bool) {
        let parser = HTMLParser()
        let bytes = Array(html.utf8)
        let taken = bytes.withUnsafeBufferPointer { SimpleHTML.convert($0) } != nil
        return (parser.convert(bytes[...]), parser.convertWithLibXML2(bytes[...]), taken)
    }

    @Test(
        "reads plain fragments itself, with libxml2's tree and item lines",
        arguments: [
            "<p>One</p><p>Two</p>", "<ol><li>One&nbsp;<strong>two</strong></li>\n<li>Three</li></ol>",
            "Go to <a href=\"https://example.com/x?a=1\">the page</a>.<br>Then <em>wait</em>.",
            "<ul>\n  <li>A\n    <ul><li>nested</li></ul>\n  </li>\n</ul>", "<p>Use <code>  mmctl  --help </code></p>",
            "1. Open&mdash;now<br/>2. Close &gt; done<br />3. &quot;Quit&quot;", "<span style=\"color: red\"><u>x</u></span>",
            "<li>outside a list</li>", "<b>bold</b> <i>it</i> <span></span>", "<p>é ➜ ⌘ 🙂 \u{2028} \u{200B}</p>",
            "<p>See <img src=\"https://example.com/a.png\" alt=\"The page\" width=\"200\"> here</p>",
            "<img src=\"a\" src=\"b\" ALT=\"first\" alt=\"second\"/>", "<img>", "<ol start=\"3\"><li>x</li></ol>",
            "<ol type=\"a\" start=\"x\"><li>x</li></ol>", "<ol START=\"-2\" start=\"5\"><li>x</li></ol>",
        ])
    func takesPlainFragments(html: String) {
        let (converted, libxml2, taken) = Self.bothWays(html)
        #expect(taken)
        #expect(converted == libxml2)
    }

    @Test(
        "leaves everything libxml2 repairs or reads its own way to libxml2",
        arguments: [
            "<p>a<p>b", "<ul><li>a<li>b</ul>", "<p>a<ul><li>b</li></ul></p>", "<ol><ul><li>x</li></ul></ol>",
            "<strong><em>x</strong></em>", "</span>stray", "<a href=\"x\"><a href=\"y\">z</a></a>", "<!-- c --><p>x</p>",
            "<p>&foo; &#x2014; &amp</p>", "<p\n>x</p>", "<p>a\r\nb</p>", "<table><tr><td>x</td></tr></table>",
            "<ul>stray text<li>x</li></ul>", "<ul><img src=\"x\"><li>x</li></ul>", "<p>x", "<code><b>x</b></code>",
            "<code></code>", "a < b", "<p >x</p>", "<a href='x'>y</a>", "<img src=\"a&amp;b\">", "<img src=\"x\"></img>",
            "<b><p>x</p></b>", "<li><strong>a<li>b</strong></li>",
        ])
    func leavesRepairsToLibXML2(html: String) {
        let (converted, libxml2, taken) = Self.bothWays(html)
        #expect(!taken)
        #expect(converted == libxml2)
    }

    @Test("nesting too deep for the fast reader goes to libxml2, which flattens it")
    func deepNesting() {
        let html = String(repeating: "<span>", count: 100) + "x" + String(repeating: "</span>", count: 100)
        let (converted, libxml2, taken) = Self.bothWays(html)
        #expect(!taken)
        #expect(converted == libxml2)
        #expect(converted.truncatedDepth)
    }

    /// Well-formed trees of the tags the fast reader knows, with text, entities, blanks and line
    /// breaks in every position: where it takes one, it must build libxml2's tree.
    @Test("agrees with libxml2 on thousands of generated fragments")
    func generatedFragments() {
        var random = SplitMix(seed: 0x5EED)
        var taken = 0
        var disagreements: [String] = []
        for _ in 0..<4000 {
            let html = Self.fragment(&random, depth: 0)
            let (converted, libxml2, simple) = Self.bothWays(html)
            if simple { taken += 1 }
            if converted != libxml2 { disagreements.append(html) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        // Most generated fragments are plain enough for the fast reader; the check means something.
        #expect(taken > 1000)
    }

    @Test("agrees with libxml2 on every HTML field of the corpus")
    func corpusFragments() throws {
        var fragments: [String] = []
        for path in try Corpus.files(in: "zephyr-export", withExtension: "json") {
            let data = try #require(FileManager.default.contents(atPath: path))
            let record = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for key in ["objective", "precondition"] { if let html = record[key] as? String { fragments.append(html) } }
            for step in record["steps"] as? [[String: Any]] ?? [] {
                let inline = step["inline"] as? [String: Any] ?? [:]
                for key in ["description", "testData", "expectedResult"] {
                    if let html = inline[key] as? String { fragments.append(html) }
                }
            }
        }
        var taken = 0
        var disagreements: [String] = []
        for html in fragments {
            let (converted, libxml2, simple) = Self.bothWays(html)
            if simple { taken += 1 }
            if converted != libxml2 { disagreements.append(html) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
        #expect(fragments.count > 3000)
        #expect(taken * 2 > fragments.count)
    }

    // MARK: Generator

    static let inlineTags = ["strong", "b", "em", "i", "u", "span", "code", "a"]
    static let blockTags = ["p", "ul", "ol", "li"]
    static let texts = [
        "text", " ", "  ", "\n", "\t", " x ", "&nbsp;", "&mdash;", "&amp;", "&gt;", "&lt;", "&quot;", "&apos;", "1. ",
        "`code`", "[a](b)", "é", "\u{A0}", "**", "On 2. done", "\n  ",
    ]

    static func fragment(_ random: inout SplitMix, depth: Int) -> String {
        var html = ""
        for _ in 0..<random.next(upTo: 5) {
            switch random.next(upTo: 10) {
            case 0...3: html += texts[random.next(upTo: texts.count)]
            case 4:
                html += [
                    "<br>", "<br/>", "<br />", "<BR>", "<img src=\"i.png\">", "<img alt=\"A b\" src=\"a.png\" width=\"9\"/>",
                    "<IMG SRC=\"x\" />",
                ][random.next(upTo: 7)]
            case 5...7 where depth < 6:
                let tag = inlineTags[random.next(upTo: inlineTags.count)]
                let open = tag == "a" ? "<a href=\"u\(random.next(upTo: 3))\">" : random.next(upTo: 6) == 0 ? "<\(tag.uppercased())>" : "<\(tag)>"
                html += open + fragment(&random, depth: depth + 1) + "</\(tag)>"
            case 8...9 where depth < 6:
                let tag = blockTags[random.next(upTo: blockTags.count)]
                if tag == "ul" || tag == "ol" {
                    html += tag == "ol" && random.next(upTo: 3) == 0 ? "<ol start=\"\(random.next(upTo: 12))\">" : "<\(tag)>"
                    for _ in 0..<random.next(upTo: 4) {
                        html += [" ", "\n", ""][random.next(upTo: 3)] + "<li>" + fragment(&random, depth: depth + 2) + "</li>"
                    }
                    html += "</\(tag)>"
                } else {
                    html += "<\(tag)>" + fragment(&random, depth: depth + 1) + "</\(tag)>"
                }
            default: html += texts[random.next(upTo: texts.count)]
            }
        }
        return html
    }
}

/// A small seeded generator, so a failure names a fragment that comes back on every run.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
