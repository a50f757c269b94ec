import Testing
@testable import StepwiseCLI

@Suite struct CommandTreeTests {
    @Test("the stepwise command offers exactly the documented subcommands, in the order help lists them, with run as the default")
    func subcommands() {
        let names = StepwiseCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        #expect(names == ["run", "parse", "list", "lint", "merge", "render", "report"])
        #expect(StepwiseCommand.configuration.defaultSubcommand?.configuration.commandName == "run")
    }
}
