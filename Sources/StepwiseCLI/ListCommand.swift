import ArgumentParser

struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("'stepwise list' is not built yet")
    }
}
