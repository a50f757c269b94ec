import Clocks
@testable import SessionBackend
import Testing

/// Demoting a user to guest and promoting them back, and the team and channel admins the demotion
/// takes away.
@Suite struct GuestTests {
    /// A licensed server with guest accounts on, the admin and user-1 signed in.
    func licensed(_ version: MattermostVersion = .current) async throws -> (SessionBackend, Cast, String) {
        let (backend, _) = makeBackend(version: version) { $0.settings.enableGuestAccounts = true }
        let cast = try await Cast.make(on: backend)
        _ = try await backend.addLicense(token: cast.adminToken).get()
        let login = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword,
                                            from: .browser(.firefox, on: .windows)).get()
        return (backend, cast, login.token)
    }

    // `api4/user.go demoteUserToGuest`: `License() == nil` → 501
    // `api.team.demote_user_to_guest.license.error`, before anything else; then
    // `!GuestAccountsSettings.Enable` → 501 `api.team.demote_user_to_guest.disabled.error`.
    @Test("demoting needs a licence, then guest accounts on: 501 otherwise")
    func demotingNeedsLicenceAndGuestAccounts() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let unlicensed = await backend.demoteToGuest(userID: cast.user.id, token: cast.adminToken).failure
        #expect(unlicensed?.statusCode == 501 && unlicensed?.id == "api.team.demote_user_to_guest.license.error")
        _ = try await backend.addLicense(token: cast.adminToken).get()
        let disabled = await backend.demoteToGuest(userID: cast.user.id, token: cast.adminToken).failure
        #expect(disabled?.statusCode == 501 && disabled?.id == "api.team.demote_user_to_guest.disabled.error")
        #expect(await backend.user(id: cast.user.id)?.roles == "system_user")
    }

    // `api4/user.go demoteUserToGuest`: `SessionHasPermissionTo(PermissionDemoteToGuest)` else 403
    // (`demote_to_guest` is an ancillary of `sysconsole_write_user_management_users`);
    // `api4/system.go addLicense` needs `manage_system`.
    @Test("a plain user may neither add a licence nor demote anyone: 403")
    func plainUserIsRefused() async throws {
        let (backend, cast, userToken) = try await licensed()
        #expect(await backend.addLicense(token: userToken).failure?.statusCode == 403)
        #expect(await backend.demoteToGuest(userID: cast.admin.id, token: userToken).failure?.statusCode == 403)
    }

    // `store/sqlstore/user_store.go SqlUserStore.DemoteUserToGuest`: Roles `system_user` →
    // `system_guest`, `system_admin` dropped; TeamMembers and ChannelMembers `SchemeUser=false,
    // SchemeAdmin=false, SchemeGuest=true`. `api4/user.go`: a guest already → 501
    // `api.user.demote_user_to_guest.already_guest.app_error`.
    @Test("a demoted team and channel admin is a guest everywhere and admin nowhere; demoting again is 501")
    func demotionTakesAdminAway() async throws {
        let (backend, cast, _) = try await licensed()
        for team in [true, false] {
            #expect(try await backend.setSchemeAdmin(userID: cast.user.id, team: team, isAdmin: true, token: cast.adminToken).get().isAdmin)
        }
        _ = try await backend.demoteToGuest(userID: cast.user.id, token: cast.adminToken).get()
        #expect(await backend.user(id: cast.user.id)?.roles == "system_guest")
        #expect(await backend.membership(userID: cast.user.id, team: true) == Membership(roles: "team_guest", schemeGuest: true, schemeUser: false, schemeAdmin: false))
        #expect(await backend.membership(userID: cast.user.id, team: false)?.roles == "channel_guest")
        let again = await backend.demoteToGuest(userID: cast.user.id, token: cast.adminToken).failure
        #expect(again?.statusCode == 501 && again?.id == "api.user.demote_user_to_guest.already_guest.app_error")
    }

    // `app/user.go DemoteUserToGuest`: no session is revoked; `UpdateSessionsIsGuest` sets each
    // session's `is_guest` prop, and today's server also `Session().UpdateRoles` to the user's new
    // roles; v5 left the session's roles as they were made.
    @Test("demotion keeps the user signed in, marks the session is_guest; only today's server rewrites its roles", arguments: [
        (MattermostVersion.current, "system_guest"), (.v5_20, "system_user"),
    ])
    func demotionKeepsSessions(_ version: MattermostVersion, _ sessionRoles: String) async throws {
        let (backend, cast, userToken) = try await licensed(version)
        _ = try await backend.demoteToGuest(userID: cast.user.id, token: cast.adminToken).get()
        #expect(await backend.validate(token: userToken))
        let session = try #require(await backend.storedSessions(ofUser: cast.user.id).first)
        #expect(session.props["is_guest"] == "true")
        #expect(session.roles == sessionRoles)
    }

    // `api4/user.go promoteGuestToUser`: not a guest → 501
    // `api.user.promote_guest_to_user.no_guest.app_error`; `SqlUserStore.PromoteGuestToUser`:
    // `system_guest` → `system_user`, memberships `SchemeUser=true, SchemeGuest=false`.
    @Test("promoting a guest makes them a member again, without the admin they had; a member cannot be promoted")
    func promotion() async throws {
        let (backend, cast, _) = try await licensed()
        #expect(await backend.promoteGuestToUser(userID: cast.user.id, token: cast.adminToken).failure?.id == "api.user.promote_guest_to_user.no_guest.app_error")
        _ = try await backend.setSchemeAdmin(userID: cast.user.id, team: true, isAdmin: true, token: cast.adminToken).get()
        _ = try await backend.demoteToGuest(userID: cast.user.id, token: cast.adminToken).get()
        _ = try await backend.promoteGuestToUser(userID: cast.user.id, token: cast.adminToken).get()
        #expect(await backend.user(id: cast.user.id)?.roles == "system_user")
        #expect(await backend.membership(userID: cast.user.id, team: true)?.roles == "team_user")
        #expect(await backend.storedSessions(ofUser: cast.user.id).first?.props["is_guest"] == "false")
    }
}
