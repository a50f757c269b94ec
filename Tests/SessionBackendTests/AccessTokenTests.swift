import Clocks
@testable import SessionBackend
import Testing

/// What revoking every session leaves: OAuth apps' access gone for good, personal access tokens
/// and bots back on their next call.
@Suite struct AccessTokenTests {
    func setUp(tokens: Bool = true) async throws -> (SessionBackend, Cast) {
        let (backend, _) = makeBackend { $0.settings.enableUserAccessTokens = tokens }
        return (backend, try await Cast.make(on: backend))
    }

    // `platform.RevokeSessionsFromAllUsers` (`app/session.go RevokeSessionsFromAllUsers`): all OAuth
    // access data is removed first (`RemoveAllAccessData`), then every session; `GetSession` has no
    // fallback for an OAuth token, so the app must be authorized again.
    @Test("Revoke All Sessions wipes the OAuth access data: the app's token stops working and does not come back")
    func revokeAllWipesOAuth() async throws {
        let (backend, cast) = try await setUp()
        let appToken = try #require(await backend.authorizeOAuthApp(userID: cast.user.id))
        #expect(await backend.getMe(token: appToken).failure == nil)
        #expect(await backend.storedSessions(ofUser: cast.user.id).first?.isOAuth == true)
        #expect(await backend.oauthAccessDataCount == 1)
        _ = try await backend.revokeAllSessionsAllUsers(token: cast.adminToken).get()
        #expect(await backend.oauthAccessDataCount == 0)
        #expect(await backend.getMe(token: appToken).failure?.statusCode == 401)
        #expect(await backend.getMe(token: appToken).failure?.statusCode == 401)
    }

    // `app/session.go GetSession` → `createSessionForUserAccessToken` when no session has the
    // token: a new session with the access token as its token, props `type` "UserAccessToken",
    // `is_bot` for a bot, `SetExpireInDays(SESSION_USER_ACCESS_TOKEN_EXPIRY)` (100 × 365 days).
    @Test("after Revoke All Sessions, a personal access token and a bot's token make new sessions on their next use")
    func tokensComeBack() async throws {
        let (backend, cast) = try await setUp()
        let bot = await backend.createBot(username: "ci-bot")
        let personal = try await backend.createUserAccessToken(userID: cast.user.id, token: cast.adminToken).get()
        let botToken = try await backend.createUserAccessToken(userID: bot.id, token: cast.adminToken).get()
        #expect(await backend.getMe(token: personal).failure == nil)
        _ = try await backend.revokeAllSessionsAllUsers(token: cast.adminToken).get()
        #expect(await backend.sessionCount == 0)
        #expect(try await backend.getMe(token: personal).get().username == "user-1")
        #expect(try await backend.getMe(token: botToken).get().username == "ci-bot")
        #expect(await backend.sessionCount == 2)
        let session = try #require(await backend.storedSessions(ofUser: cast.user.id).first)
        #expect(session.props["type"] == "UserAccessToken" && session.props["is_bot"] == nil)
        #expect(session.expiresAt - session.createAt == 100 * 365 * 86_400_000)
        #expect(await backend.storedSessions(ofUser: bot.id).first?.props["is_bot"] == "true")
    }

    // `CreateUserAccessToken` / `createSessionForUserAccessToken`: with
    // `ServiceSettings.EnableUserAccessTokens` off (the default) only a bot's token works (501
    // `app.user_access_token.disabled` on creating a user's); a deactivated user's token makes no
    // session (`inactive_user_id`, 401).
    @Test("with personal access tokens off only a bot gets one, and a deactivated user's token is refused")
    func tokensNeedTheSettingAndAnActiveUser() async throws {
        let (backend, cast) = try await setUp(tokens: false)
        let refused = await backend.createUserAccessToken(userID: cast.user.id, token: cast.adminToken).failure
        #expect(refused?.statusCode == 501 && refused?.id == "app.user_access_token.disabled")
        let bot = await backend.createBot(username: "ci-bot")
        let botToken = try await backend.createUserAccessToken(userID: bot.id, token: cast.adminToken).get()
        #expect(await backend.validate(token: botToken))
        _ = try await backend.updateActive(userID: bot.id, active: false, token: cast.adminToken).get()
        #expect(await backend.getMe(token: botToken).failure?.statusCode == 401)
    }
}

/// The desktop app's badge once its session expired.
@Suite struct DesktopBadgeTests {
    // desktop `src/app/system/badge.ts` (2023-12 on): an expired session shows "!" (Windows overlay,
    // macOS dock); the 2020 app (bbacdc4) showed "•". Only after the webapp noticed (a 401 here).
    @Test("a revoked desktop app shows the version's badge once it noticed; a browser shows none", arguments: [
        (MattermostVersion.current, "!"), (.v5_20, "•"),
    ])
    func badge(_ version: MattermostVersion, _ sign: String) async throws {
        let (backend, _) = makeBackend(version: version)
        let cast = try await Cast.make(on: backend)
        var clients: [ClientID] = []
        for kind in [ClientKind.desktopApp(on: .windows), .browser(.firefox, on: .linux)] {
            let client = try await backend.openClient(kind)
            _ = try await backend.signIn(client, username: "user-1").get()
            clients.append(client)
        }
        #expect(await backend.status(of: clients[0])?.badge == nil)
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        for client in clients { _ = await backend.interact(client, .openMenu) }
        #expect(await backend.status(of: clients[0])?.badge == sign)
        #expect(await backend.status(of: clients[1])?.badge == nil)
        #expect(await backend.status(of: clients[1])?.isOnLoginPage == true)
    }
}
