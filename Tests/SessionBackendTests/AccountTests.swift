import Clocks
import Foundation
@testable import SessionBackend
import Testing

@Suite struct VersionTests {
    // A case is written for the release in development: the first release on or after its created
    // date (release dates from Mattermost's server changelog).
    @Test("a case runs against the first modelled release on or after its created date", arguments: [
        ("2020-01-21T15:48:58Z", MattermostVersion.v5_20), ("2020-05-27T18:20:04Z", .v5_24), ("2021-05-07T20:51:24Z", .v5_35),
        ("2026-01-01T00:00:00Z", .current), ("", .current),
    ])
    func writtenFor(_ created: String, _ version: MattermostVersion) {
        #expect(MattermostVersion.writtenFor(createdOn: created) == version)
    }

    // `model/config.go ServiceSettings.SetDefaults(isUpdate)`: ExtendSessionLengthWithActivity =
    // !isUpdate ("Must be manually enabled for existing installations."); 30 days on a new
    // install, 180 days on an upgrade for web and mobile; SSO 30 either way.
    @Test("new installs and upgrades get model/config.go's defaults, by release")
    func defaults() {
        let fresh = ServerSettings.defaults(for: .current)
        #expect(fresh.extendSessionLengthWithActivity && fresh.terminateSessionsOnPasswordChange)
        #expect(fresh.sessionLengthWebInHours == 720 && fresh.sessionLengthMobileInHours == 720 && fresh.sessionLengthSSOInHours == 720)
        let upgraded = ServerSettings.defaults(for: .current, upgraded: true)
        #expect(!upgraded.extendSessionLengthWithActivity && !upgraded.terminateSessionsOnPasswordChange)
        #expect(upgraded.sessionLengthWebInHours == 4320 && upgraded.sessionLengthMobileInHours == 4320 && upgraded.sessionLengthSSOInHours == 720)
        #expect(!ServerSettings.defaults(for: .v5_20).extendSessionLengthWithActivity)
        #expect(ServerSettings.defaults(for: .v5_24).extendSessionLengthWithActivity)
        // PasswordSettings.SetDefaults: v5 NewInt(PASSWORD_MINIMUM_LENGTH) = 5, today NewInt(8).
        #expect(ServerSettings.defaults(for: .v5_20).passwordMinimumLength == 5 && fresh.passwordMinimumLength == 8)
    }
}

@Suite struct EmailTests {
    func setUp(_ version: MattermostVersion = .current, verification: Bool = false) async throws -> (SessionBackend, Cast) {
        let (backend, _) = makeBackend(version: version) { $0.settings.requireEmailVerification = verification }
        return (backend, try await Cast.make(on: backend))
    }

    // `app/user.go UpdateUser`: another account's email is `app.user.save.email_exists.app_error`
    // today; v5 answered `store.sql_user.update.email_taken.app_error` (text as Mattermost's 2020
    // Cypress users_spec.js MM-T928 asserts it).
    @Test("an email another account has is refused with the release's message", arguments: [
        (MattermostVersion.current, "An account with that email already exists."),
        (.v5_20, "This email is already taken. Please choose another."),
    ])
    func duplicate(_ version: MattermostVersion, _ message: String) async throws {
        let (backend, cast) = try await setUp(version)
        let error = try #require(await backend.updateEmail(userID: cast.user.id, to: cast.admin.email, token: cast.adminToken).failure)
        #expect(error.statusCode == 400 && error.message == message)
    }

    // RequireEmailVerification on: the stored email is kept until the link is used; off: changed at once.
    @Test("with verification the email waits for the link; without, it changes at once")
    func verification() async throws {
        let (backend, cast) = try await setUp(verification: true)
        _ = try await backend.updateEmail(userID: cast.user.id, to: "new@example.com", token: cast.adminToken).get()
        #expect(await backend.user(id: cast.user.id)?.email == "user-1@example.com")
        let (direct, other) = try await setUp()
        _ = try await direct.updateEmail(userID: other.user.id, to: "New@Example.com", token: other.adminToken).get()
        #expect(await direct.user(id: other.user.id)?.email == "new@example.com")
    }

    // patchUser: changing your own email needs your password (400 when missing, 401 when wrong).
    @Test("your own email needs your password; a malformed address is 400")
    func ownEmail() async throws {
        let (backend, cast) = try await setUp()
        #expect(await backend.updateEmail(userID: cast.admin.id, to: "a@b.co", token: cast.adminToken).failure?.statusCode == 400)
        #expect(await backend.updateEmail(userID: cast.admin.id, to: "a@b.co", password: "wrong", token: cast.adminToken).failure?.id
                == "api.user.check_user_password.invalid.app_error")
        let own = await backend.updateEmail(userID: cast.admin.id, to: "a@b.co", password: "Passw0rd!", token: cast.adminToken)
        #expect(own.failure == nil)
        #expect(await backend.updateEmail(userID: cast.user.id, to: "user-1(at)example.com", token: cast.adminToken).failure?.statusCode == 400)
    }
}

@Suite struct PasswordTests {
    // api4/user.go updatePassword: own password needs the current one; rules from PasswordSettings.
    @Test("your own password needs the current one, and the new one must meet the rules")
    func own() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        #expect(await backend.updatePassword(userID: cast.admin.id, currentPassword: "", newPassword: "Longer-one", token: cast.adminToken).failure?.statusCode == 400)
        #expect(await backend.updatePassword(userID: cast.admin.id, currentPassword: "nope", newPassword: "Longer-one", token: cast.adminToken).failure?.id
                == "api.user.update_password.incorrect.app_error")
        #expect(await backend.updatePassword(userID: cast.admin.id, currentPassword: "Passw0rd!", newPassword: "short", token: cast.adminToken).failure?.id
                == "model.user.is_valid.pwd_min_length.app_error")
        #expect(await backend.updatePassword(userID: cast.admin.id, currentPassword: "Passw0rd!", newPassword: "Longer-one", token: cast.adminToken) == .success(StatusOK()))
    }

    // app/user.go UpdatePassword: before MM-58560 nothing is revoked; today with
    // TerminateSessionsOnPasswordChange (on for new installs) every session of the user goes.
    @Test("an admin's reset revokes the user's sessions only where TerminateSessionsOnPasswordChange exists and is on", arguments: [
        (MattermostVersion.current, false), (.v5_20, true),
    ])
    func revokes(_ version: MattermostVersion, _ survives: Bool) async throws {
        let (backend, _) = makeBackend(version: version)
        let cast = try await Cast.make(on: backend)
        let login = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get()
        #expect(await backend.updatePassword(userID: cast.user.id, currentPassword: "", newPassword: "N3w-Passw0rd!", token: cast.adminToken) == .success(StatusOK()))
        #expect(await backend.validate(token: login.token) == survives)
        #expect(await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).failure?.statusCode == 401)
        let again = await backend.logIn(username: "user-1", password: "N3w-Passw0rd!", method: .usernamePassword, from: nil)
        #expect(again.failure == nil)
    }

    @Test("password-reset-keeps-old-password: the reset answers 200 and the old password still works")
    func fault() async throws {
        let (backend, _) = makeBackend { $0.faults = [.passwordResetKeepsOldPassword] }
        let cast = try await Cast.make(on: backend)
        _ = try await backend.updatePassword(userID: cast.user.id, currentPassword: "", newPassword: "N3w-Passw0rd!", token: cast.adminToken).get()
        let old = await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil)
        #expect(old.failure == nil)
    }
}

@Suite struct DeactivationTests {
    // app/user.go UpdateActive: RevokeAllSessions, then the websocket user_updated event, which
    // the webapp's sidebar_direct_channel turns into the archive icon; create_post.deactivated
    // replaces the DM's boxes.
    @Test("deactivating revokes the user's sessions and turns an open DM read-only at once, with the release's message", arguments: [
        (MattermostVersion.v5_20, "You are viewing an archived channel with a deactivated user."),
        (.current, "You are viewing an archived channel with a deactivated user. New messages cannot be posted."),
    ])
    func deactivate(_ version: MattermostVersion, _ message: String) async throws {
        let (backend, _) = makeBackend(version: version)
        let cast = try await Cast.make(on: backend)
        let browser = try await backend.openClient(.browser(.chrome, on: .mac))
        _ = try await backend.signIn(browser, username: "sysadmin").get()
        let theirs = try await backend.openClient(.browser(.firefox, on: .linux))
        let login = try await backend.signIn(theirs, username: "user-1").get()
        let channel = try #require(await backend.directChannel(between: cast.admin.id, and: cast.user.id))
        _ = await backend.view(channel: channel, in: browser)
        #expect(await backend.post("hi", in: browser).failure == nil)
        #expect(await backend.sidebar(of: browser).first?.showsArchiveIcon == false)
        #expect(await backend.updateActive(userID: cast.user.id, active: false, token: cast.adminToken) == .success(StatusOK()))
        #expect(!(await backend.validate(token: login.token)))
        #expect(await backend.sidebar(of: browser).first?.showsArchiveIcon == true)
        #expect(await backend.postBox(of: browser)?.replacement == message)
        #expect(await backend.replyBox(of: browser)?.replacement == message)
        #expect(await backend.post("still?", in: browser).failure != nil)
        #expect(await backend.updateActive(userID: cast.user.id, active: true, token: cast.adminToken) == .success(StatusOK()))
        #expect(!(await backend.validate(token: login.token)))
    }

    @Test("deactivation-not-broadcast: the open DM changes only after a reload")
    func fault() async throws {
        let (backend, _) = makeBackend { $0.faults = [.deactivationNotBroadcast] }
        let cast = try await Cast.make(on: backend)
        let browser = try await backend.openClient(.browser(.chrome, on: .mac))
        _ = try await backend.signIn(browser, username: "sysadmin").get()
        let channel = try #require(await backend.directChannel(between: cast.admin.id, and: cast.user.id))
        _ = await backend.view(channel: channel, in: browser)
        _ = try await backend.updateActive(userID: cast.user.id, active: false, token: cast.adminToken).get()
        #expect(await backend.sidebar(of: browser).first?.showsArchiveIcon == false)
        await backend.reload(browser)
        #expect(await backend.sidebar(of: browser).first?.showsArchiveIcon == true)
    }
}

@Suite struct SessionLengthTests {
    // app/session.go ExtendSessionExpiryIfNeeded: threshold = max(min(1% of length, 1 day), 5 min),
    // measured from when the expiry was last set; only activity handlers call it.
    @Test("a post extends a 1-day session once 14.4 minutes have passed, a GET never does")
    func extendOnActivity() async throws {
        let (backend, clock) = makeBackend { $0.settings.sessionLengthMobileInHours = 24 }
        _ = await backend.createUser(NewUser(username: "ann"))
        let phone = try await backend.openClient(.mobileApp(.iOS, .reactNative))
        let login = try await backend.signIn(phone, username: "ann").get()
        let start = try #require(await backend.storedSessions(ofUser: login.user.id).first).expiresAt
        await clock.advance(by: .seconds(14 * 60))
        _ = await backend.interact(phone, .post("early"))
        #expect(await backend.storedSessions(ofUser: login.user.id).first?.expiresAt == start)
        await clock.advance(by: .seconds(60))
        _ = await backend.getMe(token: login.token)
        #expect(await backend.storedSessions(ofUser: login.user.id).first?.expiresAt == start)
        _ = await backend.interact(phone, .post("late"))
        #expect(await backend.storedSessions(ofUser: login.user.id).first?.expiresAt == start + 15 * 60_000)
    }

    @Test("with extension off a 1-day session ends 24 hours after sign-in whatever the activity")
    func noExtension() async throws {
        let (backend, clock) = makeBackend {
            $0.settings.sessionLengthMobileInHours = 24
            $0.settings.extendSessionLengthWithActivity = false
        }
        _ = await backend.createUser(NewUser(username: "ann"))
        let phone = try await backend.openClient(.mobileApp(.android, .reactNative))
        let login = try await backend.signIn(phone, username: "ann").get()
        await clock.advance(by: .seconds(15 * 60))
        _ = await backend.interact(phone, .post("hi"))
        await clock.advance(by: .seconds(24 * 3600 - 15 * 60))
        #expect(await backend.validate(token: login.token))
        await clock.advance(by: .milliseconds(1))
        #expect(!(await backend.validate(token: login.token)))
    }

    // Today's app (SessionManager → scheduleSessionNotification → scheduleExpiredNotification)
    // schedules "Session Expired" for expires_at when it goes inactive; the 2020 app once at login
    // when extension is off. jobs/expirynotify pushes every 10 min while extension is on.
    @Test("a locked phone shows the session-expired notification at expiry", arguments: [MattermostVersion.v5_20, .v5_24, .current])
    func notification(_ version: MattermostVersion) async throws {
        let (backend, clock) = makeBackend(version: version) { $0.settings.sessionLengthMobileInHours = 24 }
        _ = await backend.createUser(NewUser(username: "ann"))
        let phone = try await backend.openClient(.mobileApp(.iOS, .reactNative))
        _ = try await backend.signIn(phone, username: "ann").get()
        try await backend.setState(phone, .screenLocked)
        await clock.advance(by: .seconds(24 * 3600 + 600))
        let shown = await backend.status(of: phone)?.deviceNotifications ?? []
        #expect(shown.contains { $0.isSessionExpiry }, "\(version): \(shown)")
    }

    @Test("a push sent while the phone is in airplane mode arrives when it is back online")
    func offlinePush() async throws {
        let (backend, clock) = makeBackend(version: .v5_24) { $0.settings.sessionLengthMobileInHours = 24 }
        _ = await backend.createUser(NewUser(username: "ann"))
        let phone = try await backend.openClient(.mobileApp(.android, .reactNative))
        _ = try await backend.signIn(phone, username: "ann").get()
        try await backend.setState(phone, .offline)
        await clock.advance(by: .seconds(24 * 3600 + 600))
        #expect(await backend.status(of: phone)?.deviceNotifications.isEmpty == true)
        try await backend.setState(phone, .background)
        #expect(await backend.status(of: phone)?.deviceNotifications.first?.source == .push)
    }

    @Test("settings changes need manage_system and apply from the next login")
    func update() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let user = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get()
        var settings = await backend.settings
        settings.sessionLengthWebInHours = 1
        #expect(await backend.updateSettings(settings, token: user.token).failure?.statusCode == 403)
        let saved = await backend.updateSettings(settings, token: cast.adminToken)
        #expect(saved.failure == nil)
        let next = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get()
        let sessions = await backend.storedSessions(ofUser: cast.user.id)
        let new = try #require(sessions.first { $0.id == next.sessionID })
        #expect(new.expiresAt - new.createAt == 3_600_000)
    }
}
