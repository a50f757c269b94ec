import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// What the specs expect after a revoke, checked on every session the case created.
    func defineExpectations(_ steps: inout Steps<MattermostWorld>) {
        // "Other users' sessions are all revoked": every token of the chosen user answers 401 and
        // the server lists no session for them; people who were not chosen keep theirs.
        steps.check(pattern: #"(?:the )?other users?'?s?'? sessions? (?:are|is|should be) (?:all )?(?:revoked|deactivated|ended)"#, named: "other users' sessions are all revoked", matching: .phrase) {
            world, step, _ in
            let revoke = try world.requireRevoke()
            let when = await world.sinceRevoke()
            // People who were not chosen first: a revoke of the wrong user shows best through them.
            if case .users = revoke.scope {
                for device in world.bystanders + (world.adminDevice.map { [$0] } ?? []) {
                    let probe = await world.probe(device)
                    step.expect(probe.statusCode == 200,
                                "\(device.username), who was not chosen, lost the session on \(device.kind) \(when) "
                                    + "(GET /api/v4/users/me returned \(probe.statusCode)): the wrong user's sessions were revoked")
                }
            }
            var revoked = 0
            for device in world.devices {
                let probe = await world.probe(device)
                if probe.statusCode == 401 { revoked += 1 }
                step.expect(probe.statusCode == 401,
                            "\(device.fullLabel) still has a valid session \(when): GET /api/v4/users/me returned \(probe.statusCode)")
            }
            for account in world.accounts {
                let left = await world.backend.storedSessions(ofUser: account.user.id)
                step.expect(left.isEmpty, "the server still lists \(left.count) session(s) of \(account.user.username) \(when)")
            }
            step.note("\(revoked) of the \(world.devices.count) session(s) of \(world.accounts.map(\.user.username).joined(separator: ", ")) answer 401 \(when)")
        }

        // "(the) user is redirected to (the) login page(, either)": every watched device ends on
        // the login page within the watch; the admin when the item made them its subject.
        steps.check(pattern: #"(?:the )?users? (?:is |are |should be |gets? )?redirected to (?:the )?login page(?:, either)?"#, named: "user is redirected to login page", matching: .phrase) {
            world, step, _ in
            if world.adminSubjectItem == step.text, let admin = world.adminDevice {
                let status = await world.backend.status(of: admin.client)
                let when = await world.sinceRevoke()
                step.expect(status?.isOnLoginPage == true, "\(admin.fullLabel) (the admin) is still on \(status?.location ?? "?") \(when)")
                step.note("\(admin.fullLabel) (the admin): on \(status?.location ?? "?")")
                return
            }
            let watch = try await Self.watch(world, step, interactions: true)
            for observation in watch.observations {
                step.note(observation.summary)
                if observation.redirectedAfter == nil {
                    step.fail("\(observation.device.fullLabel) is still on \(observation.location) "
                              + "\(DurationRange.format(RedirectWatch.deadline)) after the revoke: never sent to the login page")
                } else if !observation.location.hasPrefix("/login") {
                    step.fail("\(observation.device.fullLabel) ended on \(observation.location), not the login page")
                } else if !observation.device.kind.isMobile && !observation.location.includes("extra=expired") {
                    step.fail("\(observation.device.fullLabel) went to \(observation.location) without extra=expired")
                }
            }
        }

        // "When the user tries to switch channels or otherwise interact with the app": at once, that
        // is in the REST call the interaction makes (exactly then on the virtual clock; within
        // `atOnce` on a real one, where the call itself takes time).
        steps.check(pattern: #"when the user tries to (?:switch channels|interact)(?: or otherwise interact with the app)?"#, named: "when the user tries to switch channels or interact", matching: .phrase) {
            world, step, _ in
            let watch = try await Self.watch(world, step, interactions: true)
            var checked = 0
            for observation in watch.observations {
                guard case .interacts = observation.device.behaviour else { continue }
                guard let interactedAt = observation.interactedAt else {
                    step.note("\(observation.summary) (it noticed before its user interacted)")
                    continue
                }
                checked += 1
                step.note(observation.summary)
                let lag = observation.redirectedAfter.map { $0 - interactedAt }
                step.expect(observation.detection == .interaction && lag.map { $0 >= .zero && $0 <= Self.atOnce } == true,
                            "\(observation.device.fullLabel): the user interacted \(DurationRange.format(interactedAt)) after the revoke "
                                + "but was \(observation.redirectedAfter.map { "redirected after \(DurationRange.format($0))" } ?? "never redirected")"
                                + ", not at once")
            }
            step.expect(checked > 0, "no device's user interacted while still signed in, so nothing showed the redirect on interaction")
        }

        // "Automatically after a period of ~2-30 seconds without the user touching the app".
        steps.check("automatically after a period of {period} without the user touching the app", matching: .phrase) {
            (world, step, period: DurationRange) in
            let watch = try await Self.watch(world, step, interactions: true)
            step.note(Self.idleDetection(world.version) + (world.version == .current ? "" : "; version difference: " + Self.idleDetection(.current)))
            try Self.checkAutomatic(watch, period: period, step: step)
        }

        // "Other user can successfully log back in (test on at least one)": one device per account.
        steps.check(pattern: #"(?:the )?(?:other )?users? can (?:successfully )?log (?:back )?in(?: again)?(?: \(test on at least (?:one|\d+)\))?"#, named: "other user can successfully log back in", matching: .phrase) {
            world, step, _ in
            _ = try world.requireRevoke()
            for account in world.accounts {
                guard let device = world.devices.first(where: { $0.username == account.user.username }) else { continue }
                switch await world.backend.signIn(device.client, username: account.user.username, password: world.password, method: account.method) {
                case .failure(let error):
                    step.fail("\(account.user.username) could not log back in on \(device.label) by \(account.method) \(await world.sinceRevoke()): "
                              + "the server answered \(error.statusCode) \(error.id): \(error.message)")
                case .success(let response):
                    let fresh = await world.backend.validate(token: response.token)
                    let old = await world.probe(device)
                    let status = await world.backend.status(of: device.client)
                    step.expect(response.token != device.token && response.sessionID != device.sessionID,
                                "\(account.user.username) got the old session back on \(device.label)")
                    step.expect(fresh, "\(account.user.username)'s new token on \(device.label) is refused")
                    step.expect(old.statusCode == 401, "\(account.user.username)'s old token works again after logging back in")
                    step.note("\(device.fullLabel): logged back in, new session \(response.sessionID) on \(status?.location ?? "?"); the old token still answers \(old.statusCode)")
                }
            }
        }

        // MM-T940: the confirmation's text.
        steps.check(pattern: #"(?:check (?:if|that) )?a confirmation (?:message|modal|dialog) is displayed(?: "([^"]*)")?"#, as: (Substring, Substring?).self, named: "a confirmation message is displayed \"{text}\"", matching: .phrase) {
            world, step, match in
            guard let modal = world.modals.first else { throw StepFailure("no confirmation was displayed in this case") }
            step.note("\(modal.title): \"\(modal.message)\"")
            if let wanted = match.1 {
                step.expect(modal.message == String(wanted), "the confirmation said \"\(modal.message)\", not \"\(wanted)\"")
            }
        }

        // "When user clicks on Cancel button in the confirmation message, the existing user's
        // session should still be active."
        steps.check(pattern: #"when (?:the )?user clicks (?:on )?(?:the )?cancel button(?: in the confirmation(?: message| modal)?)?"#, named: "when user clicks on Cancel button", matching: .phrase) {
            world, step, _ in
            guard world.afterCancel != nil else { throw StepFailure("nobody clicked Cancel in a confirmation in this case") }
        }
        steps.check(pattern: #"the existing users?'?s? sessions? should (?:still )?be active"#, named: "the existing user's session should still be active", matching: .phrase) { world, step, _ in
            guard let probes = world.afterCancel else { throw StepFailure("nobody clicked Cancel in a confirmation in this case") }
            for probe in probes {
                step.expect(probe.statusCode == 200,
                            "\(probe.device.fullLabel) was signed out by Cancel: GET /api/v4/users/me returned \(probe.statusCode)")
            }
            step.note("after Cancel, \(probes.filter { $0.statusCode == 200 }.count) of \(probes.count) sessions answered 200")
        }

        // "All the users' session should be automatically logged out from all the browsers and devices".
        steps.check(pattern: #"all (?:the )?users'? sessions? should be automatically logged out from all (?:the )?browsers and devices"#, named: "all the users' sessions should be automatically logged out from all browsers and devices", matching: .phrase) {
            world, step, _ in
            let when = await world.sinceRevoke()
            for device in world.everyDevice {
                let probe = await world.probe(device)
                step.expect(probe.statusCode == 401,
                            "\(device.fullLabel) still has a valid session \(when): GET /api/v4/users/me returned \(probe.statusCode)")
            }
            let count = await world.backend.sessionCount
            step.expect(count == 0, "the server still holds \(count) session(s) \(when)")
            let watch = try await Self.watch(world, step, interactions: false)
            for observation in watch.observations {
                step.note(observation.summary)
                step.expect(observation.redirectedAfter != nil,
                            "\(observation.device.fullLabel) is still on \(observation.location) \(DurationRange.format(RedirectWatch.deadline)) after the revoke")
            }
        }
        // "... when 'Revoke All Sessions' option was clicked in the confirmation message".
        steps.check(pattern: #"when ["']([^"']+)["'] (?:option|button) (?:was|is) clicked in the confirmation(?: message| modal)?"#, as: (Substring, Substring).self, named: "when '{button}' option was clicked in the confirmation message", matching: .phrase) {
            world, step, match in
            let revoke = try world.requireRevoke()
            step.expect(revoke.confirmLabel.lowercased() == match.1.lowercased(),
                        "the revoke came from \"\(revoke.confirmLabel)\", not \"\(match.1)\"")
        }

        // "a message should be displayed in the login page 'Your session has expired. Please log in again.'"
        steps.check("a message should be displayed in/on the login page {string}", matching: .phrase) { (world, step, message: String) in
            let watch = try await Self.watch(world, step, interactions: false)
            for observation in watch.observations {
                if observation.device.kind.isMobile {
                    step.note("\(observation.device.fullLabel): on the app's login screen (\(observation.location)); the app shows no banner there")
                    continue
                }
                step.expect(observation.banner == message,
                            "\(observation.device.fullLabel) shows \(observation.banner.map { "\"\($0)\"" } ?? "no message") on \(observation.location)")
                step.note("\(observation.device.fullLabel): \"\(observation.banner ?? "")\"")
            }
        }

        // "Even the current system admin's session should also be deactivated".
        steps.check(pattern: #"(?:even )?the current system admin's session should (?:also )?be (?:deactivated|revoked)"#, named: "the current system admin's session should also be deactivated", matching: .phrase) {
            world, step, _ in
            guard let admin = world.adminDevice else { throw StepFailure("no system admin signed in in this case") }
            let probe = await world.probe(admin)
            let when = await world.sinceRevoke()
            step.expect(probe.statusCode == 401,
                        "\(admin.fullLabel) (the admin) still has a valid session \(when): GET /api/v4/users/me returned \(probe.statusCode)")
            world.adminSubjectItem = step.text
        }
    }

    /// How an idle tab of `version` notices a revoke, from the model's constants: what MM-T938's
    /// "automatically after a period of ~2-30 seconds" rests on. Today's webapp has no status poll
    /// (`startPeriodicStatusUpdates` is never called), an error reply to its ping still runs the
    /// pong callback (`platform/client/src/websocket.ts`), and the revoking node does not
    /// invalidate the tab's websocket (`ClearUserSessionCache`, MM-68543): nothing notices until
    /// the tab's next REST call, that is its user's next interaction.
    static func idleDetection(_ version: MattermostVersion) -> String {
        let model = BackendConfiguration(version: version)
        let timing = model.clientTiming
        if timing.statusPollInterval == nil && !model.websocketInvalidatedOnRevoke {
            return "on \(version) an idle tab never notices by itself (no status poll; its socket is not invalidated and answers its pings): it reaches the login page at its next REST call, when its user interacts, so \"automatically after ~2-30 seconds\" is out of date there"
        }
        var ways: [String] = []
        if model.websocketInvalidatedOnRevoke {
            ways.append("the next failed \(DurationRange.format(timing.websocketPingInterval)) ping and a \(DurationRange.format(timing.websocketReconnectDelay.lowerBound))-\(DurationRange.format(timing.websocketReconnectDelay.upperBound)) reconnect whose REST sync meets the 401")
        }
        if let poll = timing.statusPollInterval { ways.append("the \(DurationRange.format(poll)) status poll") }
        return "on \(version) an idle tab notices by " + ways.joined(separator: " or ") + ", at most \(DurationRange.format(timing.idleDetectionBound)) after the revoke"
    }

    /// The redirect watch of the case, run on first use from the revoke on.
    static func watch(_ world: MattermostWorld, _ step: StepContext, interactions: Bool) async throws -> RedirectWatch {
        if let watch = world.watch { return watch }
        let revoke = try world.requireRevoke()
        let watch = try await RedirectWatch.run(world.devices, world: world, revokeInstant: revoke.instant,
                                                interactions: interactions, step: step)
        world.watch = watch
        return watch
    }

    /// Every device nobody touched noticed by itself inside the period the text states. A `~`
    /// widens its upper end by a quarter (a tester's "~30 seconds" is an estimate; Mattermost's own
    /// constants allow 30 s to the next ping plus 5 s to reconnect). Noticing sooner than the lower
    /// end is reported, not failed: no tester fails a case because the logout came early.
    static func checkAutomatic(_ watch: RedirectWatch, period: DurationRange, step: StepContext) throws {
        let upper = period.upperBound.map { period.isApproximate ? $0 + $0 / 4 : $0 }
        let window = upper.map { DurationRange(lowerBound: .zero, upperBound: $0) } ?? period
        var checked = 0
        for observation in watch.observations where observation.interactedAt == nil {
            checked += 1
            guard let noticed = observation.noticedAfter else {
                step.fail("\(observation.device.fullLabel) is still on \(observation.location) "
                          + "\(DurationRange.format(RedirectWatch.deadline)) after the revoke without its user touching it")
                continue
            }
            var note = observation.summary
            if noticed < period.lowerBound { note += " (sooner than the \(DurationRange.format(period.lowerBound)) the text gives)" }
            step.note(note)
            step.expect(window.contains(noticed),
                        "\(observation.device.fullLabel) took \(DurationRange.format(noticed)) to reach the login page by itself, "
                            + "outside \(Self.written(period)) (accepted up to \(window.upperBound.map(DurationRange.format) ?? "any time"))")
        }
        step.expect(checked > 0, "every device's user interacted, so nothing showed the automatic redirect")
    }

    /// A span as the text writes it: "~2-30 s", "over 24 s".
    static func written(_ period: DurationRange) -> String {
        guard let upper = period.upperBound, upper != period.lowerBound else { return period.description }
        let low = DurationRange.format(period.lowerBound)
        return (period.isApproximate ? "~" : "") + low.dropLast(2) + "-" + DurationRange.format(upper)
    }
}
