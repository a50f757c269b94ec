import Clocks
@testable import SessionBackend

/// A backend on a test clock that only moves when a test advances it.
func makeBackend(version: MattermostVersion = .current,
                 _ configure: (inout BackendConfiguration) -> Void = { _ in }) -> (SessionBackend, TestClock<Duration>) {
    var configuration = BackendConfiguration(version: version)
    configuration.signIn = .everyMethod
    configure(&configuration)
    let clock = TestClock()
    return (SessionBackend(clock: clock, configuration: configuration), clock)
}

/// A backend on a clock that jumps to whatever instant is slept until.
func makeImmediateBackend(version: MattermostVersion = .current,
                           _ configure: (inout BackendConfiguration) -> Void = { _ in }) -> SessionBackend {
    var configuration = BackendConfiguration(version: version)
    configuration.signIn = .everyMethod
    configure(&configuration)
    return SessionBackend(clock: ImmediateClock(), configuration: configuration)
}

/// An admin and a plain user with password sessions, the usual cast.
struct Cast {
    let admin: User
    let adminToken: String
    let user: User

    static func make(on backend: SessionBackend) async throws -> Cast {
        let admin = await backend.createUser(NewUser(username: "sysadmin", roles: [.systemUser, .systemAdmin]))
        let user = await backend.createUser(NewUser(username: "user-1"))
        let login = try await backend.logIn(username: "sysadmin", password: "Passw0rd!", method: .usernamePassword,
                                            from: .browser(.chrome, on: .mac)).get()
        return Cast(admin: admin, adminToken: login.token, user: user)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
