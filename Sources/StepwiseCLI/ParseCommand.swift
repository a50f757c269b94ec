import ArgumentParser

struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("'stepwise parse' is not built yet")
    }
}
