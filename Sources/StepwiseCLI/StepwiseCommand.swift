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

            Examples:
              stepwise                       run specs/, every step shown
              stepwise run specs --dry-run   what binds to what, snippets
              stepwise run specs --strict --format junit:reports/junit.xml
              stepwise lint exports/         every problem, compiler-style
              stepwise report exports/ --format html --output catalogue.html

            Exit codes: 0 passed; 1 a case failed; 2 a spec or binding error; 64 usage.
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
