import StepwiseModel

/// Hands out list-item lines in document order.
struct LineCursor {
    var lines: [Int]
    var position = 0

    mutating func next() -> Int? {
        guard position < lines.count else { return nil }
        defer { position += 1 }
        return lines[position]
    }

    /// Passes over the list items inside a node the itemizer does not split.
    mutating func skip(_ node: RichText.Node) {
        position += Self.itemCount(node)
    }

    static func itemCount(_ node: RichText.Node) -> Int {
        switch node {
        case .list(_, _, let items): items.count + items.reduce(0) { $0 + $1.reduce(0) { $0 + itemCount($1) } }
        case .paragraph(let c), .heading(_, let c), .blockQuote(let c), .emphasis(let c), .strong(let c),
            .strikethrough(let c), .link(_, let c), .group(let c):
            c.reduce(0) { $0 + itemCount($1) }
        case .table(_, let rows): rows.reduce(0) { $0 + $1.reduce(0) { $0 + $1.reduce(0) { $0 + itemCount($1) } } }
        default: 0
        }
    }
}
