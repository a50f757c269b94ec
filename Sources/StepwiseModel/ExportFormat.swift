/// The export formats Stepwise reads.
public enum ExportFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// Zephyr Scale's Markdown export: small front matter, `> <article>HTML</article>` blocks.
    case zephyrMarkdown = "zephyr-markdown"
    /// Zephyr Scale's JSON API record of one test case.
    case zephyrJSON = "zephyr-json"
    /// The Markdown format Mattermost's test-management repository uses today.
    case mattermostMarkdown = "mattermost-markdown"
}
