import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// Team and channel admins, and demoting a user to guest from the System Console (MM-T3898 and
    /// the neighbours that demote or promote).
    func defineGuests(_ steps: inout Steps<MattermostWorld>) {
        // "Make a user Team Admin & Channel Admin (same or different team/channel)": the admin
        // sets the test user's team and town-square memberships to scheme admin.
        steps.action(pattern: #"make (?:a|the) user (?:a )?team admin (?:&|and) channel admin(?: \([^)]*\))?"#, named: "make a user Team Admin & Channel Admin", matching: .phrase) {
            world, step, _ in
            let user = try await Self.subjectSignedIn(world, step)
            if world.adminDevice == nil { try await Self.signInAdmin(world, step) }
            let token = await world.backend.status(of: world.adminDevice!.client)?.token
            for team in [true, false] {
                switch await world.backend.setSchemeAdmin(userID: user.id, team: team, isAdmin: true, token: token) {
                case .success(let membership):
                    step.expect(membership.isAdmin, "\(user.username)'s \(team ? "team" : "channel") membership is \(membership.roles), not admin")
                    step.note("\(user.username) in \(team ? "the team" : "town-square"): \(membership.roles)")
                case .failure(let error):
                    step.fail("the admin could not make \(user.username) \(team ? "team" : "channel") admin: \(error.statusCode) \(error.message)")
                }
            }
        }

        // "Demote the user to guest": System Console ➜ Users ➜ the user's drop-down ➜ Demote to
        // Guest ➜ Demote. Demoting needs an Enterprise licence and guest accounts on, which the admin
        // sets up first (a tester's server would have them).
        steps.action(pattern: #"demote (?:the |that |a )?user to (?:a )?guest"#, named: "demote the user to guest", matching: .phrase) { world, step, _ in
            let user = try await Self.subjectSignedIn(world, step)
            try await Self.enableGuestAccounts(world, step)
            let console = try await Self.usersPage(world, step)
            try await Self.consoleCall { try await console.navigate(to: ["Users"]) }
            _ = try await Self.openMenu(console, step, for: user.username)
            let label = console.version == .legacy ? "Demote to Guest" : "Demote to guest"
            try await Self.consoleCall { try await console.choose(label) }
            guard let modal = await console.modal else { throw StepFailure("\"\(label)\" opened no confirmation for \(user.username)") }
            try await Self.consoleCall { try await console.confirm() }
            let rows = try await Self.consoleCall { try await console.rows() }
            let row = rows.first { $0.username == user.username }
            guard row?.isGuest == true else { throw StepFailure("\(user.username)'s row is not a guest after \"\(modal.confirmLabel)\"") }
            step.note("\(modal.title) ➜ \(modal.confirmLabel): the row now reads \"\(try await Self.consoleCall { try await console.menu(at: rows.firstIndex { $0.username == user.username }!) }.buttonLabel)\"")
        }

        // "Make sure user doesn't have access to team and channel settings": neither membership is
        // admin any more, both are guest ones; the user stays signed in (demoting revokes nothing).
        steps.action(pattern: #"make sure (?:the )?user (?:doesn.?t|does not) have access to (?:the )?team and channel settings"#, named: "make sure user doesn't have access to team and channel settings",
                     matching: .phrase) { world, step, _ in
            guard let user = world.subject else { throw StepFailure("nobody was demoted in this case") }
            for team in [true, false] {
                guard let membership = await world.backend.membership(userID: user.id, team: team) else { continue }
                step.expect(!membership.isAdmin, "\(user.username) is still \(team ? "team" : "channel") admin after the demotion (\(membership.roles)): they keep the \(team ? "team" : "channel") settings")
                step.expect(membership.schemeGuest, "\(user.username)'s \(team ? "team" : "channel") membership is \(membership.roles), not a guest one")
                step.note("\(user.username) in \(team ? "the team" : "town-square"): \(membership.roles)")
            }
            if let device = world.devices.last(where: { $0.username == user.username }) {
                let probe = await world.probe(device)
                step.expect(probe.statusCode == 200, "\(device.fullLabel) was logged out by the demotion: GET /api/v4/users/me answered \(probe.statusCode)")
                step.note("\(device.label) stays signed in: demoting revokes no session (app/user.go DemoteUserToGuest)"
                          + (world.version == .current ? "; its session now has the guest's roles" : "; on \(world.version) the session keeps the roles it was made with until the next login (version difference: today's server rewrites them)"))
            }
        }
    }

    /// What demoting needs: an Enterprise licence and `GuestAccountsSettings.Enable`, set up by the
    /// admin through the API (noted).
    static func enableGuestAccounts(_ world: MattermostWorld, _ step: StepContext) async throws {
        if world.adminDevice == nil { try await signInAdmin(world, step) }
        let token = await world.backend.status(of: world.adminDevice!.client)?.token
        if !(await world.backend.isLicensed) {
            if case .failure(let error) = await world.backend.addLicense(token: token) { throw StepFailure("the admin could not add a licence: \(error.message)") }
        }
        var settings = await world.backend.settings
        if !settings.enableGuestAccounts {
            settings.enableGuestAccounts = true
            if case .failure(let error) = await world.backend.updateSettings(settings, token: token) { throw StepFailure("the admin could not enable guest accounts: \(error.message)") }
        }
        step.note("the server has an Enterprise licence and GuestAccountsSettings.Enable on, as demoting needs")
    }
}
