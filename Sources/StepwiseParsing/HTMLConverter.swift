import CLibXML2
import StepwiseModel

/// Rich text read from an HTML fragment, with the line of every list item (in document order) so
/// instructions and expectations can point at the line they are written on.
struct ConvertedText: Sendable, Equatable {
    var nodes: [RichText.Node] = []
    /// Line of each list item, in pre-order; 1-based within the converted text.
    var itemLines: [Int] = []
    /// Set when the tree was deeper than ``HTMLConverter/maximumDepth`` and was flattened.
    var truncatedDepth = false
}

/// Converts HTML fragments to ``RichText`` through libxml2's HTML parser.
///
/// The parser runs with no network access and never loads external entities or DTDs. A fragment is
/// wrapped in `<div>` because libxml2 2.9 otherwise nests top-level siblings into one another.
enum HTMLConverter {
    /// Deeper elements are flattened to their text: nothing real nests this deep, and recursion
    /// over a hostile 10,000-deep tree must not exhaust the stack.
    static let maximumDepth = 64

    static let options = Int32(
        HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NODEFDTD.rawValue
            // Without it libxml2 stops at 256 levels and the whole field is lost; deeper trees are
            // flattened to their text here instead (up to libxml2's own 2048).
            | UInt32(XML_PARSE_HUGE.rawValue))

    static func convert(_ fragment: ArraySlice<UInt8>) -> ConvertedText {
        HTMLParser.forThisThread().convert(fragment)
    }

    static func convert(_ string: String) -> ConvertedText { convert(Array(string.utf8)[...]) }

    /// The `<div>` this converter added: the first element under `<body>`.
    static func findWrapper(_ root: xmlNodePtr?) -> xmlNodePtr? {
        var node = root
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE, name(of: current) == "div" { return current }
            node = firstElement(current.pointee.children)
        }
        return nil
    }

    private static func firstElement(_ node: xmlNodePtr?) -> xmlNodePtr? {
        var node = node
        while let current = node, current.pointee.type != XML_ELEMENT_NODE { node = current.pointee.next }
        return node
    }

    static func name(of node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name)
    }

    static func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { stepwise_xmlFree(value) }
        return String(cString: value)
    }

    /// The node's text with every descendant's, collected without recursion.
    static func textContent(of node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { stepwise_xmlFree(content) }
        return String(cString: content)
    }
}
