import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// Revokes the admin's own sessions, a phone switched off (or in airplane mode) while its
    /// sessions are revoked, and a user deactivated from the drop-down (MM-T939, MM-T941, MM-T942
    /// and the neighbours that say the same).
    func defineOfflineAndOwnSessions(_ steps: inout Steps<MattermostWorld>) {
        // "On Mobile app, login as a system user - User": the test user on a phone, in use.
        steps.action(pattern: #"on (?:the |a )?mobile app,? log ?in as (?:a |the )?(?:system |test )?user(?: - \w+)?"#, named: "on Mobile app, login as a system user",
                     matching: .phrase) { world, step, _ in
            try await Self.signInPhones(world, step, named: "iOS RN")
        }

        // "On Browser1, login as a system admin - Admin1".
        steps.action(pattern: #"on browser ?\d*,? log ?in as (?:a |the )?system admin(?:istrator)?(?: - \w+)?"#, named: "on Browser1, login as a system admin", matching: .phrase) { world, step, _ in
            guard world.adminDevice == nil else { return }
            try await Self.signInAdmin(world, step)
        }

        // "Turn off the Mobile device (or) activate the Airplane mode on that mobile phone": the
        // phone is switched off (its socket dies, no request gets through, nothing runs).
        steps.action(pattern: #"turn off the (?:mobile )?(?:device|phone)(?: \(or\) activate (?:the )?airplane mode(?: on (?:that|the) (?:mobile )?(?:phone|device))?)?|activate (?:the )?airplane mode(?: on (?:that|the) (?:mobile )?(?:phone|device))?"#,
                     named: "turn off the mobile device (or) activate airplane mode", matching: .phrase) { world, step, match in
            guard let phone = world.phones.last else { throw StepFailure("no phone is signed in in this case") }
            let state: ClientState = match.lowercased().hasPrefix("turn off") ? .poweredOff : .offline
            do { try await world.backend.setState(phone.client, state) } catch let error as SimulationError { throw StepFailure(error.message) }
            world.offline = (phone, await world.backend.now)
            step.note("\(phone.label) is \(state == .poweredOff ? "switched off" : "in airplane mode"): no request reaches the server")
        }

        // "After few minutes, turn on the mobile device (or) turn off the Airplane mode".
        steps.action(pattern: #"after (?:a )?few minutes,? turn on the (?:mobile )?(?:device|phone)(?: \(or\) turn off (?:the )?airplane mode)?"#,
                     named: "after few minutes, turn on the mobile device", matching: .phrase) { world, step, _ in
            guard let (phone, _) = world.offline else { throw StepFailure("no phone was switched off in this case") }
            try await step.advance(by: .seconds(180))
            // Switched on, the app is not running until it is opened (it then starts cold).
            world.backOnline = await world.backend.now
            step.note("3 min later \(phone.label) is on again; the app runs once it is opened")
        }

        // "Open the Mattermost app": the app comes to the front and syncs (its REST calls meet a
        // 401 if the session is gone).
        steps.action(pattern: #"open the mattermost app"#, named: "open the Mattermost app", matching: .phrase) { world, step, _ in
            guard let phone = world.phones.last else { throw StepFailure("no phone is signed in in this case") }
            do { try await world.backend.setState(phone.client, .active) } catch let error as SimulationError { throw StepFailure(error.message) }
            // The foreground sync starts within a few seconds of opening the app.
            try await step.advance(by: .seconds(10))
            step.note("\(phone.label): the app is open, on \(await world.backend.status(of: phone.client)?.location ?? "?")")
        }

        // "... and check if user's session is automatically logged out and the user is redirected
        // to the login page" (an instruction that looks).
        steps.action(pattern: #"check if (?:the )?user'?s session is (?:automatically )?logged out"#, named: "check if user's session is automatically logged out", matching: .phrase) { world, step, _ in
            guard let phone = world.phones.last else { throw StepFailure("no phone is signed in in this case") }
            let probe = await world.probe(phone)
            guard probe.statusCode == 401 else { throw StepFailure("\(phone.fullLabel)'s session still answers GET /api/v4/users/me with \(probe.statusCode)") }
            step.note("\(phone.label)'s session answers 401")
        }
        steps.action(pattern: #"(?:the )?user is redirected to the login page"#, named: "the user is redirected to the login page", matching: .phrase) { world, step, _ in
            guard let phone = world.phones.last else { throw StepFailure("no phone is signed in in this case") }
            let status = await world.backend.status(of: phone.client)
            guard status?.isOnLoginPage == true else { throw StepFailure("\(phone.fullLabel) is still on \(status?.location ?? "?")") }
            step.note("\(phone.label) is on \(status?.location ?? "?")")
        }

        // "If a user is not online when the Revoke Sessions option was chosen, then the user's
        // session should be deactivated next time, when the user goes online and accesses the
        // Mattermost application".
        steps.check(pattern: #"if (?:a|the) user is not online when the revoke (?:all )?sessions option was chosen, then the user's session should be deactivated next time,? when the user goes online and accesses the mattermost application\.?"#,
                    named: "if a user is not online when Revoke Sessions was chosen, the session ends when they come back") { world, step, _ in
            let revoke = try world.requireRevoke()
            guard let (phone, off) = world.offline, let back = world.backOnline else { throw StepFailure("no phone was offline and came back in this case") }
            guard off <= revoke.instant && revoke.instant < back else {
                throw StepFailure("\(phone.label) was not offline when the sessions were revoked")
            }
            let status = await world.backend.status(of: phone.client)
            guard status?.token == nil, status?.isOnLoginPage == true else {
                throw StepFailure("\(phone.fullLabel) came back online and is still signed in on \(status?.location ?? "?")")
            }
            step.note("\(phone.label) was offline from \(Self.clockText(off)) to \(Self.clockText(back)), the revoke came at \(Self.clockText(revoke.instant)); back online it is on \(status?.location ?? "?")")
        }

        // "Log in as system admin on at least two browsers / devices".
        steps.action(pattern: #"log ?in as (?:a |the )?system admin(?:istrator)? on at least (\w+) (?:different )?browsers? ?\/ ?devices?"#, as: (Substring, Substring).self, named: "log in as system admin on at least {count} browsers / devices") {
            world, step, match in
            guard let count = Vocabulary.count(String(match.1)) else { throw StepFailure("'\(match.1)' is not a number") }
            if world.adminDevice == nil { try await Self.signInAdmin(world, step) }
            let admin = await world.adminUser()
            while world.adminDevices.count + 1 < count {
                let used = Set(([world.adminDevice!] + world.adminDevices + world.devices).map(\.kind))
                guard let kind = ClientKind.all.first(where: { !$0.isMobile && !used.contains($0) }) else { break }
                let device = try await world.signIn(admin, on: kind, method: .emailPassword, posture: .awake, behaviour: .untouched)
                world.adminDevices.append(device)
                step.note("\(admin.username) also signed in on \(kind)")
            }
        }

        // "In System Console ➜ Users find own user".
        steps.action(pattern: #"in (?:the )?system console ➜ (?:user management ➜ )?users"#, named: "In System Console ➜ Users", matching: .phrase) { world, step, _ in
            _ = try await Self.usersPage(world, step)
        }
        steps.action(pattern: #"find (?:your |my |their )?own user(?: row)?"#, named: "find own user", matching: .phrase) { world, step, _ in
            let console = try await Self.usersPage(world, step)
            let admin = await world.adminUser()
            let menu = try await Self.openMenu(console, step, for: admin.username)
            world.subject = admin
            step.note("own row: \(admin.username) (\(menu.buttonLabel)): \(menu.items.map(\.label).joined(separator: ", "))")
        }

        // "Your sessions are all revoked and you are redirected to login page on all instances":
        // every one of the admin's sessions answers 401 and each browser reaches the login page
        // within the watch (the one that revoked at once, the others as their client notices).
        steps.check(pattern: #"your sessions are all revoked and you are redirected to (?:the )?login page on all instances"#, named: "your sessions are all revoked and you are redirected to login page on all instances") {
            world, step, _ in
            let revoke = try world.requireRevoke()
            let mine = (world.adminDevice.map { [$0] } ?? []) + world.adminDevices
            var waited: Duration = .zero
            while waited < RedirectWatch.deadline {
                var all = true
                for device in mine where await world.backend.status(of: device.client)?.isOnLoginPage != true { all = false }
                if all { break }
                try await step.advance(by: .seconds(1))
                waited += .seconds(1)
            }
            for device in mine {
                let probe = await world.probe(device)
                let status = await world.backend.status(of: device.client)
                let since = DurationRange.format(await world.backend.now - revoke.instant)
                step.expect(probe.statusCode == 401, "\(device.fullLabel) (the admin) still has a valid session: GET /api/v4/users/me answered \(probe.statusCode)")
                step.expect(status?.isOnLoginPage == true,
                              "\(device.fullLabel) (the admin) is still on \(status?.location ?? "?") \(since) after the revoke"
                                + (world.version == .current ? " (on \(world.version) an idle tab notices only at its user's next interaction)" : ""))
                step.note("\(device.label): \(probe.statusCode), on \(status?.location ?? "?")")
            }
        }

        // "click to Deactivate" (then "and confirm"): the chosen user's Deactivate, which asks first.
        steps.action(pattern: #"click (?:to )?deactivate"#, named: "click to Deactivate", matching: .phrase) { world, step, _ in
            let console = try await Self.usersPage(world, step)
            let user = try await Self.subjectSignedIn(world, step)
            _ = try await Self.openMenu(console, step, for: user.username)
            try await Self.consoleCall { try await console.choose("Deactivate") }
            guard let modal = await console.modal else { throw StepFailure("Deactivate opened no confirmation for \(user.username)") }
            world.modals.append(modal)
            step.note("\(modal.title): \"\(modal.message)\"")
        }

        // "User is made inactive (logs user out automatically; try to log back in to confirm
        // deactivated: "Login failed because your account has been deactivated. ...")".
        steps.check(pattern: #"user is made inactive \(logs (?:the )?user out automatically; try to log back in to confirm deactivated: "([^"]*)"\)"#, as: (Substring, Substring).self, named: "user is made inactive (... \"{message}\")",
                    matching: .phrase) { world, step, match in
            guard let user = world.subject, let device = world.devices.last(where: { $0.username == user.username }) else {
                throw StepFailure("nobody was deactivated in this case")
            }
            let stored = await world.backend.user(id: user.id)
            step.expect(stored?.isDeactivated == true, "\(user.username) is still active")
            let probe = await world.probe(device)
            step.expect(probe.statusCode == 401, "\(device.fullLabel) still has a valid session: GET /api/v4/users/me answered \(probe.statusCode)")
            switch await world.backend.signIn(device.client, username: user.username, password: world.password, method: .emailPassword) {
            case .success: step.fail("\(user.username) could log back in after being deactivated")
            case .failure(let error):
                step.expect(error.message == String(match.1), "logging back in said \"\(error.message)\", not \"\(match.1)\"")
                step.note("\(user.username) logging back in: \(error.statusCode) \(error.id): \"\(error.message)\"")
            }
        }
    }

    /// The user the console acts on, signed in on a browser of their own: the subject, else the
    /// test user (made and signed in now).
    static func subjectSignedIn(_ world: MattermostWorld, _ step: StepContext) async throws -> User {
        let user: User
        if let subject = world.subject { user = subject } else { user = await world.account(for: .emailPassword) }
        world.subject = user
        if !world.devices.contains(where: { $0.username == user.username }) {
            let device = try await world.signIn(user, on: .browser(.firefox, on: .windows), method: .emailPassword, posture: .awake, behaviour: .untouched)
            world.devices.append(device)
            step.note("\(device.fullLabel): signed in, session \(device.sessionID)")
        }
        return user
    }
}
