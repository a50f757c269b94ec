import CLibXML2

/// The element names the HTML tree builder treats specially, read from libxml2's name bytes
/// without making a `String` per node.
enum HTMLTag: Hashable {
    case p, heading(Int), ul, ol, li, table, thead, tbody, tfoot, tr, td, th, colgroup, blockquote, pre
    /// `code`, `kbd`, `samp`, `tt`.
    case code
    /// `em`, `i`, `cite`, `var`.
    case emphasis
    /// `strong`, `b`.
    case strong
    /// `s`, `strike`, `del`.
    case strikethrough
    case a, img, br, hr
    /// Elements with nothing to show: `script`, `style`, `head`, `title`, `col`, `meta`, `link`.
    case hidden
    /// Block containers without a model node of their own (`div`, `section`, `dd`…).
    case block
    case other

    /// Names compare case-insensitively, as HTML's do (libxml2 already lowercases them).
    init(name: UnsafePointer<xmlChar>?) {
        guard let name else {
            self = .other
            return
        }
        var key = Key()
        var length = 0
        while name[length] != 0 {
            guard length < 16 else {
                self = .other
                return
            }
            var byte = UInt64(name[length])
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if length < 8 { key.low |= byte << (8 * length) } else { key.high |= byte << (8 * (length - 8)) }
            length += 1
        }
        self = Self.byKey[key] ?? .other
    }

    /// Up to sixteen name bytes, packed.
    private struct Key: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init() {}

        init(_ name: StaticString) {
            for offset in 0..<name.utf8CodeUnitCount {
                let byte = UInt64(name.utf8Start[offset])
                if offset < 8 { low |= byte << (8 * offset) } else { high |= byte << (8 * (offset - 8)) }
            }
        }
    }

    private static let byKey: [Key: HTMLTag] = {
        let names: [(StaticString, HTMLTag)] = [
            ("p", .p), ("h1", .heading(1)), ("h2", .heading(2)), ("h3", .heading(3)), ("h4", .heading(4)),
            ("h5", .heading(5)), ("h6", .heading(6)), ("ul", .ul), ("ol", .ol), ("li", .li), ("table", .table),
            ("thead", .thead), ("tbody", .tbody), ("tfoot", .tfoot), ("tr", .tr), ("td", .td), ("th", .th),
            ("colgroup", .colgroup), ("blockquote", .blockquote), ("pre", .pre), ("code", .code), ("kbd", .code),
            ("samp", .code), ("tt", .code), ("em", .emphasis), ("i", .emphasis), ("cite", .emphasis),
            ("var", .emphasis), ("strong", .strong), ("b", .strong), ("s", .strikethrough),
            ("strike", .strikethrough), ("del", .strikethrough), ("a", .a), ("img", .img), ("br", .br), ("hr", .hr),
            ("script", .hidden), ("style", .hidden), ("head", .hidden), ("title", .hidden), ("col", .hidden),
            ("meta", .hidden), ("link", .hidden), ("div", .block), ("section", .block), ("article", .block),
            ("header", .block), ("footer", .block), ("main", .block), ("figure", .block), ("dl", .block),
            ("dt", .block), ("dd", .block), ("address", .block), ("details", .block), ("summary", .block),
            ("center", .block),
        ]
        var table: [Key: HTMLTag] = [:]
        for (name, tag) in names { table[Key(name)] = tag }
        return table
    }()
}
