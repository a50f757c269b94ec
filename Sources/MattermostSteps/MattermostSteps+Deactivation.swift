import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// Deactivating a user while someone has a DM with them open (MM-T944 and its neighbours).
    func defineDeactivation(_ steps: inout Steps<MattermostWorld>) {
        // "Open a DM with a user you want to deactivate": the admin, on a browser, opens a DM with a
        // user who is signed in elsewhere.
        steps.action(pattern: #"open a (?:dm|direct message) with (?:a|the) user(?: you want to deactivate)?"#, named: "open a DM with a user you want to deactivate",
                     matching: .phrase) { world, step, _ in
            if world.adminDevice == nil { try await Self.signInAdmin(world, step) }
            guard let device = world.adminDevice, let admin = world.admin else { return }
            let partner = await world.backend.createUser(NewUser(username: "dana.dm", password: world.password, firstName: "Dana", lastName: "Dee"))
            world.accounts.append((.emailPassword, partner))
            let own = try await world.signIn(partner, on: .browser(.chrome, on: .linux), method: .emailPassword, posture: .awake, behaviour: .untouched)
            world.devices.append(own)
            guard let channel = await world.backend.directChannel(between: admin.id, and: partner.id) else { throw StepFailure("no DM channel could be made") }
            if case .failure(let error) = await world.backend.view(channel: channel, in: device.client) {
                throw StepFailure("\(device.label) could not open the DM: \(error.message)")
            }
            world.dm = (channel, device, partner)
            world.activeDevice = device
            step.note("\(admin.username) on \(device.label) opened the DM with \(partner.username) (who is signed in on \(own.label))")
        }

        // "Open an additional tab or browser (logged in as same user)": the same user on a second browser.
        steps.action(pattern: #"open an(?:other| additional) (?:tab|browser)(?: or (?:tab|browser))?(?: \((?:logged|signed) in as (?:the )?same user\))?"#,
                     named: "open an additional tab or browser (logged in as same user)", matching: .phrase) { world, step, _ in
            if world.adminDevice == nil { try await Self.signInAdmin(world, step) }
            guard let admin = world.admin else { return }
            let used = Set((world.devices + world.bystanders + [world.adminDevice!]).map(\.kind))
            let kind = ClientKind.all.first { !$0.isMobile && !used.contains($0) } ?? .browser(.edge, on: .windows)
            let device = try await world.signIn(admin, on: kind, method: .emailPassword, posture: .awake, behaviour: .untouched)
            world.consoleDevice = device
            step.note("\(admin.username) also signed in on \(device.label)")
        }

        // "Position first browser so you can see LHS while working in System Console window".
        steps.action(pattern: #"position (?:the )?first browser so (?:that )?you can see (?:the )?lhs while working in (?:the )?system console(?: window)?"#,
                     named: "position first browser so you can see LHS", matching: .phrase) { world, step, _ in
            guard let dm = world.dm else { throw StepFailure("no DM is open in this case") }
            let entries = await world.backend.sidebar(of: dm.device.client)
            step.note("\(dm.device.label)'s LHS: " + entries.map { "@\($0.teammate) (\($0.showsArchiveIcon ? "archive icon" : "avatar"))" }.joined(separator: ", "))
        }

        // "In System Console,": where the next phrases happen.
        steps.action(pattern: #"^in (?:the )?system console,"#, named: "In System Console,", matching: .phrase) { world, _, _ in
            _ = try world.requireConsole()
        }

        // "Observe DM in LHS in first browser".
        steps.action(pattern: #"observe (?:the )?dm in (?:the )?lhs(?: in (?:the )?first browser)?"#, named: "observe DM in LHS in first browser", matching: .phrase) { world, step, _ in
            guard let dm = world.dm else { throw StepFailure("no DM is open in this case") }
            let entry = await world.backend.sidebar(of: dm.device.client).first { $0.channelID == dm.channelID }
            step.note("\(dm.device.label)'s LHS shows @\(dm.partner.username) with \(entry?.showsArchiveIcon == true ? "the archive icon" : "the avatar")")
        }

        // "DM channel immediately changes to archive icon in LHS": right when Deactivate was
        // confirmed, without a reload, and the user's sessions are gone.
        steps.check(pattern: #"(?:the )?dm(?: channel)? (immediately )?changes to (?:the |an )?archive(?:d)? icon in (?:the )?lhs"#, as: (Substring, Substring?).self, named: "DM channel immediately changes to archive icon in LHS",
                    matching: .phrase) { world, step, _ in
            guard let dm = world.dm, let deactivation = world.deactivation else { throw StepFailure("nobody deactivated the DM's other member in this case") }
            let entry = deactivation.sidebar.first { $0.channelID == dm.channelID }
            step.expect(entry?.showsArchiveIcon == true,
                          "right after Deactivate, \(dm.device.label)'s LHS still shows @\(dm.partner.username) with the avatar, not the archive icon: no user_updated event reached it")
            if entry?.showsArchiveIcon == true {
                step.note("\(dm.device.label)'s LHS showed the archive icon for @\(dm.partner.username) at the instant of Deactivate (the user_updated websocket event)")
            }
            for device in world.devices where device.username == dm.partner.username {
                let probe = await world.probe(device)
                step.expect(probe.statusCode == 401, "\(dm.partner.username) is still signed in on \(device.label) after being deactivated: GET /api/v4/users/me returned \(probe.statusCode)")
                step.note("\(dm.partner.username)'s session on \(device.label) answers \(probe.statusCode): deactivation revoked it")
            }
        }

        // "Click over to first browser".
        // (an instruction elsewhere, the start of an expectation in MM-T944)
        steps.action(pattern: #"click over to (?:the )?first browser"#, named: "click over to first browser", matching: .phrase) { world, _, _ in
            try await Self.clickOverToFirstBrowser(world)
        }
        steps.check(pattern: #"click over to (?:the )?first browser"#, named: "click over to first browser", matching: .phrase) { world, _, _ in
            try await Self.clickOverToFirstBrowser(world)
        }

        // "verify message box in DM and also reply box in DM RHS are both replaced by message "…"".
        steps.check(pattern: #"(?:and )?verify (?:the )?message box(?: in (?:the )?dm)?(?: and also (?:the )?reply box in (?:the )?dm rhs)? (?:are both|is|are) replaced by (?:the )?message "([^"]*)""#, as: (Substring, Substring).self,
                    named: "verify message box in DM and reply box in DM RHS are both replaced by message \"{message}\"", matching: .phrase) { world, step, match in
            guard let dm = world.dm else { throw StepFailure("no DM is open in this case") }
            let quoted = String(match.1)
            let center = await world.backend.postBox(of: dm.device.client)
            let reply = await world.backend.replyBox(of: dm.device.client)
            for (name, box) in [("message box", center), ("RHS reply box", reply)] {
                guard let text = box?.replacement else {
                    step.fail("the DM's \(name) in \(dm.device.label) is still there: it was not replaced")
                    continue
                }
                Self.expectMessage(step, shown: [text], quoted: quoted, context: "the DM's \(name)")
            }
            let other = Self.otherVersion(world.version)
            Self.noteVersions(step, this: SessionBackend.deactivatedDMMessage(world.version), other: SessionBackend.deactivatedDMMessage(other),
                              quoted: quoted, otherVersion: other)
        }

        // "so the DM is read-only": posting is not possible.
        steps.check(pattern: #"so (?:that )?the dm is read-only"#, named: "so the DM is read-only", matching: .phrase) { world, step, _ in
            guard let dm = world.dm else { throw StepFailure("no DM is open in this case") }
            switch await world.backend.post("still there?", in: dm.device.client) {
            case .success: throw StepFailure("\(dm.device.label) could still post in the DM with deactivated \(dm.partner.username)")
            case .failure: step.note("\(dm.device.label) has no message box in the DM: it is read-only")
            }
        }
    }

    static func clickOverToFirstBrowser(_ world: MattermostWorld) async throws {
        guard let dm = world.dm else { throw StepFailure("no DM is open in this case") }
        do { try await world.backend.setState(dm.device.client, .active) } catch { throw StepFailure(error.message) }
        world.activeDevice = dm.device
    }
}
