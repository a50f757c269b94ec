import Testing
@testable import SessionBackend

@Suite struct FaultTests {
    @Test("every fault has a kebab-case name, a summary, and is found by its name")
    func catalogue() {
        for fault in PlantedFault.allCases {
            #expect(fault.name.allSatisfy { $0.isLowercase || $0 == "-" })
            #expect(!fault.summary.isEmpty)
            #expect(PlantedFault(name: fault.name) == fault)
        }
        #expect(PlantedFault.allCases.count == 12)
    }

    @Test("revoke-leaves-mobile-sessions: the phone's token survives, the browser's does not")
    func mobileSurvives() async throws {
        let (backend, _) = makeBackend { $0.faults = [.revokeLeavesMobileSessions] }
        let cast = try await Cast.make(on: backend)
        let web = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .emailPassword, from: .browser(.chrome, on: .mac)).get()
        let phone = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .emailPassword,
                                            from: .mobileApp(.iOS, .reactNative), deviceID: "apple_rn-v2:x").get()
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        #expect(!(await backend.validate(token: web.token)))
        #expect(await backend.validate(token: phone.token))
    }

    @Test("session-cache-not-invalidated: old tokens work until their 10-minute cache entry lapses")
    func staleCache() async throws {
        let (backend, clock) = makeBackend { $0.faults = [.sessionCacheNotInvalidated] }
        let cast = try await Cast.make(on: backend)
        let login = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .emailPassword, from: nil).get()
        await clock.advance(by: .seconds(240))
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        #expect(await backend.getSessions(userID: cast.user.id, token: cast.adminToken).map(\.count) == .success(0))
        #expect(await backend.getMe(token: login.token).failure == nil)
        await clock.advance(by: .seconds(359))
        #expect(await backend.validate(token: login.token))
        await clock.advance(by: .seconds(1))
        #expect(!(await backend.validate(token: login.token)))
    }

    @Test("idle-clients-never-notice: only an interaction logs the client out")
    func idleNeverNotice() async throws {
        let backend = makeImmediateBackend { $0.faults = [.idleClientsNeverNotice] }
        let cast = try await Cast.make(on: backend)
        let client = try await backend.openClient(.browser(.firefox, on: .mac))
        _ = try await backend.signIn(client, username: "user-1").get()
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        #expect(try await backend.waitForRedirect(of: client, until: .seconds(600)) == nil)
        await backend.interact(client, .switchChannel(to: "off-topic"))
        #expect(await backend.status(of: client)?.detection == .interaction)
    }

    @Test("login-after-revoke-fails: the revoked user gets the masked 401")
    func loginFails() async throws {
        let (backend, _) = makeBackend { $0.faults = [.loginAfterRevokeFails] }
        let cast = try await Cast.make(on: backend)
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        for method in [LoginMethod.emailPassword, .usernamePassword] {
            let error = await backend.logIn(username: "user-1", password: "Passw0rd!", method: method, from: nil).failure
            #expect(error?.statusCode == 401)
        }
    }

    @Test("non-admin-can-revoke-admin: a user manager with write access revokes an admin's sessions")
    func managerRevokesAdmin() async throws {
        let (backend, _) = makeBackend { $0.faults = [.nonAdminCanRevokeAdmin] }
        let cast = try await Cast.make(on: backend)
        await backend.grant(.sysconsoleWriteUserManagementUsers, to: .systemUserManager)
        await backend.createUser(NewUser(username: "manager", roles: [.systemUser, .systemUserManager]))
        let token = try await backend.logIn(username: "manager", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        #expect(await backend.revokeAllSessions(userID: cast.admin.id, token: token).failure == nil)
        #expect(!(await backend.validate(token: cast.adminToken)))
    }
}
