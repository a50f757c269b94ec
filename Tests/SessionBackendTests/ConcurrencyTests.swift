import Testing
@testable import SessionBackend

@Suite struct ConcurrencyTests {
    @Test("under logins, requests and revokes from many tasks, no token issued before a revoke ever validates after it")
    func hammer() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let userCount = 8
        for index in 0..<userCount { await backend.createUser(NewUser(username: "load-\(index)")) }
        let userIDs = await (0..<userCount).asyncMap { await backend.user(named: "load-\($0)")!.id }

        let revokedTokens = try await withThrowingTaskGroup(of: [String].self) { group in
            for task in 0..<32 {
                group.addTask {
                    let username = "load-\(task % userCount)"
                    var revoked: [String] = []
                    for round in 0..<25 {
                        var issued: [String] = []
                        for _ in 0..<3 {
                            let login = try await backend.logIn(username: username, password: "Passw0rd!",
                                                                method: .usernamePassword, from: .browser(.chrome, on: .linux)).get()
                            issued.append(login.token)
                            _ = await backend.getMe(token: login.token)
                        }
                        if round % 2 == 0 {
                            _ = try await backend.revokeAllSessions(userID: userIDs[task % userCount], token: cast.adminToken).get()
                            for token in issued {
                                #expect(!(await backend.validate(token: token)), "a token issued before the revoke still validates")
                            }
                            revoked += issued
                        }
                    }
                    return revoked
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(revokedTokens.count == 32 * 13 * 3)
        for token in revokedTokens { #expect(!(await backend.validate(token: token))) }
        #expect(await backend.validate(token: cast.adminToken))
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async -> T) async -> [T] {
        var result: [T] = []
        for element in self { result.append(await transform(element)) }
        return result
    }
}
