import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// An admin changing another user's email, and what the user can sign in with then
    /// (MM-T929 with verification off, MM-T930 with it on).
    func defineEmailChange(_ steps: inout Steps<MattermostWorld>) {
        // "Other user creates account, logs in".
        steps.action(pattern: #"(?:the )?other user creates (?:an )?account,? (?:and )?logs in"#, named: "other user creates account, logs in", matching: .phrase) { world, step, _ in
            _ = try await Self.subjectSignedIn(world, step)
        }

        // "System admin changes other user's email address (this does not log them out, ...)":
        // System Console ➜ Users ➜ Update Email; the user's session is not touched.
        steps.action(pattern: #"(?:the )?system admin changes (?:the )?other user'?s email(?: address)?(?: \(.*\))?(?:\.? see mm-\d+ for more details\.?)?"#,
                     named: "system admin changes other user's email address", matching: .phrase) { world, step, _ in
            let user = try await Self.subjectSignedIn(world, step)
            try await Self.applyVerificationFromTitle(world, step)
            let old = user.email
            let new = "\(user.username).changed@example.com"
            let shown = try await Self.updateEmail(world, step, to: new)
            guard shown.isEmpty else { throw StepFailure("Update Email showed \(shown.map { "\"\($0)\"" }.joined(separator: ", "))") }
            world.emailChange = (old: old, new: new)
            if let device = world.devices.last(where: { $0.username == user.username }) {
                let probe = await world.probe(device)
                guard probe.statusCode == 200 else {
                    throw StepFailure("changing \(user.username)'s email logged them out on \(device.label): GET /api/v4/users/me answered \(probe.statusCode)")
                }
                step.note("\(user.username) is still signed in on \(device.label)")
            }
            let verification = await world.backend.settings.requireEmailVerification
            step.note("\(old) ➜ \(new), email verification \(verification ? "on: the change waits for the link mailed to \(new)" : "off")")
        }

        // "User cannot log in with old email address", "User logs in with new email address
        // /password (no verification needed)", "User logs in with username /password".
        steps.action(pattern: #"(?:the )?user (cannot|can't|can(?: still)?) log ?in with (?:the |their )?(old|new) email(?: address)?(?: ?\/ ?password)?(?: \([^)]*\))?"#, as: (Substring, Substring, Substring).self,
                     named: "user cannot / logs in with old / new email address", matching: .phrase) { world, step, match in
            let shouldWork = !["cannot", "can't"].contains(String(match.1).lowercased())
            try await Self.expectEmailLogin(world, step, which: String(match.2).lowercased(), works: shouldWork)
        }
        steps.action(pattern: #"(?:the )?user logs in with (old|new) email(?: address)? ?\/ ?password(?: \([^)]*\))?"#, as: (Substring, Substring).self, named: "user logs in with new email address / password", matching: .phrase) {
            world, step, match in
            try await Self.expectEmailLogin(world, step, which: String(match.1).lowercased(), works: true)
        }
        steps.action(pattern: #"(?:the )?user logs in with username ?\/ ?password(?: \([^)]*\))?"#, named: "user logs in with username / password", matching: .phrase) { world, step, _ in
            let (user, device) = try await Self.subjectDevice(world)
            switch await world.backend.signIn(device.client, username: user.username, password: world.password, method: .usernamePassword) {
            case .success: step.note("\(user.username) signed in by username on \(device.label)")
            case .failure(let error): throw StepFailure("\(user.username) could not sign in by username: \(error.statusCode) \(error.message)")
            }
        }
        steps.action(pattern: #"(?:then )?logs out again|(?:the )?user logs out"#, named: "logs out again", matching: .phrase) { world, step, _ in
            let (user, device) = try await Self.subjectDevice(world)
            await world.backend.logOut(device.client)
            step.note("\(user.username) logged out on \(device.label)")
        }

        // "... and can still log in with old email address until they click the verification link
        // in the email": the old address signs in, the link waits in the new address's mail; it
        // is clicked.
        steps.action(pattern: #"(?:and )?can still log in with (?:the |their )?old email(?: address)? until they click the verification link in the email"#,
                     named: "can still log in with old email address until they click the verification link", matching: .phrase) { world, step, _ in
            try await Self.expectEmailLogin(world, step, which: "old", works: true)
            let (user, _) = try await Self.subjectDevice(world)
            guard let change = world.emailChange, await world.backend.outbox.contains(where: { $0.to == change.new && $0.template == .emailChangeVerify }) else {
                throw StepFailure("no verification link was mailed to the new address")
            }
            if case .failure(let error) = await world.backend.verifyEmail(userID: user.id) { throw StepFailure("the verification link failed: \(error.message)") }
            step.note("the verification link mailed to \(change.new) was clicked")
        }

        // "Updates immediately in Account Settings for the user".
        steps.check(pattern: #"updates immediately in account settings(?: for the user)?"#, named: "updates immediately in Account Settings for the user", matching: .phrase) { world, step, _ in
            let (user, device) = try await Self.subjectDevice(world)
            guard let change = world.emailChange else { throw StepFailure("nobody's email was changed in this case") }
            let token = await world.backend.status(of: device.client)?.token ?? device.token
            guard case .success(let me) = await world.backend.getMe(token: token) else { throw StepFailure("\(user.username) is not signed in on \(device.label)") }
            guard me.email == change.new else { throw StepFailure("Account Settings of \(user.username) show \(me.email), not \(change.new)") }
            step.note("Account Settings (GET /api/v4/users/me) show \(me.email)")
        }

        // "User can log in after verification, and also receives email confirmation that email
        // address has been changed" (the whole item: "user can log in" alone is another phrase's).
        steps.check(pattern: #"(?:the )?user can log in after verification,? and also receives (?:an )?email confirmation that (?:the |their )?email(?: address)? has (?:been )?changed"#,
                    named: "user can log in after verification, and also receives email confirmation ...") { world, step, _ in
            try await Self.expectEmailLogin(world, step, which: "new", works: true)
            try await Self.expectChangeMail(world, step)
        }

        // "(User also) receives email confirmation that email address has been changed": the
        // change email reached the old address.
        steps.check(pattern: #"(?:(?:the )?user )?(?:also )?receives (?:an )?email confirmation that (?:the |their )?email(?: address)? has (?:been )?changed"#,
                    named: "user also receives email confirmation that email address has been changed", matching: .phrase) { world, step, _ in
            try await Self.expectChangeMail(world, step)
        }
    }

    /// The "email changed" mail reached the old address.
    static func expectChangeMail(_ world: MattermostWorld, _ step: StepContext) async throws {
        guard let change = world.emailChange else { throw StepFailure("nobody's email was changed in this case") }
        let outbox = await world.backend.outbox
        guard let mail = outbox.first(where: { $0.to == change.old && $0.template == .emailChange }) else {
            throw StepFailure("no \"email changed\" mail went to \(change.old); sent: \(outbox.map { "\($0.subject) to \($0.to)" }.joined(separator: ", "))")
        }
        step.note("\"\(mail.subject)\" to \(mail.to)")
    }

    /// "Change a user's email address, with verification on / off": the case's title is its
    /// precondition; the admin sets `EmailSettings.RequireEmailVerification` to match (noted).
    static func applyVerificationFromTitle(_ world: MattermostWorld, _ step: StepContext) async throws {
        let title = world.testCase?.title.lowercased() ?? ""
        guard let wanted = title.contains("verification on") ? true : title.contains("verification off") ? false : nil else { return }
        var settings = await world.backend.settings
        guard settings.requireEmailVerification != wanted else { return }
        settings.requireEmailVerification = wanted
        if world.adminDevice == nil { try await signInAdmin(world, step) }
        let token = await world.backend.status(of: world.adminDevice!.client)?.token
        if case .failure(let error) = await world.backend.updateSettings(settings, token: token) { throw StepFailure("the admin could not set email verification: \(error.message)") }
        step.note("the case's title asks for email verification \(wanted ? "on" : "off"): EmailSettings.RequireEmailVerification set to \(wanted)")
    }

    /// The subject and the browser they signed in on.
    static func subjectDevice(_ world: MattermostWorld) async throws -> (User, Device) {
        guard let user = world.subject, let device = world.devices.last(where: { $0.username == user.username }) else {
            throw StepFailure("the other user has not signed in in this case")
        }
        return (user, device)
    }

    /// Signs the subject in with their old or new email and the password: it works or it does not.
    static func expectEmailLogin(_ world: MattermostWorld, _ step: StepContext, which: String, works: Bool) async throws {
        let (user, device) = try await subjectDevice(world)
        guard let change = world.emailChange else { throw StepFailure("nobody's email was changed in this case") }
        let email = which == "old" ? change.old : change.new
        let result = await world.backend.signIn(device.client, username: email, password: world.password, method: .emailPassword)
        switch (result, works) {
        case (.success, true): step.note("\(email) signs \(user.username) in")
        case (.failure(let error), false): step.note("\(email) is refused: \(error.statusCode) \(error.message)")
        case (.success, false): throw StepFailure("\(user.username) still signs in with the \(which) email \(email)")
        case (.failure(let error), true): throw StepFailure("\(user.username) cannot sign in with the \(which) email \(email): \(error.statusCode) \(error.message)")
        }
    }
}
