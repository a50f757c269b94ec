import StepwiseModel

/// Rich text of one step field, with what is known about where each part is written.
struct LocatedText: Sendable {
    var text: RichText
    /// Line of each top-level node of `text.nodes` (absolute).
    var blockLines: [Int]
    /// Absolute line of every list item, in pre-order.
    var itemLines: [Int]
    /// True when each line break in the text also ends a line in the file (Markdown), so lines
    /// after a break can be located exactly.
    var breaksAreLines: Bool

    init(text: RichText, blockLines: [Int], itemLines: [Int], breaksAreLines: Bool) {
        self.text = text
        self.blockLines = blockLines
        self.itemLines = itemLines
        self.breaksAreLines = breaksAreLines
    }

    /// Text from an HTML fragment that starts on `line`.
    init(html converted: ConvertedText, line: Int) {
        text = RichText(converted.nodes)
        blockLines = Array(repeating: line, count: converted.nodes.count)
        itemLines = converted.itemLines.map { line + $0 - 1 }
        breaksAreLines = false
    }
}
