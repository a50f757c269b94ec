import CCmarkGFM
import Foundation
import StepwiseTestSupport

/// A Mattermost Markdown file as the test-management tool shows it once its own sync has turned
/// the file back into HTML, read without any code of the readers: the file cut into fields by the
/// tool's own rule (a field starts at a line beginning `**Objective`, `**Precondition`, `**Step`,
/// `**Test Data` or `**Expected`; `---` lines separate steps), each field rendered by a CommonMark +
/// GFM renderer (the tool uses micromark with GFM; here cmark-gfm's HTML renderer, raw HTML kept as
/// the tool keeps it) and shown as ``ShownCase`` shows HTML.
///
/// It tells whether a file still says what an older record of the same case says: the corpus
/// acceptance test compares the reader with the first-commit record only for files that do.
struct SyncedFile {
    struct Step {
        /// The called case's key, for a `**Step N from KEY: name**` step.
        var call: String?
        /// The action with the step's own fields after it, as the file writes them.
        var action: String?
        var testData: String?
        var expected: String?
    }

    var steps: [Step] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The front matter, between the first two `---` lines.
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") { lines.removeSubrange(0...end) }
        enum Field { case action, testData, expected, ignored }
        var field = Field.ignored
        var content: [String] = []
        func flush() {
            guard !steps.isEmpty, field != .ignored else { return }
            let shown = Self.render(content.joined(separator: "\n"))
            switch field {
            case .action: steps[steps.count - 1].action = shown
            case .testData: steps[steps.count - 1].testData = shown
            case .expected: steps[steps.count - 1].expected = shown
            case .ignored: break
            }
        }
        for line in lines {
            let header = line.hasPrefix("_**") ? String(line.dropFirst()) : line
            guard header.hasPrefix("**") else {
                if line != "---" { content.append(line) }
                continue
            }
            let isSubStep = line.hasPrefix("_**")
            if header.hasPrefix("**Step") {
                flush()
                content = []
                // Steps of a called case (`_**Step N.M**_`) belong to the call, not to this case.
                if isSubStep {
                    field = .ignored
                    continue
                }
                let call = header.firstRange(of: " from ").map { String(header[$0.upperBound...].prefix { $0 != ":" && $0 != "*" }) }
                steps.append(Step(call: call))
                field = call == nil ? .action : .ignored
            } else if header.hasPrefix("**Test Data") || header.hasPrefix("**Expected") {
                flush()
                content = []
                field = isSubStep || steps.last?.call != nil ? .ignored : header.hasPrefix("**Test Data") ? .testData : .expected
            } else if header.hasPrefix("**Objective") || header.hasPrefix("**Precondition") {
                flush()
                content = []
                field = .ignored
            } else {
                content.append(line)
            }
        }
        flush()
    }

    /// What the tool shows of a field's Markdown: rendered to HTML, then its text as ``ShownCase`` reads it.
    static func render(_ markdown: String) -> String? {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_UNSAFE
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let syntax = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, syntax) }
        }
        cmark_parser_feed(parser, markdown, markdown.utf8.count)
        guard let document = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return nil }
        defer { free(html) }
        return ShownCase.text(html: String(cString: html))
    }
}
