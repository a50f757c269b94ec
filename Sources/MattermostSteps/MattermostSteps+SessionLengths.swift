import SessionBackend
import StepwiseBinding
import StepwiseModel
import SystemConsole

/// A phrase of the session-length vocabulary: registered as a phrase definition, and also run by
/// itself when an expectation's procedure is written in its step's Step Info (MM-T4048 step 1).
struct SessionPhrase: Sendable {
    typealias Occurrences = @Sendable (String) -> [(range: Range<String.Index>, run: @Sendable (MattermostWorld, StepContext) async throws -> Void)]

    let name: String
    /// Registers the phrase as an action.
    let register: @Sendable (inout Steps<MattermostWorld>) -> Void
    /// The phrase's occurrences in a line of text, each with what running it does.
    let occurrences: Occurrences

    init<Output: Sendable>(pattern: String, as output: Output.Type, named name: String,
                           _ body: @escaping @Sendable (MattermostWorld, StepContext, Output) async throws -> Void) {
        self.name = name
        register = { steps in steps.action(pattern: pattern, as: output, named: name, matching: .phrase, body) }
        // Only a Step Info procedure needs Swift's `Regex`, so it is parsed when one is run. What
        // finds the phrase is kept without its output type: every phrase then holds a value of
        // one generic type, which the program makes once, not once per output type as it loads.
        let find = OnFirstUse<Occurrences> {
            let shared = SharedRegex(try! Regex(pattern, as: Output.self).ignoresCase())
            return { line in
                line.matches(of: shared.regex).map { match in
                    let output = match.output
                    return (match.range, { world, step in try await body(world, step, output) })
                }
            }
        }
        occurrences = { line in find.value(line) }
    }

    init(pattern: String, named name: String,
         _ body: @escaping @Sendable (MattermostWorld, StepContext, Substring) async throws -> Void) {
        self.init(pattern: pattern, as: Substring.self, named: name, body)
    }
}

/// A `Regex` shared by definitions that run from many cases at once. `Regex` is not declared
/// `Sendable`, but it is an immutable value: its program is compiled once (published atomically
/// by the standard library) and matching never mutates it.
struct SharedRegex<Output>: @unchecked Sendable {
    let regex: Regex<Output>

    init(_ regex: Regex<Output>) { self.regex = regex }
}

extension MattermostSteps {
    /// System Console ➜ Environment ➜ Session Lengths, phones that stay signed in, posts, waits on
    /// the clock (MM-T1016, MM-T2568, MM-T4048 and their neighbours).
    func defineSessionLengths(_ steps: inout Steps<MattermostWorld>) {
        for phrase in Self.sessionActions { phrase.register(&steps) }

        // "Save" (the whole instruction): the settings page's Save button.
        steps.action(pattern: #"save(?: the (?:settings|page|changes))?\.?"#, named: "Save") { world, step, _ in
            try await Self.saveSettingsPage(world, step)
        }

        // ""ServiceSettings.ExtendSessionLengthWithActivity" is true for new installation".
        steps.check(pattern: #""([a-z]+settings\.[a-z]+)" is (true|false|\d+) (?:by default )?(?:for|on) (?:a |an )?(new install(?:ation)?s?|upgraded install(?:ation)?s?|upgrades?(?: to (?:an )?existing install(?:ation)?)?|existing install(?:ation)?s?)"#, as: (Substring, Substring, Substring, Substring).self,
                    named: "\"{config key}\" is {value} for new installation") { world, step, match in
            let key = String(match.1), wanted = String(match.2).lowercased()
            let upgraded = !match.3.lowercased().hasPrefix("new")
            guard let value = Self.configValue(key, in: Self.freshSettings(world, upgraded: upgraded), version: world.version) else {
                throw StepFailure("\(world.version) has no setting \(key) (it came with v5.24, MM-23935)")
            }
            let install = upgraded ? "an upgraded installation" : "a new installation"
            guard value == wanted else {
                throw StepFailure("\(key) is \(value) on \(install) of \(world.version), not \(wanted)")
            }
            let other = Self.configValue(key, in: Self.freshSettings(world, upgraded: !upgraded), version: world.version) ?? "absent"
            step.note("\(key) is \(value) on \(install) of \(world.version) (and \(other) on \(upgraded ? "a new" : "an upgraded") one: model/config.go sets it to !isUpdate)")
            // What the admin sees: System Console ➜ Environment ➜ Session Lengths.
            let page = try await Self.sessionLengthsPage(world, step)
            if !upgraded, let field = try await Self.consoleCall({ try await page.sessionLengthFields() }).first(where: { $0.key == key }) {
                step.note("System Console ➜ Environment ➜ Session Lengths shows \"\(field.label.trimmingCharacters(in: " "))\" \(field.value)")
            }
        }

        // "Session expiry notification received on both Android and iOS".
        steps.check(pattern: #"session[- ]expiry notifications? (?:is |are |was |were )?received on (?:both )?(android|ios)(?: and (?:on )?(android|ios))?"#, as: (Substring, Substring, Substring?).self,
                    named: "session expiry notification received on both Android and iOS", matching: .phrase) { world, step, match in
            let systems = [match.1, match.2].compactMap { $0.map { String($0).lowercased() } }
            for system in systems {
                let phones = world.phones.filter { $0.kind.isMobile && $0.kind.description.lowercased().contains(system) }
                guard !phones.isEmpty else { step.fail("no \(system == "ios" ? "iOS" : "Android") device signed in in this case"); continue }
                for phone in phones {
                    let status = await world.backend.status(of: phone.client)
                    let expiries = status?.deviceNotifications.filter(\.isSessionExpiry) ?? []
                    let since = await world.backend.now - (world.phoneLogin ?? .zero)
                    if let first = expiries.first {
                        step.note("\(phone.label): \"\([first.title, first.body].compactMap { $0 }.joined(separator: ": "))\" (\(first.source == .local ? "the app's own notification" : "push"), \(Self.clockText(first.shownAt - (world.phoneLogin ?? .zero))) after signing in)")
                    } else {
                        let session = await world.backend.storedSessions(ofUser: world.accounts.first?.user.id ?? "").first { $0.id == phone.sessionID }
                        step.fail("\(phone.label) received no session expiry notification \(Self.clockText(since)) after signing in"
                                  + (session.map { " (its session expires \(Self.clockText(.milliseconds($0.expiresAt - $0.createAt))) after sign-in)" } ?? ""))
                    }
                }
            }
        }

        // "User session should (not) have expired at the 24th hour mark due to the post made in step 3."
        steps.check(pattern: #"(?:the |your )?users?(?:'s|'|s')? sessions? should( not)? (?:have )?expired? at the (\d+)(?:st|nd|rd|th)? hour mark(?:(?: due to| even with)[^.]*)?\.?"#, as: (Substring, Substring?, Substring).self,
                    named: "user session should (not) have expired at the {n}th hour mark") { world, step, match in
            try await Self.runStepInfoProcedure(world, step)
            let shouldBeAlive = match.1 != nil
            if !world.platforms.isEmpty {
                return try await Self.checkPlatformSessions(world, step, alive: shouldBeAlive)
            }
            guard let phone = world.activeDevice ?? world.phones.last, let login = world.phoneLogin else {
                throw StepFailure("nobody signed in in this case, so no session could expire")
            }
            let probe = await world.probe(phone)
            let elapsed = await world.backend.now - login
            let posts = world.posts.filter { $0 >= login }.map { Self.clockText($0 - login) }.joined(separator: " and ")
            let extend = await world.backend.settings.extendSessionLengthWithActivity
            let story = "\(phone.label) signed in, posted at \(posts.isEmpty ? "no time" : posts), checked \(Self.clockText(elapsed)) after signing in, with \"Extend session length with activity\" \(extend ? "on" : "off")"
            if shouldBeAlive && probe.statusCode != 200 {
                throw StepFailure("the session had expired: \(story); GET /api/v4/users/me answered \(probe.statusCode)")
            }
            if !shouldBeAlive && probe.statusCode == 200 {
                throw StepFailure("the session had not expired: \(story); GET /api/v4/users/me answered 200")
            }
            step.note("\(story): GET /api/v4/users/me answered \(probe.statusCode)")
        }
    }

    // MARK: The phrases

    /// The setting phrases claim only labels about sessions ("Session Length Mobile (days)",
    /// "Extend session length with activity"): a case about another settings page stays unbound
    /// rather than failing on a page the fake does not have.
    static let sessionActions: [SessionPhrase] = [
        SessionPhrase(pattern: #"sessions? lengths? - (mobile|web|sso)\b"#, as: (Substring, Substring).self, named: "Sessions lengths - {kind}") { _, step, match in
            step.note("the case's title line: session lengths for \(String(match.1))")
        },
        SessionPhrase(pattern: #"might want to (?:spin up|use) an? [a-z-]+ for this one"#, named: "might want to spin up a bot-server for this one") { _, step, _ in
            step.note("no server to keep: the case runs on the virtual clock, where a day passes in milliseconds")
        },
        SessionPhrase(pattern: #"since it requires keeping the setting at (\d+) for (?:over |more than )?(\d+|a|an|one) (hours?|days?)"#, as: (Substring, Substring, Substring, Substring).self, named: "since it requires keeping the setting at {int} for over {n} hours") { _, step, match in
            step.note("the setting stays at \(String(match.1)) for the \(String(match.2)) \(String(match.3)) the case needs, on the virtual clock")
        },
        SessionPhrase(pattern: #"log ?out of (?:any|all) (mobile|web|desktop)? ?sessions,?(?: if there are any)?"#, as: (Substring, Substring?).self, named: "log out of any {kind} sessions if there are any") { world, step, match in
            try await logOutSessions(world, step, kind: match.1.map(String.init)?.lowercased())
        },
        SessionPhrase(pattern: #"via (?:account settings|profile) ➜ security ➜ view and log ?out of active sessions"#, named: "via Account Settings ➜ Security ➜ View and Logout of Active Sessions") { _, step, _ in
            step.note("Account Settings ➜ Security ➜ View and Logout of Active Sessions: GET /api/v4/users/me/sessions, then POST /api/v4/users/me/sessions/revoke for each")
        },
        SessionPhrase(pattern: #"set "([^"]*(?:session|extend)[^"]*)" to "?([^ .,"]+)"?(?: in (?:the )?system console)?"#, as: (Substring, Substring, Substring).self, named: "set \"{setting}\" to {value} (in System Console)") { world, step, match in
            try await setSetting(world, step, label: String(match.1), value: String(match.2))
        },
        SessionPhrase(pattern: #"(enable|disable) "([^"]*(?:session|extend)[^"]*)""#, as: (Substring, Substring, Substring).self, named: "enable / disable \"{setting}\"") { world, step, match in
            try await setSetting(world, step, label: String(match.2), value: match.1.lowercased() == "enable" ? "true" : "false")
        },
        SessionPhrase(pattern: #"(?:remain|keep|leave) "([^"]*(?:session|extend)[^"]*)" (?:to|at|as) "?([^ .,"]+)"?"#, as: (Substring, Substring, Substring).self, named: "remain \"{setting}\" to {value}") { world, step, match in
            try await setSetting(world, step, label: String(match.1), value: String(match.2))
        },
        SessionPhrase(pattern: #"(?:at|in) (?:the )?system admin console,?"#, named: "at system admin console,") { world, step, _ in
            _ = try await sessionLengthsPage(world, step)
            // "At system admin console, disable ... and set ...": the change is made, that is saved;
            // a case that lists Save as its own instruction says "in System Console" instead.
            world.saveAfterSetting = step.text
        },
        SessionPhrase(pattern: #"log ?in(?: to the server)? (?:in|on) (?:both |each of )?(.+?) devices?\b"#, as: (Substring, Substring).self, named: "log in (to the server) on {devices} device(s)") { world, step, match in
            try await signInPhones(world, step, named: String(match.1))
        },
        SessionPhrase(pattern: #"\(if (?:you )?don't have both[^)]*\)"#, named: "(if don't have both, ...)") { _, step, _ in
            step.note("(advice for a tester with one phone: the fake has both)")
        },
        SessionPhrase(pattern: #"stay (?:logged|signed) in on (?:that|the|those|each|both) devices? for (>|over |more than )?(\d+|a|an|one) (days?|hours?)"#, as: (Substring, Substring?, Substring, Substring).self, named: "stay logged in on that device for >{n} {unit}") { world, step, match in
            guard let span = Vocabulary.duration(String(match.2), String(match.3)) else { throw StepFailure("not a span of time") }
            // ">1 day": past the day by one ExpiryNotify period, so every job that could notify has run.
            let wait = span + (match.1.map(String.init) != nil ? SessionBackend.expiryNotifyInterval : .zero)
            for phone in world.phones { try? await world.backend.setState(phone.client, .screenLocked) }
            try await step.advance(by: wait)
            step.note("the phones stayed signed in, screens locked, for \(Self.clockText(wait)) on the virtual clock")
        },
        // "Login, visit a channel and post a message", "Login as LDAP user, ...", "Login as SAML or
        // Gitlab user, ...": the test user's account of that method signs in on a browser, whose
        // session the activity phrases then use.
        SessionPhrase(pattern: #"\blog ?in(?: as (?:an? |the )?(ldap|saml or gitlab|saml|gitlab|sso|email|oauth) user)?(?=,| and |\.|$)"#, as: (Substring, Substring?).self, named: "login (as {method} user)") { world, step, match in
            let named = match.1.map { String($0).lowercased() } ?? "email"
            let method = named == "sso" ? LoginMethod.saml : (Vocabulary.loginMethods(in: named).first ?? .emailPassword)
            try await signInBrowser(world, step, method: method)
        },
        SessionPhrase(pattern: #"visit (?:a|the|another) channel"#, named: "visit a channel") { world, step, _ in
            guard let device = world.activeDevice else { throw StepFailure("no device is signed in in this case") }
            switch await world.backend.interact(device.client, .switchChannel(to: "off-topic")) {
            case .success: step.note("\(device.label) opened a channel (view channel)")
            case .failure(let error): throw StepFailure("\(device.label) could not open a channel: \(error.statusCode) \(error.message)")
            }
        },
        SessionPhrase(pattern: #"wait (?:for )?(\d+|a|an|one) (minutes?|hours?|days?)"#, as: (Substring, Substring, Substring).self, named: "wait (for) {n} {unit}") { world, step, match in
            guard let span = Vocabulary.duration(String(match.1), String(match.2)) else { throw StepFailure("not a span of time") }
            // The user leaves the phone meanwhile: its screen locks.
            for phone in world.phones { try? await world.backend.setState(phone.client, .screenLocked) }
            try await step.advance(by: span)
            step.note("waited \(Self.clockText(span)) on the virtual clock")
        },
        SessionPhrase(pattern: #"go back(?= and|\.|$|,)"#, named: "(then) go back") { world, step, _ in
            guard let device = world.activeDevice else { throw StepFailure("no device is signed in in this case") }
            let result = await world.backend.interact(device.client, .openMenu)
            let status = await world.backend.status(of: device.client)
            switch result {
            case .success: step.note("\(device.label): back in the app, still signed in")
            case .failure: step.note("\(device.label): back in the app, which found its session gone and went to \(status?.location ?? "?")")
            }
        },
        SessionPhrase(pattern: #"(?:post|send) a (?:message|post)"#, named: "post a message") { world, step, _ in
            guard let device = world.activeDevice else { throw StepFailure("no channel is open on any device in this case") }
            switch await world.backend.post("Hello from Stepwise", in: device.client) {
            case .success:
                world.posts.append(await world.backend.now)
                step.note("\(device.label) posted a message")
            case .failure(let error):
                throw StepFailure("\(device.label) could not post: \(error.statusCode) \(error.message)")
            }
        },
        SessionPhrase(pattern: #"make a (?:second|another|new|third) post"#, named: "make a second post") { world, step, _ in
            try await post("another one", from: world.activityDevices, world, step, refusalFails: false)
        },
        SessionPhrase(pattern: #"when (disabled|enabled),? it should(?: not)? (?:have )?extend(?:ed)?(?: (?:due to|even with) (?:the )?user activity)?\.?"#, as: (Substring, Substring).self, named: "when disabled, it should not extend even with user activity") { _, step, match in
            step.note("what this step shows: the session length with the setting \(String(match.1))")
        },
    ]

    // MARK: What the phrases do

    /// "24 h 15 min", "15 min", "0 s": a span of the virtual clock as a tester reads it.
    static func clockText(_ span: Duration) -> String {
        let seconds = Int(span.components.seconds)
        let (days, hours, minutes, rest) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60)
        let parts = [(days, "d"), (hours, "h"), (minutes, "min"), (rest, "s")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "0 s" : parts.joined(separator: " ")
    }

    /// System Console ➜ Environment ➜ Session Lengths, opened by the admin if it is not open.
    static func sessionLengthsPage(_ world: MattermostWorld, _ step: StepContext) async throws -> SystemConsole {
        if let console = world.console, await console.url == SystemConsole.sessionLengthsRoute { return console }
        try await openConsole(world, step, path: ["Environment", "Session Lengths"])
        return try world.requireConsole()
    }

    /// Sets a Session Lengths field found by the case's label. The label a case writes often
    /// differs from the page's ("Session length for mobile apps (days):" for "Session Length Mobile
    /// (days):"): the field is the one about the same thing (mobile, SSO, web, cache, extension) in
    /// the same unit. A field in another unit (days in the case, hours on today's page) fails.
    static func setSetting(_ world: MattermostWorld, _ step: StepContext, label: String, value: String) async throws {
        let console = try await sessionLengthsPage(world, step)
        let fields = try await consoleCall { try await console.sessionLengthFields() }
        guard let field = Self.field(resembling: label, in: fields) else {
            let topic = Self.topic(of: label)
            let near = fields.first { Self.topic(of: $0.label) == topic && topic != nil }
            let hint = near.map { ": the page has \"\($0.label.trimmingCharacters(in: " "))\"" + ($0.unit != nil ? ", which counts \($0.unit!)" : "") } ?? ""
            throw StepFailure("System Console ➜ Environment ➜ Session Lengths of \(world.version) has no \"\(label)\"\(hint)")
        }
        if world.originalValues[field.label] == nil { world.originalValues[field.label] = field.value }
        try await consoleCall { try await console.set(field.label, to: value) }
        world.fieldsSet.append((field.label, value))
        let shown = field.label.trimmingCharacters(in: " ")
        step.note("\"\(shown)\" ← \(value)" + (shown.lowercased().hasPrefix(label.lowercased().trimmingCharacters(in: " :")) ? "" : " (the page's name for \"\(label)\")"))
        let other = otherVersion(world.version)
        if let unit = field.unit, unit != "minutes", unit != (other.sessionLengthsInHours ? "hours" : "days") {
            step.note("version difference: on \(other) Session Lengths counts \(other.sessionLengthsInHours ? "hours" : "days") (\"Session Length \(field.label.contains("Mobile") ? "Mobile" : field.label.contains("SSO") ? "SSO" : "AD/LDAP and Email") (\(other.sessionLengthsInHours ? "hours" : "days")):\"), so \"\(label)\" is out of date there")
        }
        if field.kind == .toggle && !other.hasExtendSessionLengthWithActivity {
            step.note("version difference: \(other) has no \"\(field.label.trimmingCharacters(in: " "))\" (it came with v5.24)")
        }
        if world.saveAfterSetting == step.text { try await saveSettingsPage(world, step) }
    }

    /// What a label is about: "mobile", "sso", "web", "cache", "idle", "extend", "terminate".
    static func topic(of label: String) -> String? {
        let lower = label.lowercased()
        for (word, topic) in [("extend", "extend"), ("terminate", "terminate"), ("idle", "idle"), ("cache", "cache"), ("mobile", "mobile"),
                              ("sso", "sso"), ("email", "web"), ("ldap", "web"), ("web", "web")] where lower.contains(word) {
            return topic
        }
        return nil
    }

    static func field(resembling label: String, in fields: [SettingField]) -> SettingField? {
        func plain(_ text: String) -> String { text.lowercased().trimmingCharacters(in: " :") }
        if let exact = fields.first(where: { plain($0.label) == plain(label) }) { return exact }
        guard let topic = topic(of: label) else { return nil }
        let unit = ["days", "hours", "minutes"].first { label.lowercased().contains($0) }
        return fields.first { topic == Self.topic(of: $0.label) && (unit == nil || $0.unit == nil || unit == $0.unit) }
    }

    /// Clicks Save on the settings page that is open.
    static func saveSettingsPage(_ world: MattermostWorld, _ step: StepContext) async throws {
        guard let console = world.console, await console.url == SystemConsole.sessionLengthsRoute else {
            throw StepFailure("no settings page is open to save")
        }
        try await consoleCall { try await console.save() }
        let fields = try await consoleCall { try await console.sessionLengthFields() }
        step.note("saved: " + fields.map { "\($0.label.trimmingCharacters(in: " ")) \($0.value)" }.joined(separator: ", "))
    }

    /// "Log out of any MOBILE sessions": the test user, in a browser, revokes their own sessions of
    /// that kind (`POST /api/v4/users/me/sessions/revoke`).
    static func logOutSessions(_ world: MattermostWorld, _ step: StepContext, kind: String?) async throws {
        let user = await world.account(for: .emailPassword)
        let browser = try await world.signIn(user, on: .browser(.chrome, on: .mac), method: .emailPassword, posture: .awake, behaviour: .untouched)
        guard case .success(let sessions) = await world.backend.getSessions(userID: "me", token: browser.token) else {
            throw StepFailure("\(user.username) could not list their sessions")
        }
        var revoked = 0
        for session in sessions where kind != "mobile" || session.isMobileApp {
            guard session.id != browser.sessionID else { continue }
            if case .success = await world.backend.revokeSession(userID: user.id, sessionID: session.id, token: browser.token) { revoked += 1 }
        }
        step.note("\(user.username) listed \(sessions.count) session(s) and logged out of \(revoked) \(kind ?? "") session(s)")
    }

    /// Signs the test user in on the phones a text names ("BOTH an Android and an iOS", "iOS/Android").
    static func signInPhones(_ world: MattermostWorld, _ step: StepContext, named text: String) async throws {
        let kinds = Vocabulary.mobileApps(in: text)
        guard !kinds.isEmpty else { throw StepFailure("'\(text)' names no phone") }
        let user = await world.account(for: .emailPassword)
        world.phones = []
        for kind in kinds {
            let phone = try await world.signIn(user, on: kind, method: .emailPassword, posture: .unlocked, behaviour: .untouched)
            try? await world.backend.setState(phone.client, .active)
            world.phones.append(phone)
            world.devices.append(phone)
            step.note("\(user.username) signed in on \(phone.label), session \(phone.sessionID)")
        }
        world.activeDevice = world.phones.last
        world.phoneLogin = await world.backend.now
        if kinds.count > 1 && text.contains("/") { step.note("\"\(text)\" names either phone: both are used") }
    }

    /// Runs the procedure an expectation's step keeps in its Step Info (a list of instructions,
    /// such as MM-T4048's "Related ticket(s)"), once, when the step itself has no instructions:
    /// each line through the session-length phrases, in the order written.
    static func runStepInfoProcedure(_ world: MattermostWorld, _ step: StepContext) async throws {
        guard let testCase = world.testCase,
              let owner = testCase.steps.first(where: { $0.expectations.contains { $0.text == step.text } }),
              owner.instructions.isEmpty, !world.proceduresRun.contains(owner.number) else { return }
        world.proceduresRun.insert(owner.number)
        let lines = owner.info.flatMap { listItems($0.value.nodes) }
        guard !lines.isEmpty else { return }
        for (index, line) in lines.enumerated() {
            step.note("Step Info \(index + 1): \(line)")
            let found = sessionActions.flatMap { $0.occurrences(line) }.sorted { $0.range.lowerBound < $1.range.lowerBound }
            var end = line.startIndex
            for part in found where part.range.lowerBound >= end {
                try await part.run(world, step)
                end = part.range.upperBound
            }
        }
    }

    /// The items of the ordered lists in a rich text, as plain text.
    static func listItems(_ nodes: [RichText.Node]) -> [String] {
        var result: [String] = []
        for node in nodes {
            switch node {
            case .list(ordered: true, _, let items):
                result += items.map { RichText($0).plainText.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            case .paragraph(let children), .group(let children), .blockQuote(let children):
                result += listItems(children)
            default: break
            }
        }
        return result
    }

    /// A config key's value in `settings`, as `config.json` writes it ("true", "720").
    static func configValue(_ key: String, in settings: ServerSettings, version: MattermostVersion) -> String? {
        switch key.split(separator: ".").last.map(String.init) ?? key {
        case "ExtendSessionLengthWithActivity":
            return version.hasExtendSessionLengthWithActivity ? String(settings.extendSessionLengthWithActivity) : nil
        case "TerminateSessionsOnPasswordChange":
            return version.hasTerminateSessionsOnPasswordChange ? String(settings.terminateSessionsOnPasswordChange) : nil
        case "SessionLengthWebInHours": return String(settings.sessionLengthWebInHours)
        case "SessionLengthMobileInHours": return String(settings.sessionLengthMobileInHours)
        case "SessionLengthSSOInHours": return String(settings.sessionLengthSSOInHours)
        case "SessionLengthWebInDays": return String(settings.sessionLengthWebInHours / 24)
        case "SessionLengthMobileInDays": return String(settings.sessionLengthMobileInHours / 24)
        case "SessionLengthSSOInDays": return String(settings.sessionLengthSSOInHours / 24)
        case "SessionCacheInMinutes": return String(settings.sessionCacheInMinutes)
        case "SessionIdleTimeoutInMinutes": return String(settings.sessionIdleTimeoutInMinutes)
        default: return nil
        }
    }
}

extension MattermostSteps {
    /// The settings a fresh server of the world's release starts with (`ServerSettings.defaults`),
    /// with the planted fault that spoils them, if selected.
    static func freshSettings(_ world: MattermostWorld, upgraded: Bool) -> ServerSettings {
        var settings = ServerSettings.defaults(for: world.version, upgraded: upgraded)
        if !upgraded && world.backend.configuration.faults.contains(.extendOffOnNewInstall) { settings.extendSessionLengthWithActivity = false }
        return settings
    }
}
