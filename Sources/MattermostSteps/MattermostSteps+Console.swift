import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// The admin's System Console: navigation, the Users list, the row drop-down, the buttons and
    /// the confirmations.
    func defineConsole(_ steps: inout Steps<MattermostWorld>) {
        // "go to System Console ➜ Users", "Open System Console > Users".
        for verb in ["go to", "open", "navigate to"] {
            steps.action("\(verb) {page}", matching: .phrase) { (world, step, path: [String]) in
                try await Self.openConsole(world, step, path: path.isEmpty ? ["Users"] : path)
            }
        }

        // "Find the other user you've logged in with multiple sessions": their rows in the list.
        steps.action(
            pattern: #"(?:locate|find) (?:the )?(?:other )?user(?: you(?:'ve| have) logged in with multiple sessions| you want to (?:deactivate|revoke sessions for|change|update|reset)| whose (?:password|email(?: address)?) you want to (?:change|update|reset))?"#, named: "find the other user",
            matching: .phrase
        ) { world, step, _ in
            let console = try await Self.usersPage(world, step)
            if world.accounts.isEmpty {
                // "Locate user whose password you want to change": the case's test user, made now.
                _ = await world.account(for: .emailPassword)
                step.note("the test user is \(world.accounts[0].user.username) (email/password)")
            }
            for account in world.accounts {
                var rows = try await Self.consoleCall { try await console.rows() }
                var index = rows.firstIndex { $0.username == account.user.username }
                if index == nil {
                    // Not on the first page: search for them (the list follows after the debounce).
                    await console.typeSearch(account.user.username)
                    try await step.advance(by: SystemConsole.searchDebounce)
                    rows = try await Self.consoleCall { try await console.rows() }
                    index = rows.firstIndex { $0.username == account.user.username }
                }
                guard let index else { throw StepFailure("\(account.user.username) is not in System Console ➜ Users") }
                world.foundRows[account.user.username] = index
                let stored = await world.backend.storedSessions(ofUser: account.user.id).count
                step.note("\(account.user.username): row \(index + 1) of the Users list, \(stored) session(s)")
            }
        }

        // "➜ user drop-down ➜ Revoke Sessions": each row's menu, the rule that makes it the admin's
        // job (a user manager who may edit users still finds a system admin's drop-down disabled,
        // and the server answers 403), then the item, its confirmation and the danger button.
        steps.action(
            pattern: #"(?:➜ )?(?:the )?user(?:'s)? drop-?down(?: menu)?(?: ➜ ([A-Za-z][A-Za-z ]*[A-Za-z]))?"#, as: (Substring, Substring?).self, named: "user drop-down ➜ {item}", matching: .phrase
        ) { world, step, match in
            let console = try world.requireConsole()
            for account in world.accounts {
                guard let row = world.foundRows[account.user.username] else {
                    throw StepFailure("find \(account.user.username)'s row in the Users list first")
                }
                let menu = try await Self.consoleCall { try await console.menu(at: row) }
                step.note("\(account.user.username)'s drop-down (\(menu.buttonLabel)): \(menu.items.map(\.label).joined(separator: ", "))")
            }
            guard let item = match.1.map(String.init) else { return }
            let revokes = item.lowercased().includes("revoke")
            if revokes, let own = world.subject, own.id == world.admin?.id {
                try await Self.revokeOwnSessions(world, step, console, label: item)
            } else if revokes {
                try await Self.checkDropDownGate(world, step)
                try await Self.revokeFromDropDown(world, step, console, label: item)
            } else {
                try await Self.chooseFromDropDown(world, step, console, label: item)
            }
        }

        // "Click on the 'Revoke All Sessions' button (again)".
        steps.action(pattern: #"click (?:on )?the ["']([^"']+)["'] button(?: again)?"#, as: (Substring, Substring).self, named: "click on the '{button}' button", matching: .phrase) { world, step, match in
            let label = String(match.1)
            let console = try world.requireConsole()
            guard label.lowercased() == "revoke all sessions" else {
                throw StepFailure("the System Console fake has no \"\(label)\" button on the Users page")
            }
            try await Self.consoleCall { try await console.clickRevokeAllSessions() }
            if let modal = await console.modal { world.modals.append(modal) }
        }

        // "... displayed at the bottom of the Users listing page".
        steps.action(pattern: #"displayed at the bottom of the users (?:listing |list )?page"#, named: "displayed at the bottom of the Users listing page", matching: .phrase) { world, step, _ in
            let console = try world.requireConsole()
            let shown = try await Self.consoleCall { try await console.showsRevokeAllSessionsButton() }
            step.expect(shown, "the Users page shows no \"Revoke All Sessions\" button for \(world.admin?.username ?? "the admin")")
            let rows = try await Self.consoleCall { try await console.rows() }
            step.note("\"Revoke All Sessions\" is below the \(rows.count) rows of System Console ➜ Users")
        }

        // "A confirmation message should be displayed."
        steps.action(pattern: #"a confirmation (?:message|modal|dialog) (?:should be|is) (?:displayed|shown)"#, named: "a confirmation message should be displayed", matching: .phrase) { world, step, _ in
            let console = try world.requireConsole()
            guard let modal = await console.modal else { throw StepFailure("no confirmation is displayed") }
            step.note("\(modal.title): \"\(modal.message)\" [\(modal.cancelLabel)] [\(modal.confirmLabel)]")
        }

        // "Click on Cancel in the message".
        steps.action(pattern: #"click (?:on )?cancel(?: in the (?:confirmation )?(?:message|modal|dialog))?"#, named: "click on Cancel in the message", matching: .phrase) { world, step, _ in
            let console = try world.requireConsole()
            if await console.modal == nil, let form = await console.form {
                // "Click Cancel" in a form (Reset Password, Update Email): it closes, nothing is sent.
                await console.cancelForm()
                step.expect(await console.form == nil, "\"\(form.title)\" is still open after Cancel")
                step.note("clicked Cancel in \"\(form.title)\": the form closed unsaved")
                return
            }
            try await Self.consoleCall { try await console.cancel() }
            step.expect(await console.modal == nil, "the confirmation is still open after Cancel")
            var probes: [MattermostWorld.Probe] = []
            for device in world.everyDevice { probes.append(await world.probe(device)) }
            world.afterCancel = probes
        }

        // "... and confirm": the danger button of the open confirmation.
        steps.action(pattern: #"\bconfirm\b"#, named: "confirm", matching: .phrase) { world, step, _ in
            let console = try world.requireConsole()
            guard let modal = await console.modal else { throw StepFailure("there is no confirmation open to confirm") }
            let instant = await world.backend.now
            try await Self.consoleCall { try await console.confirm() }
            if modal.confirmLabel == "Deactivate" {
                world.deactivation = (instant, world.dm.map { dm in (dm.device.client) } == nil ? [] : await world.backend.sidebar(of: world.dm!.device.client))
                step.note("clicked \(modal.confirmLabel) in \"\(modal.title)\"")
                return
            }
            world.revoke = MattermostWorld.Revoke(scope: modal.confirmLabel == "Revoke All Sessions" ? .everyone : .users([]),
                                                  instant: instant, confirmLabel: modal.confirmLabel)
            step.note("clicked \(modal.confirmLabel) in \"\(modal.title)\"")
        }

        // "check if no sessions are deactivated" (right after Cancel).
        steps.action(pattern: #"check (?:if|that) no sessions are (?:deactivated|revoked)"#, named: "check if no sessions are deactivated", matching: .phrase) { world, step, _ in
            var alive = 0
            for device in world.everyDevice {
                let probe = await world.probe(device)
                if probe.statusCode == 200 {
                    alive += 1
                } else {
                    step.fail("\(device.fullLabel) lost its session although nothing was confirmed: GET /api/v4/users/me returned \(probe.statusCode) \(probe.errorID ?? "")")
                }
            }
            step.note("\(alive) of \(world.everyDevice.count) sessions still answer GET /api/v4/users/me with 200")
        }
    }

    /// Chooses `label` in each of the test user's drop-downs and confirms it.
    static func revokeFromDropDown(_ world: MattermostWorld, _ step: StepContext, _ console: SystemConsole, label: String) async throws {
        for account in world.accounts {
            let username = account.user.username
            _ = try await consoleCall { try await console.openMenu(forUser: username) }
            try await consoleCall { try await console.choose(label) }
            guard let modal = await console.modal else { throw StepFailure("\"\(label)\" opened no confirmation for \(username)") }
            world.modals.append(modal)
            step.expect(modal.title == "Revoke Sessions for \(username)",
                        "the confirmation is titled \"\(modal.title)\", not \"Revoke Sessions for \(username)\"")
            let instant = await world.backend.now
            try await consoleCall { try await console.confirm() }
            step.note("\(modal.title): \"\(modal.message)\" ➜ \(modal.confirmLabel)")
            if await console.url == nil {
                throw StepFailure("the admin was logged out by revoking \(username)'s sessions: the console revoked the admin's own sessions")
            }
            if case .users(let names)? = world.revoke?.scope {
                world.revoke?.scope = .users(names + [username])
            } else {
                world.revoke = MattermostWorld.Revoke(scope: .users([username]), instant: instant, confirmLabel: modal.confirmLabel)
            }
        }
    }

    /// The admin's own row ➜ Revoke Sessions, confirmed: the server revokes every session of the
    /// admin, and the console's browser logs out at once (`emitUserLoggedOutEvent` when the user is
    /// the current one, `system_users_dropdown`); the admin's other browsers notice as clients do.
    static func revokeOwnSessions(_ world: MattermostWorld, _ step: StepContext, _ console: SystemConsole, label: String) async throws {
        let admin = await world.adminUser()
        _ = try await openMenu(console, step, for: admin.username)
        try await consoleCall { try await console.choose(label) }
        guard let modal = await console.modal else { throw StepFailure("\"\(label)\" opened no confirmation for \(admin.username)") }
        world.modals.append(modal)
        let instant = await world.backend.now
        try await consoleCall { try await console.confirm() }
        world.revoke = MattermostWorld.Revoke(scope: .users([admin.username]), instant: instant, confirmLabel: modal.confirmLabel)
        step.note("\(modal.title): \"\(modal.message)\" ➜ \(modal.confirmLabel); the console is \(await console.url == nil ? "logged out" : "still open")")
    }

    static func openConsole(_ world: MattermostWorld, _ step: StepContext, path: [String]) async throws {
        if world.adminDevice == nil {
            // Only a system admin can open the System Console: a case that goes there without
            // saying who is logged in means the admin, as a tester would read it.
            step.note("the text does not say who opens the System Console: the system admin does")
            try await signInAdmin(world, step)
        }
        let viewer = (world.consoleDevice ?? world.adminDevice!).client
        let console: SystemConsole
        if let open = world.console {
            console = open
        } else {
            switch await SystemConsole.open(backend: world.backend, viewer: viewer, version: world.consoleVersion, faults: world.consoleFaults) {
            case .success(let opened): console = opened
            case .failure(let error): throw StepFailure("System Console: \(error.message)")
            }
            world.console = console
        }
        try await consoleCall { try await console.navigate(to: path) }
        if await console.url == SystemConsole.usersRoute {
            let rows = try await consoleCall { try await console.rows() }
            let count = try await consoleCall { try await console.countText() }
            step.note("\(await console.url ?? "?"): \(rows.count) users listed (\"\(count)\")")
        } else {
            step.note("\(await console.url ?? "?")")
        }
    }

    /// The console, opened on System Console ➜ Users by the admin if nobody opened it yet.
    static func usersPage(_ world: MattermostWorld, _ step: StepContext) async throws -> SystemConsole {
        if let console = world.console, await console.url == SystemConsole.usersRoute { return console }
        try await openConsole(world, step, path: ["Users"])
        return try world.requireConsole()
    }

    /// A non-admin's view of the admin row, the rule "a non-admin may not act on a system admin"
    /// that makes revoking sessions the system admin's job: checked once per case on the console
    /// and on the server, without revoking anything.
    static func checkDropDownGate(_ world: MattermostWorld, _ step: StepContext) async throws {
        guard !world.checkedDropDownGate else { return }
        world.checkedDropDownGate = true
        let backend = world.backend
        let admin = await world.adminUser()
        // An admin gives the user manager the Users page ("Can edit" in System Roles): read and write.
        await backend.grant(.sysconsoleReadUserManagementUsers, to: .systemUserManager)
        await backend.grant(.sysconsoleWriteUserManagementUsers, to: .systemUserManager)
        let manager = await backend.createUser(NewUser(username: "uma.manager", password: world.password,
                                                       roles: [.systemUser, .systemUserManager]))
        let device = try await world.signIn(manager, on: .browser(.edge, on: .windows), method: .emailPassword, posture: .awake,
                                            behaviour: .untouched)
        let console: SystemConsole
        switch await SystemConsole.open(backend: backend, viewer: device.client, version: world.consoleVersion, faults: world.consoleFaults) {
        case .success(let opened): console = opened
        case .failure(let error): throw StepFailure("the user manager cannot open the System Console: \(error.message)")
        }
        // A made-up session id: the permission check comes first, so nothing is revoked either way.
        let probe = await backend.revokeSession(userID: admin.id, sessionID: "zzzzzzzzzzzzzzzzzzzzzzzzzz", token: device.token)
        let refused = if case .failure(let error) = probe { error.statusCode == 403 } else { false }
        do {
            try await console.navigate(to: ["Users"])
        } catch {
            guard error.serverError?.statusCode == 403 else { throw StepFailure("System Console: \(error.message)") }
            // Today's list (`GET /api/v4/reports/users`) needs manage_system: no user manager sees it.
            step.expect(refused, "a user manager (\(manager.username)) can act on system admin \(admin.username): POST /api/v4/users/\(admin.id)/sessions/revoke was not refused with 403")
            step.note("user manager \(manager.username) cannot even list System Console ➜ Users on \(world.version) (GET /api/v4/reports/users answers 403: it needs manage_system), and the server refuses them \(admin.username)'s sessions with 403")
            await backend.logOut(device.client)
            return
        }
        let rows = try await consoleCall { try await console.rows() }
        guard let adminRow = rows.first(where: { $0.username == admin.username }),
              let plainRow = rows.first(where: { !$0.isSystemAdmin && $0.username != manager.username })
        else { throw StepFailure("the Users list lacks the admin or a plain user") }
        let adminMenuDisabled = try await consoleCall { try await console.isMenuDisabled(for: adminRow) }
        let plainMenuDisabled = try await consoleCall { try await console.isMenuDisabled(for: plainRow) }
        let status = if case .failure(let error) = probe { error.statusCode } else { 200 }
        // v5's `SessionHasPermissionToUser` is `self || edit_other_users`: only the console's
        // disabled drop-down stops a user manager; today the server answers 403 as well.
        let serverMustRefuse = world.version.permissionRule == .current
        step.expect(!plainMenuDisabled, "a user manager with write access finds \(plainRow.username)'s drop-down disabled")
        if !adminMenuDisabled || (serverMustRefuse && status != 403) {
            step.fail("a user manager (\(manager.username), not a system admin) can act on system admin \(admin.username): "
                      + "the System Admin drop-down is \(adminMenuDisabled ? "disabled" : "enabled") and "
                      + "POST /api/v4/users/\(admin.id)/sessions/revoke answered \(status), not 403")
        } else if serverMustRefuse {
            step.note("for user manager \(manager.username) the System Admin drop-down of \(admin.username) is disabled and the server answers 403: only a system admin may revoke a system admin's sessions")
        } else {
            step.note("for user manager \(manager.username) the System Admin drop-down of \(admin.username) is disabled; the \(world.version) server itself would let them (POST .../sessions/revoke answered \(status), not 403: v5's rule is self or edit_other_users), so only the console stops them")
        }
        await backend.logOut(device.client)
    }

    /// Runs a console call, turning its error into a step failure with the console's words.
    static func consoleCall<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ConsoleError { throw StepFailure("System Console: \(error.message)") }
    }
}

extension MattermostWorld {
    /// The test user's devices, the bystanders' and the admin's.
    var everyDevice: [Device] { devices + bystanders + (adminDevice.map { [$0] } ?? []) }

    /// System Console ➜ Users as the built-in phrases open it, for a team's own definitions: the
    /// system admin signs in on a browser first if nobody has (``adminDevice``), and the case's one
    /// ``console`` is opened with the case's console version and planted console faults, or reused,
    /// so the built-in phrases that follow act on the same page.
    public func usersPage(_ step: StepContext) async throws -> SystemConsole {
        try await MattermostSteps.usersPage(self, step)
    }
}
