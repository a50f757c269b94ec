import ArgumentParser

struct LintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lint", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("'stepwise lint' is not built yet")
    }
}
