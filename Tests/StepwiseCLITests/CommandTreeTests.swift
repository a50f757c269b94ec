import Testing
@testable import StepwiseCLI

@Suite struct CommandTreeTests {
    @Test("the stepwise command offers every documented subcommand, with run as the default")
    func subcommands() {
        let names = StepwiseCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        #expect(Set(["run", "parse", "list", "lint", "merge", "render"]).isSubset(of: Set(names)))
        #expect(StepwiseCommand.configuration.defaultSubcommand?.configuration.commandName == "run")
    }
}
