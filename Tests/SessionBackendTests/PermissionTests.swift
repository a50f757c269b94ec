import Testing
@testable import SessionBackend

@Suite struct PermissionTests {
    enum Actor: String, CaseIterable, Sendable { case admin, managerWithWrite, manager, user, guest }
    enum Target: String, CaseIterable, Sendable { case admin, user, itself }

    /// Who may revoke whose sessions on a current server (`SessionHasPermissionToUser`).
    static let current: [(Actor, Target, Int)] = [
        (.admin, .admin, 200), (.admin, .user, 200), (.admin, .itself, 200),
        (.managerWithWrite, .admin, 403), (.managerWithWrite, .user, 200), (.managerWithWrite, .itself, 200),
        (.manager, .admin, 403), (.manager, .user, 403), (.manager, .itself, 200),
        (.user, .admin, 403), (.user, .user, 403), (.user, .itself, 200),
        (.guest, .user, 403), (.guest, .itself, 200),
    ]

    @Test("revoke-all for a user follows SessionHasPermissionToUser", arguments: current)
    func currentRule(_ actor: Actor, _ target: Target, _ status: Int) async throws {
        #expect(try await revokeStatus(actor, target, rule: .current) == status)
    }

    @Test("old servers let edit_other_users act on an admin; the named setting brings that back")
    func legacyRule() async throws {
        #expect(try await revokeStatus(.managerWithWrite, .admin, rule: .legacy) == 200)
        #expect(try await revokeStatus(.manager, .admin, rule: .legacy) == 403)
    }

    @Test("listing sessions follows the same rule")
    func listSessions() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let token = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        #expect(await backend.getSessions(userID: "me", token: token).map(\.count) == .success(1))
        #expect(await backend.getSessions(userID: cast.admin.id, token: token).failure?.statusCode == 403)
    }

    @Test("revoking every user's sessions needs manage_system")
    func revokeAllUsers() async throws {
        let (backend, _) = makeBackend()
        _ = try await Cast.make(on: backend)
        await backend.grant(.sysconsoleWriteUserManagementUsers, to: .systemUserManager)
        await backend.createUser(NewUser(username: "manager", roles: [.systemUser, .systemUserManager]))
        let token = try await backend.logIn(username: "manager", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        #expect(await backend.revokeAllSessionsAllUsers(token: token).failure?.id == "api.context.permissions.app_error")
    }

    @Test("a grant reaches sessions that already asked for their permissions")
    func grantAfterUse() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        await backend.createUser(NewUser(username: "manager", roles: [.systemUser, .systemUserManager]))
        let token = try await backend.logIn(username: "manager", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        #expect(await backend.permissions(token: token) == [])
        #expect(await backend.revokeAllSessions(userID: cast.user.id, token: token).failure?.statusCode == 403)
        await backend.grant(.sysconsoleWriteUserManagementUsers, to: .systemUserManager)
        #expect(await backend.permissions(token: token) == [.sysconsoleWriteUserManagementUsers, .editOtherUsers, .demoteToGuest, .promoteGuest])
        #expect(await backend.revokeAllSessions(userID: cast.user.id, token: token).failure == nil)
    }

    func revokeStatus(_ actor: Actor, _ target: Target, rule: PermissionRule) async throws -> Int {
        let (backend, _) = makeBackend { $0.permissionRule = rule }
        let cast = try await Cast.make(on: backend)
        if actor == .managerWithWrite { await backend.grant(.sysconsoleWriteUserManagementUsers, to: .systemUserManager) }
        let roles: [Role] = switch actor {
        case .admin: [.systemUser, .systemAdmin]
        case .managerWithWrite, .manager: [.systemUser, .systemUserManager]
        case .user: [.systemUser]
        case .guest: [.systemGuest]
        }
        let me = await backend.createUser(NewUser(username: "actor", roles: roles))
        let token = try await backend.logIn(username: "actor", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        let targetID = switch target {
        case .admin: cast.admin.id
        case .user: cast.user.id
        case .itself: me.id
        }
        switch await backend.revokeAllSessions(userID: targetID, token: token) {
        case .success: return 200
        case .failure(let error): return error.statusCode
        }
    }
}
