@testable import SessionBackend
import Testing

/// The emails an admin's change of a user's email sends, with verification off and on.
@Suite struct EmailNotificationTests {
    // `app/user.go UpdateUser` with `sendNotifications`: `RequireEmailVerification` off →
    // `SendEmailChangeEmail(old, new)`, mailed to the OLD address (`TestSendEmailChangeEmail`:
    // subject "[{SiteName}] Your email address has changed"); the change is made at once and the
    // user's session is untouched.
    @Test("with verification off the email changes at once, the old address is told, the user stays signed in")
    func verificationOff() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let login = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: .browser(.firefox, on: .windows)).get()
        let old = cast.user.email
        _ = try await backend.updateEmail(userID: cast.user.id, to: "ann.new@example.com", token: cast.adminToken).get()
        #expect(try await backend.getMe(token: login.token).get().email == "ann.new@example.com")
        #expect(await backend.outbox == [SentEmail(to: old, template: .emailChange, siteName: "Mattermost")])
        #expect(await backend.outbox.first?.subject == "[Mattermost] Your email address has changed")
        #expect(await backend.logIn(username: old, password: "Passw0rd!", method: .emailPassword, from: nil).failure != nil)
        #expect(await backend.logIn(username: "ann.new@example.com", password: "Passw0rd!", method: .emailPassword, from: nil).failure == nil)
    }

    // With `RequireEmailVerification`: `SendEmailChangeVerifyEmail` to the NEW address, the stored
    // email unchanged until the link is used (`VerifyEmailFromToken`), which then tells the old one.
    @Test("with verification on the old address signs in until the link mailed to the new one is used")
    func verificationOn() async throws {
        let (backend, _) = makeBackend { $0.settings.requireEmailVerification = true }
        let cast = try await Cast.make(on: backend)
        let old = cast.user.email
        _ = try await backend.updateEmail(userID: cast.user.id, to: "ann.new@example.com", token: cast.adminToken).get()
        #expect(await backend.outbox.map(\.to) == ["ann.new@example.com"])
        #expect(await backend.outbox.first?.template == .emailChangeVerify)
        #expect(await backend.logIn(username: old, password: "Passw0rd!", method: .emailPassword, from: nil).failure == nil)
        _ = try await backend.verifyEmail(userID: cast.user.id).get()
        #expect(await backend.user(id: cast.user.id)?.email == "ann.new@example.com")
        #expect(await backend.outbox.last == SentEmail(to: old, template: .emailChange, siteName: "Mattermost"))
        #expect(await backend.verifyEmail(userID: cast.user.id).failure?.statusCode == 400)
    }
}
