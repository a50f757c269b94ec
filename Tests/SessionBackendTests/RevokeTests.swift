import Testing
@testable import SessionBackend

@Suite struct RevokeTests {
    func sessionsOfUser(_ backend: SessionBackend, count: Int) async throws -> [String] {
        var tokens: [String] = []
        let kinds: [ClientKind] = [.browser(.chrome, on: .mac), .desktopApp(on: .windows), .mobileApp(.iOS, .reactNative)]
        for index in 0..<count {
            let kind = kinds[index % kinds.count]
            let deviceID = kind.isMobile ? "apple_rn-v2:device\(index)" : ""
            tokens.append(try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .emailPassword,
                                                  from: kind, deviceID: deviceID).get().token)
        }
        return tokens
    }

    @Test("revoking all of a user's sessions kills every token at once, for good, and nothing else")
    func revokeAll() async throws {
        let (backend, clock) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let tokens = try await sessionsOfUser(backend, count: 3)
        #expect(await backend.getSessions(userID: cast.user.id, token: cast.adminToken).map(\.count) == .success(3))
        #expect(await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken) == .success(StatusOK()))
        for token in tokens { #expect(await backend.getMe(token: token).failure?.id == "api.context.session_expired.app_error") }
        #expect(await backend.getSessions(userID: cast.user.id, token: cast.adminToken).map(\.count) == .success(0))
        #expect(await backend.validate(token: cast.adminToken))
        #expect(await backend.user(id: cast.user.id)?.isDeactivated == false)
        // Logging back in works at once, with a new id and token; the old ones never come back.
        let again = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .emailPassword, from: nil).get()
        #expect(!tokens.contains(again.token))
        #expect(await backend.validate(token: again.token))
        await clock.advance(by: .seconds(3600))
        for token in tokens { #expect(!(await backend.validate(token: token))) }
    }

    // `SessionHasPermissionToUser` today looks the target up and refuses an unknown one (403, the
    // source review's finding); v5's `self || edit_other_users` never looked, so an admin got 200.
    @Test("revoke-all answers 200 for a user with no sessions; an unknown well-formed id is 403 today and 200 on v5")
    func revokeNothing() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        #expect(await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken) == .success(StatusOK()))
        #expect(await backend.revokeAllSessions(userID: MattermostID.random().description, token: cast.adminToken).failure?.statusCode == 403)
        let (old, _) = makeBackend(version: .v5_20)
        let oldCast = try await Cast.make(on: old)
        #expect(await old.revokeAllSessions(userID: MattermostID.random().description, token: oldCast.adminToken) == .success(StatusOK()))
        #expect(await backend.revokeAllSessions(userID: "abc", token: cast.adminToken).failure?.id == "api.context.invalid_url_param.app_error")
    }

    @Test("revoking one session checks the body, the session and its owner", arguments: [
        ("", "api.context.invalid_body_param.app_error"),
        ("unknown", "app.session.get.app_error"),
        ("admin's", "api.context.invalid_url_param.app_error"),
    ])
    func revokeOneErrors(_ sessionID: String, _ errorID: String) async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        _ = try await sessionsOfUser(backend, count: 1)
        let adminSession = try #require(await backend.storedSessions(ofUser: cast.admin.id).first)
        let id = switch sessionID {
        case "unknown": MattermostID.random().description
        case "admin's": adminSession.id
        default: sessionID
        }
        let error = await backend.revokeSession(userID: cast.user.id, sessionID: id, token: cast.adminToken).failure
        #expect(error?.id == errorID && error?.statusCode == 400)
    }

    @Test("revoking one session leaves the user's others")
    func revokeOne() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let tokens = try await sessionsOfUser(backend, count: 2)
        let sessions = await backend.storedSessions(ofUser: cast.user.id)
        let victim = try #require(sessions.first { $0.token == tokens[0] })
        #expect(await backend.revokeSession(userID: cast.user.id, sessionID: victim.id, token: cast.adminToken) == .success(StatusOK()))
        #expect(!(await backend.validate(token: tokens[0])))
        #expect(await backend.validate(token: tokens[1]))
    }

    @Test("revoking every user's sessions takes the admin's own too")
    func revokeAllUsers() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let tokens = try await sessionsOfUser(backend, count: 3)
        #expect(await backend.revokeAllSessionsAllUsers(token: cast.adminToken) == .success(StatusOK()))
        #expect(await backend.sessionCount == 0)
        for token in tokens + [cast.adminToken] { #expect(!(await backend.validate(token: token))) }
    }

    @Test("logout answers 200 whatever the token and ends a live session")
    func logout() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        #expect(await backend.logout(token: cast.adminToken) == StatusOK())
        #expect(!(await backend.validate(token: cast.adminToken)))
        #expect(await backend.logout(token: cast.adminToken) == StatusOK())
        #expect(await backend.logout(token: nil) == StatusOK())
    }

    @Test("deactivating a user ends their sessions and bars login until reactivated")
    func deactivate() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let tokens = try await sessionsOfUser(backend, count: 2)
        await backend.setActive(false, userID: cast.user.id)
        for token in tokens { #expect(!(await backend.validate(token: token))) }
        await backend.setActive(true, userID: cast.user.id)
        #expect(await backend.logIn(username: "user-1", password: "Passw0rd!", method: .emailPassword, from: nil).failure == nil)
    }

    @Test("a malformed or missing token is the same 401 as a revoked one")
    func malformed() async {
        let (backend, _) = makeBackend()
        for token in [nil, "", "not-a-token", String(repeating: "y", count: 26)] as [String?] {
            #expect(await backend.getMe(token: token).failure?.id == "api.context.session_expired.app_error")
        }
    }
}
