import Clocks
import SessionBackend
@testable import SystemConsole

/// A server with an admin, a user manager, three users (one deactivated, one LDAP) and the
/// admin's browser open on System Console > Users.
struct Fixture {
    let backend: SessionBackend
    let clock: TestClock<Duration>
    let adminClient: ClientID
    let console: SystemConsole

    static func make(version: ConsoleVersion = .current, viewer: String = "sysadmin", grants: [Permission] = [],
                     faults: Set<ConsoleFault> = [], _ configure: (inout BackendConfiguration) -> Void = { _ in }) async throws -> Fixture {
        var configuration = BackendConfiguration()
        configuration.signIn = .everyMethod
        configure(&configuration)
        let clock = TestClock()
        let backend = SessionBackend(clock: clock, configuration: configuration)
        for permission in grants { await backend.grant(permission, to: .systemUserManager) }
        await backend.createUser(NewUser(username: "sysadmin", roles: [.systemUser, .systemAdmin], firstName: "Sys", lastName: "Admin"))
        await backend.createUser(NewUser(username: "manager", roles: [.systemUser, .systemUserManager]))
        await backend.createUser(NewUser(username: "user-1", firstName: "Ann", lastName: "Lee", nickname: "annie"))
        await backend.createUser(NewUser(username: "user-2", email: "bob@corp.test"))
        let gone = await backend.createUser(NewUser(username: "user-3"))
        await backend.setActive(false, userID: gone.id)
        await backend.createUser(NewUser(username: "ldap-user", authService: .ldap))
        let client = try await backend.openClient(.browser(.chrome, on: .mac))
        _ = try await backend.signIn(client, username: viewer).get()
        let console = try await SystemConsole.open(backend: backend, viewer: client, version: version, faults: faults).get()
        try await console.navigate(to: ["System Console", "Users"])
        return Fixture(backend: backend, clock: clock, adminClient: client, console: console)
    }

    /// Logs user-1 in on a browser and a phone; returns the clients.
    func userSessions() async throws -> [ClientID] {
        var clients: [ClientID] = []
        for kind in [ClientKind.browser(.firefox, on: .windows), .mobileApp(.iOS, .reactNative)] {
            let client = try await backend.openClient(kind)
            _ = try await backend.signIn(client, username: "user-1").get()
            clients.append(client)
        }
        return clients
    }

    func tokens(of clients: [ClientID]) async -> [String] {
        var tokens: [String] = []
        for client in clients { if let token = await backend.status(of: client)?.token { tokens.append(token) } }
        return tokens
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
