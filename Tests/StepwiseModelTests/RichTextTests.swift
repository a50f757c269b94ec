import Testing

@testable import StepwiseModel

@Suite("Rich text")
struct RichTextTests {
    typealias Node = RichText.Node

    @Test("plain text keeps text nodes in order and adds nothing for inline elements")
    func inline() {
        let text = RichText([
            .paragraph([
                .text("Go to "), .strong([.text("System")]), .text(" "), .emphasis([.text("Console")]), .code("➜"),
                .link(destination: "https://x", [.text("Users")]),
            ])
        ])
        #expect(text.plainText == "Go to System Console➜Users")
    }

    @Test("line breaks and block boundaries become single line breaks, never at either end")
    func blocks() {
        let text = RichText([
            .paragraph([.text("first"), .lineBreak, .lineBreak, .text("second")]),
            .paragraph([.text("third")]),
            .thematicBreak,
            .heading(level: 2, [.text("fourth")]),
        ])
        #expect(text.plainText == "first\nsecond\nthird\nfourth")
    }

    @Test("list items are lines of their own, without markers, nested lists included")
    func lists() {
        let text = RichText([
            .list(
                ordered: true, start: 1,
                items: [
                    [.text("Log on"), .list(ordered: false, start: 1, items: [[.text("Mobile")], [.text("Desktop")]])],
                    [.text("Revoke")],
                ])
        ])
        #expect(text.plainText == "Log on\nMobile\nDesktop\nRevoke")
    }

    @Test("table rows are lines, with their cells separated by a tab")
    func tables() {
        let text = RichText([
            .table(header: 1, rows: [[[.text("Name")], [.text("Value")]], [[.text("Fix")], [.text("v5.16")]]])
        ])
        #expect(text.plainText == "Name\tValue\nFix\tv5.16")
    }

    @Test("an image counts by its alternative text; an empty text is empty")
    func imagesAndEmptiness() {
        #expect(RichText([.paragraph([.image(source: "https://s3/x.png", alt: "screenshot")])]).plainText == "screenshot")
        #expect(RichText().isEmpty)
        #expect(RichText(text: "").nodes.isEmpty)
        #expect(RichText([.paragraph([.text("  ")])]).isEmpty)
        #expect(!RichText(text: "a").isEmpty)
    }

    @Test("block-ness is what puts a node on a line of its own")
    func blockness() {
        #expect(Node.paragraph([]).isBlock && Node.list(ordered: false, start: 1, items: []).isBlock)
        #expect(!Node.text("x").isBlock && !Node.lineBreak.isBlock && !Node.group([]).isBlock)
    }
}
