/// Formatted text from an export: a small immutable tree of blocks and inlines.
///
/// HTML (`<ol><li>…`), Markdown (`1. …`) and the Zephyr JSON record all read into the same tree,
/// so two exports of one case compare equal through ``plainText``.
public struct RichText: Hashable, Sendable, Codable {
    public var nodes: [Node]

    public init(_ nodes: [Node] = []) { self.nodes = nodes }

    /// Plain text with no formatting at all.
    public init(text: String) { self.nodes = text.isEmpty ? [] : [.paragraph([.text(text)])] }

    /// True when the text renders to nothing but whitespace.
    public var isEmpty: Bool { plainText.allSatisfy(\.isWhitespace) }

    /// One node of the tree.
    public enum Node: Hashable, Sendable, Codable {
        /// Literal text, entities already decoded and Markdown escapes removed.
        case text(String)
        case paragraph([Node])
        case heading(level: Int, [Node])
        /// A list; each item is a sequence of nodes (it may hold paragraphs and nested lists).
        case list(ordered: Bool, start: Int, items: [[Node]])
        /// A table: rows of cells, each cell a sequence of nodes. `header` counts the leading header rows.
        case table(header: Int, rows: [[[Node]]])
        case blockQuote([Node])
        case codeBlock(String, language: String?)
        /// Inline code.
        case code(String)
        case emphasis([Node])
        case strong([Node])
        case strikethrough([Node])
        case link(destination: String, [Node])
        case image(source: String, alt: String)
        case lineBreak
        case thematicBreak
        /// A transparent grouping (an HTML `<div>`, `<span>`, `<article>`): only its children count.
        case group([Node])
    }
}

extension RichText.Node {
    /// Whether the node starts and ends a line of its own in ``RichText/plainText``.
    public var isBlock: Bool {
        switch self {
        case .paragraph, .heading, .list, .table, .blockQuote, .codeBlock, .thematicBreak: true
        case .text, .code, .emphasis, .strong, .strikethrough, .link, .image, .lineBreak, .group: false
        }
    }
}
