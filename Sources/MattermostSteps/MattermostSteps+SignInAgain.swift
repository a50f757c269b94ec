import SessionBackend
import StepwiseBinding

extension MattermostSteps {
    /// Logging out and back in after a change, and what each password does then (MM-T933, MM-T937
    /// and the neighbours that change a password and try it).
    func defineSigningInAgain(_ steps: inout Steps<MattermostWorld>) {
        // "Log out and back in, using old password", "Log out and back in": the person the case
        // acts on (the subject, else the admin) logs out on their browser (`POST /api/v4/users/logout`)
        // and signs in again with that password; the answer is kept for the checks that follow.
        steps.action(pattern: #"log ?out and (?:log )?back in(?:,? (?:using|with) (?:the |their |your )?(old|new) password)?"#, as: (Substring, Substring?).self,
                     named: "log out and back in (using the {old|new} password)", matching: .phrase) { world, step, match in
            let (user, device) = try await Self.personSignedIn(world)
            let which = match.1.map { $0.lowercased() } ?? "old"
            await world.backend.logOut(device.client)
            world.loggedOut = device
            let attempt = await Self.tryLogin(world, user, on: device, which: which)
            step.note("\(user.username) logged out on \(device.label), then signed in with the \(which) password: \(attempt)")
        }

        // "After logging out,": the session the person had before logging out is gone.
        steps.check(pattern: #"after logging out,?"#, named: "after logging out,", matching: .phrase) { world, step, _ in
            guard let device = world.loggedOut else { throw StepFailure("nobody logged out in this case") }
            let probe = await world.probe(device)
            guard probe.statusCode == 401 else {
                throw StepFailure("\(device.label)'s session from before the logout still answers GET /api/v4/users/me with \(probe.statusCode)")
            }
            step.note("\(device.label)'s session from before the logout answers 401")
        }

        // "Login is successful using old password", "login using old password fails and login
        // using new password is successful": a sign-in with that password, now, on the person's browser.
        steps.check(pattern: #"login (?:using|with) (?:the )?(?:old|new) password (?:fails|is successful|succeeds|works|does not work|doesn't work)(?: and login (?:using|with) (?:the )?(?:old|new) password (?:fails|is successful|succeeds|works|does not work|doesn't work))?|login (?:is successful|succeeds|fails|works) (?:using|with) (?:the )?(?:old|new) password"#,
                    named: "login using the {old|new} password fails / is successful", matching: .phrase) { world, step, match in
            let (user, device) = try await Self.personSignedIn(world)
            for claim in match.lowercased().matches(of: #/(old|new) password (fails|is successful|succeeds|works|does not work|doesn't work)|(is successful|succeeds|fails|works) (?:using|with) (?:the )?(old|new) password/#) {
                let which = String(claim.1 ?? claim.4 ?? "old")
                let verdict = String(claim.2 ?? claim.3 ?? "")
                let shouldWork = !["fails", "does not work", "doesn't work"].contains(verdict)
                _ = await Self.tryLogin(world, user, on: device, which: which)
                do { try Self.checkLogin(world, step, which: which, shouldWork: shouldWork) } catch let failure as StepFailure { step.fail(failure.message) }
            }
        }

        // "Password is changed successfully": the form closed without a message and the server
        // takes the new password.
        steps.check(pattern: #"(?:the )?password (?:is|was|has been) (?:changed|updated|reset) successfully"#, named: "password is changed successfully", matching: .phrase) {
            world, step, _ in
            let console = try world.requireConsole()
            if let form = await console.form {
                throw StepFailure("\"\(form.title)\" is still open: \(form.errors.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            guard world.newPassword != nil else { throw StepFailure("no new password was typed in this case") }
            let (user, _) = try await Self.personSignedIn(world)
            let kind = ClientKind.browser(.firefox, on: .linux)
            let client: ClientID
            do { client = try await world.backend.openClient(kind) } catch let error as SimulationError { throw StepFailure(error.message) }
            switch await world.backend.signIn(client, username: user.username, password: world.newPassword ?? "", method: .emailPassword) {
            case .success: step.note("the form closed and \(user.username)'s new password signs in on \(kind)")
            case .failure(let error): throw StepFailure("the form closed but the new password does not sign \(user.username) in: \(error.statusCode) \(error.message)")
            }
            await world.backend.logOut(client)
        }
    }

    /// The person a case acts on and the device they are signed in on: the subject chosen in the
    /// Users list (the admin for "own user"), else the admin.
    static func personSignedIn(_ world: MattermostWorld) async throws -> (User, Device) {
        let admin = await world.adminUser()
        let user = world.subject ?? admin
        let device = user.id == admin.id ? world.adminDevice : world.devices.last { $0.username == user.username }
        guard let device else { throw StepFailure("\(user.username) is not signed in anywhere in this case") }
        return (user, device)
    }

    /// Signs `user` in on `device` with the old or new password, records the attempt, and says how it went.
    static func tryLogin(_ world: MattermostWorld, _ user: User, on device: Device, which: String) async -> String {
        let password = which == "new" ? (world.newPassword ?? "") : world.password
        let result = await world.backend.signIn(device.client, username: user.username, password: password, method: .emailPassword)
        world.loginAttempts.append((which, result))
        switch result {
        case .success(let login): return "signed in, session \(login.sessionID)"
        case .failure(let error): return "\(error.statusCode) \(error.id): \(error.message)"
        }
    }
}
