import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// The Session Lengths page as the folder's other cases drive it: lists of labels set to one
    /// value, Save and its checks, settings set back, signing in on each kind of session and the
    /// "all platforms" of MM-T2575.
    func defineSessionSettings(_ steps: inout Steps<MattermostWorld>) {
        // "Sessions settings save and persist" (a case's title line): the page it is about, opened.
        steps.action(pattern: #"sessions? settings save and persist"#, named: "Sessions settings save and persist", matching: .phrase) { world, step, _ in
            let page = try await Self.sessionLengthsPage(world, step)
            step.note("System Console ➜ Environment ➜ Session Lengths: \(try await Self.consoleCall { try await page.sessionLengthFields() }.count) fields")
        }

        // "Set the following to 1 day:", then one label per item ("Session Length Mobile (days):").
        steps.action(pattern: #"set the following to (\d+) (days?|hours?|minutes?):?"#, as: (Substring, Substring, Substring).self, named: "set the following to {int} {unit}:") { world, step, match in
            _ = try await Self.sessionLengthsPage(world, step)
            world.pendingValue = String(match.1)
            step.note("the labels listed next are set to \(match.1) (\(match.2))")
        }
        steps.action(pattern: #""?((?:session (?:length|cache|idle)|extend session length)[^"]*?(?:\((?:days|hours|minutes)\):?|:))"?"#, as: (Substring, Substring).self, named: "{Session Lengths label}") { world, step, match in
            guard let value = world.pendingValue else {
                throw StepFailure("\"\(match.1)\" is listed without a value: no \"Set the following to ...\" came before it")
            }
            try await Self.setSetting(world, step, label: String(match.1), value: value)
        }

        // "Click "Save" to save your settings".
        steps.action(pattern: #"click "save"(?: to save (?:your |the )?settings)?"#, named: "click \"Save\" to save your settings", matching: .phrase) { world, step, _ in
            if let console = world.console, let form = await console.form {
                try await Self.consoleCall { try await console.submitForm() }
                step.note("clicked \"\(form.confirmLabel)\" in \"\(form.title)\"")
            } else {
                try await Self.saveSettingsPage(world, step)
            }
        }

        // "Setting saved", "Settings are saved": what the server holds is what the page shows.
        steps.check(pattern: #"settings? (?:is |are |was |were |have been |has been )?saved"#, named: "settings are saved", matching: .phrase) { world, step, _ in
            try await Self.expectServerHolds(world, step, page: try world.requireConsole(), context: "after Save")
        }

        // "persists after logging back in": a System Console opened afresh after the admin logged
        // out and back in shows the values that were set.
        steps.check(pattern: #"persists? after (?:logging|signing) (?:back )?in"#, named: "persists after logging back in", matching: .phrase) { world, step, _ in
            guard let device = world.adminDevice, world.loggedOut?.client == device.client else {
                throw StepFailure("the admin did not log out and back in in this case")
            }
            guard await world.backend.status(of: device.client)?.token != nil else {
                throw StepFailure("\(device.label) is not signed in again after logging out")
            }
            let fresh: SystemConsole
            switch await SystemConsole.open(backend: world.backend, viewer: device.client, version: world.consoleVersion) {
            case .success(let opened): fresh = opened
            case .failure(let error): throw StepFailure("System Console: \(error.message)")
            }
            try await Self.consoleCall { try await fresh.navigate(to: ["Environment", "Session Lengths"]) }
            world.console = fresh
            try await Self.expectServerHolds(world, step, page: fresh, context: "after logging back in")
        }

        // "Set back to original setting", "(Set it back to 30 when finished, unless ...)": the
        // fields the case changed, set back and saved.
        steps.check(pattern: #"set (?:it |them )?back to (?:the |their )?original (?:settings?|values?)"#, named: "set back to original setting", matching: .phrase) { world, step, _ in
            try await Self.setBack(world, step) { label in world.originalValues[label] }
        }
        steps.check(pattern: #"\(?set (?:it |them )?back to (\d+)(?: \([^)]*\))?(?: when (?:finished|done)| after (?:the )?test is done)?(?:,? unless [^)]*)?\)?"#, as: (Substring, Substring).self,
                    named: "(set it back to {int} when finished)", matching: .phrase) { world, step, match in
            let value = String(match.1)
            try await Self.setBack(world, step) { _ in value }
        }

        // "Value is set to "True"", "Values are set to 1 day": the fields just set show it.
        steps.check(pattern: #"values? (?:is|are) set to "?([^" ]+)"?(?: (?:days?|hours?|minutes?))?"#, as: (Substring, Substring).self, named: "value is set to {value}", matching: .phrase) { world, step, match in
            let page = try await Self.sessionLengthsPage(world, step)
            let fields = try await Self.consoleCall { try await page.sessionLengthFields() }
            guard !world.fieldsSet.isEmpty else { throw StepFailure("no Session Lengths field was set in this case") }
            for set in world.fieldsSet {
                let shown = fields.first { $0.label == set.label }?.value ?? "absent"
                step.expect(shown.lowercased() == String(match.1).lowercased(), "\"\(set.label.trimmingCharacters(in: " "))\" shows \(shown), not \(match.1)")
            }
            step.note(world.fieldsSet.map { "\($0.label.trimmingCharacters(in: " ")) \($0.value)" }.joined(separator: ", "))
            world.fieldsSet = []
        }

        // "Log in on mobile (either RN app is fine)".
        steps.action(pattern: #"log ?in on mobile(?: \([^)]*\))?"#, named: "log in on mobile", matching: .phrase) { world, step, _ in
            try await Self.signInPhones(world, step, named: "Android RN")
        }

        // "Logout and then log back in via SSO (any)": the test user's SSO account on a browser.
        steps.action(pattern: #"log ?out and then log back in via (sso|saml|ldap|gitlab|oauth)(?: \(any\))?"#, as: (Substring, Substring).self, named: "logout and then log back in via {method}", matching: .phrase) {
            world, step, match in
            let named = String(match.1).lowercased()
            let method = named == "sso" ? LoginMethod.saml : (Vocabulary.loginMethods(in: named).first ?? .saml)
            let device = try await Self.signInBrowser(world, step, method: method)
            await world.backend.logOut(device.client)
            switch await world.backend.signIn(device.client, username: device.username, password: world.password, method: method) {
            case .success(let login): step.note("\(device.username) logged out and back in by \(method): session \(login.sessionID)")
            case .failure(let error): step.note("\(device.username) could not log back in by \(method): \(error.statusCode) \(error.message)")
            }
        }

        // "Can log back in on mobile", "Can log back in using SSO (any)": the device's session is
        // valid and lasts what the page now says for its kind.
        steps.check(pattern: #"can log (?:back )?in (?:on (mobile)|(?:using|via) (sso|saml|ldap|gitlab|oauth|email)(?: \(any\))?)"#, as: (Substring, Substring?, Substring?).self, named: "can log back in on mobile / using SSO", matching: .phrase) {
            world, step, match in
            let mobile = match.1 != nil
            guard let device = mobile ? world.phones.last : world.activeDevice else { throw StepFailure("nobody signed in \(mobile ? "on a phone" : "by SSO") in this case") }
            try await Self.expectSessionLength(world, step, device: device)
        }

        // MM-T2575: "Log in to the same server via LDAP, SSO and on mobile", "Make a post from all
        // platforms", "go back to all platforms", "Able to log in", "Posts made and timestamp noted".
        steps.action(pattern: #"log ?in to the (?:same )?server via ([a-z/ ,]+?)(?:,? and (on mobile))?(?=$|\.)"#, as: (Substring, Substring, Substring?).self, named: "log in to the same server via {methods} and on mobile", matching: .phrase) {
            world, step, match in
            var methods = Vocabulary.loginMethods(in: String(match.1))
            if String(match.1).lowercased().contains("sso") && !methods.contains(.saml) { methods.append(.saml) }
            var platforms: [Device] = []
            for method in methods { platforms.append(try await Self.signInBrowser(world, step, method: method)) }
            if match.2 != nil {
                try await Self.signInPhones(world, step, named: "Android RN")
                platforms += world.phones
            }
            world.platforms = platforms
            world.phoneLogin = await world.backend.now
        }
        steps.action(pattern: #"make a post(?: from all platforms(?: \([^)]*\))?)?"#, named: "make a post from all platforms", matching: .phrase) { world, step, _ in
            try await Self.post("Hello from Stepwise", from: world.activityDevices, world, step, refusalFails: true)
        }
        steps.action(pattern: #"go back to all platforms"#, named: "go back to all platforms", matching: .phrase) { world, step, _ in
            guard !world.platforms.isEmpty else { throw StepFailure("no platforms were signed in in this case") }
            for device in world.platforms {
                let result = await world.backend.interact(device.client, .openMenu)
                let location = await world.backend.status(of: device.client)?.location ?? "?"
                if case .failure = result {
                    step.note("\(device.label): back in the app, which found its session gone and went to \(location)")
                } else {
                    step.note("\(device.label): back in the app, still signed in")
                }
            }
        }
        steps.check(pattern: #"able to log ?in"#, named: "able to log in", matching: .phrase) { world, step, _ in
            let devices = world.platforms.isEmpty ? world.devices : world.platforms
            guard !devices.isEmpty else { throw StepFailure("nobody signed in in this case") }
            for device in devices {
                let probe = await world.probe(device)
                step.expect(probe.statusCode == 200, "\(device.fullLabel) is not signed in: GET /api/v4/users/me answered \(probe.statusCode)")
            }
            step.note("\(devices.count) device(s) signed in: " + devices.map { "\($0.label) by \($0.method)" }.joined(separator: ", "))
        }
        steps.check(pattern: #"posts? (?:were |are )?made(?: and timestamps? noted)?"#, named: "posts made and timestamp noted", matching: .phrase) { world, step, _ in
            let now = await world.backend.now
            let made = world.posts.filter { $0 == now }.count
            let wanted = max(world.platforms.count, 1)
            guard made >= wanted else { throw StepFailure("\(made) post(s) were accepted just now, not \(wanted)") }
            step.note("\(made) post(s) accepted at \(Self.clockText(now - (world.phoneLogin ?? .zero))) after signing in")
        }
    }

    // MARK: What the phrases do

    /// Signs the test user's account of `method` in on a browser of their own and makes it the
    /// device the activity phrases use (posts, views, going back).
    @discardableResult
    static func signInBrowser(_ world: MattermostWorld, _ step: StepContext, method: LoginMethod) async throws -> Device {
        let user = await world.account(for: method)
        let used = Set((world.devices + world.bystanders + (world.adminDevice.map { [$0] } ?? [])).map(\.kind))
        let kind = ClientKind.all.first { !$0.isMobile && !used.contains($0) } ?? .browser(.chrome, on: .mac)
        let device = try await world.signIn(user, on: kind, method: method, posture: .awake, behaviour: .untouched)
        try? await world.backend.setState(device.client, .active)
        world.devices.append(device)
        world.activeDevice = device
        world.phoneLogin = await world.backend.now
        step.note("\(user.username) signed in on \(device.label) by \(method), session \(device.sessionID)")
        return device
    }

    /// Posts `message` in each device's channel; a refused post fails the item or is noted.
    static func post(_ message: String, from devices: [Device], _ world: MattermostWorld, _ step: StepContext, refusalFails: Bool) async throws {
        guard !devices.isEmpty else { throw StepFailure("nobody is signed in in this case") }
        for device in devices {
            switch await world.backend.post(message, in: device.client) {
            case .success:
                world.posts.append(await world.backend.now)
                step.note("\(device.label) (\(device.method)) posted")
            case .failure(let error):
                let refusal = "\(device.label) (\(device.method)) could not post: \(error.statusCode) \(error.message)"
                if refusalFails { throw StepFailure(refusal) }
                step.note(refusal)
            }
        }
    }

    /// The sessions of "all platforms" at an "hour mark": alive (extended by activity) or expired.
    static func checkPlatformSessions(_ world: MattermostWorld, _ step: StepContext, alive: Bool) async throws {
        let elapsed = clockText(await world.backend.now - (world.phoneLogin ?? .zero))
        let extend = await world.backend.settings.extendSessionLengthWithActivity
        for device in world.platforms {
            let probe = await world.probe(device)
            let story = "\(device.label) (\(device.method)), checked \(elapsed) after signing in with \"Extend session length with activity\" \(extend ? "on" : "off")"
            if alive {
                step.expect(probe.statusCode == 200, "the session had expired: \(story); GET /api/v4/users/me answered \(probe.statusCode)")
            } else {
                step.expect(probe.statusCode != 200, "the session had not expired: \(story); GET /api/v4/users/me answered 200")
            }
            step.note("\(story): \(probe.statusCode)")
        }
    }

    /// Every Session Lengths field the page shows holds the server's value.
    static func expectServerHolds(_ world: MattermostWorld, _ step: StepContext, page: SystemConsole, context: String) async throws {
        guard await page.url == SystemConsole.sessionLengthsRoute else { throw StepFailure("no settings page is open") }
        let fields = try await consoleCall { try await page.sessionLengthFields() }
        let settings = await world.backend.settings
        for field in fields {
            let stored = configValue(field.key, in: settings, version: world.version) ?? "absent"
            step.expect(stored == field.value, "\"\(field.label.trimmingCharacters(in: " "))\" shows \(field.value) \(context) but the server holds \(stored)")
        }
        for set in world.fieldsSet {
            let shown = fields.first { $0.label == set.label }?.value ?? "absent"
            step.expect(shown.lowercased() == set.value.lowercased(), "\"\(set.label.trimmingCharacters(in: " "))\" was set to \(set.value) but shows \(shown) \(context)")
        }
        step.note("\(context): " + fields.map { "\($0.key.split(separator: ".").last ?? "") = \($0.value)" }.joined(separator: ", "))
    }

    /// Sets every field the case changed to `value(label)`, saves, and checks the server holds it.
    static func setBack(_ world: MattermostWorld, _ step: StepContext, to value: (String) -> String?) async throws {
        let changed = world.originalValues.keys.sorted()
        guard !changed.isEmpty else { throw StepFailure("no Session Lengths field was changed in this case") }
        world.fieldsSet = []
        for label in changed {
            guard let target = value(label) else { continue }
            try await setSetting(world, step, label: label, value: target)
        }
        try await saveSettingsPage(world, step)
        try await expectServerHolds(world, step, page: try world.requireConsole(), context: "set back")
        world.fieldsSet = []
    }

    /// The device's session is valid and lasts what Session Lengths says for its kind.
    static func expectSessionLength(_ world: MattermostWorld, _ step: StepContext, device: Device) async throws {
        guard let token = await world.backend.status(of: device.client)?.token, await world.backend.validate(token: token) else {
            throw StepFailure("\(device.fullLabel) is not signed in")
        }
        let user = await world.backend.user(named: device.username)
        guard let session = await world.backend.storedSessions(ofUser: user?.id ?? "").first(where: { $0.token == token }) else {
            throw StepFailure("the server lists no session for \(device.fullLabel)")
        }
        let settings = await world.backend.settings
        let hours = device.kind.isMobile ? settings.sessionLengthMobileInHours
            : device.method.authService == .email || device.method.authService == .ldap ? settings.sessionLengthWebInHours : settings.sessionLengthSSOInHours
        let lasts = Duration.milliseconds(session.expiresAt - session.createAt)
        guard lasts == .seconds(hours * 3600) else {
            throw StepFailure("\(device.fullLabel)'s session lasts \(clockText(lasts)), not the \(clockText(.seconds(hours * 3600))) Session Lengths sets")
        }
        step.note("\(device.fullLabel): signed in, session \(session.id) lasts \(clockText(lasts))")
    }
}
