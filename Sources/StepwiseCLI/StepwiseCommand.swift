import ArgumentParser
import StepwiseModel

/// The `stepwise` command: reads exported test cases, binds them to Swift and runs them.
public struct StepwiseCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "stepwise",
        abstract: "Run exported manual test cases as acceptance tests.",
        discussion: """
            Stepwise reads test cases exactly as a test-management tool exports them (Zephyr Scale \
            Markdown, Zephyr Scale JSON, Mattermost Markdown), binds every instruction and expected \
            result to Swift step definitions, runs them and reports each step with its timing.
            """,
        version: StepwiseVersion.current,
        subcommands: [
            RunCommand.self, ParseCommand.self, ListCommand.self, LintCommand.self,
            MergeCommand.self, RenderCommand.self, ReportCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    public init() {}
}
