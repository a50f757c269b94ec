import SessionBackend
import StepwiseBinding

extension MattermostSteps {
    /// Who signs in where: the test user on many devices, the admin on another one.
    func defineSignIn(_ steps: inout Steps<MattermostWorld>) {
        // "Log on as another test user (who you want to revoke sessions for)": the accounts, one per
        // sign-in method the item's variants name.
        steps.action(pattern: #"log (?:on|in) as (?:another |the |a )?test user(?: \([^)]*\))?"#, named: "log on as another test user", matching: .phrase) { world, step, _ in
            let methods = Vocabulary.loginMethods(in: ([step.text] + step.instructionNotes + step.subItems).joined(separator: "\n"))
            for method in methods.isEmpty ? [.emailPassword] : methods { _ = await world.account(for: method) }
            step.note("Test user: " + world.accounts.map { "\($0.user.username) (\($0.method))" }.joined(separator: ", "))
        }

        // "... on multiple browsers / devices (at least 2 to 3 different sessions)", with the
        // examples and variants in the item's notes and sub-items.
        steps.action(
            pattern: #"on multiple browsers ?\/ ?devices(?: \(at least (\d+)(?: to (\d+))? different sessions\))?"#, as: (Substring, Substring?, Substring?).self, named: "on multiple browsers / devices (at least {int} to {int} different sessions)", matching: .phrase
        ) { world, step, match in
            let minimum = max(match.1.flatMap { Int($0) } ?? 2, match.2.flatMap { Int($0) } ?? 0)
            let plan = DevicePlan(texts: [step.text] + step.instructionNotes + step.subItems, minimum: minimum)
            if world.accounts.isEmpty { _ = await world.account(for: .emailPassword) }
            for entry in plan.entries {
                let user = await world.account(for: entry.method)
                let device = try await world.signIn(user, on: entry.kind, method: entry.method, posture: entry.posture,
                                                    behaviour: entry.behaviour)
                world.devices.append(device)
                step.note("\(device.fullLabel): signed in, session \(device.sessionID)")
            }
            for account in world.accounts {
                let stored = await world.backend.storedSessions(ofUser: account.user.id)
                let mine = world.devices.filter { $0.username == account.user.username }
                step.expect(stored.count >= mine.count,
                            "\(account.user.username) has \(stored.count) session(s) on the server after signing in on \(mine.count) device(s)")
            }
            let total = world.devices.count
            step.expect(total >= minimum, "only \(total) session(s) were made; the item asks for at least \(minimum)")
            try await world.addBystander()
        }

        // "Logged in as system admin on another browser / device" (also "Log in as system admin").
        steps.action(pattern: #"log(?:ged)? in as (?:a |the )?system admin(?:istrator)?(?: on another browser ?\/ ?device)?"#, named: "logged in as system admin on another browser / device", matching: .phrase) { world, step, _ in
            guard world.adminDevice == nil else { return }
            try await Self.signInAdmin(world, step)
        }

        // "Log into Mattermost with any Auth method" (MM-T420).
        steps.action(pattern: #"log into mattermost with any auth method"#, named: "log into Mattermost with any auth method", matching: .phrase) { world, step, _ in
            let user = await world.account(for: .emailPassword)
            let device = try await world.signIn(user, on: .browser(.chrome, on: .mac), method: .emailPassword, posture: .awake,
                                                behaviour: .untouched)
            world.devices.append(device)
            step.note("\(device.fullLabel): signed in")
        }

        // "sign in on {device} using {method}": one more device for the test user.
        steps.action("sign in on {device} using {method}", matching: .phrase) { (world, step, kind: ClientKind, method: LoginMethod) in
            let user = await world.account(for: method)
            let posture: Device.Posture = kind.isMobile ? .unlocked : .awake
            let device = try await world.signIn(user, on: kind, method: method, posture: posture, behaviour: .untouched)
            world.devices.append(device)
            step.note("\(device.fullLabel): signed in, session \(device.sessionID)")
        }

        // "Put your computer to sleep" / "Wake up your computer" (MM-T420).
        steps.action(pattern: #"put (?:your|the) computer to sleep"#, named: "put your computer to sleep", matching: .phrase) { world, step, _ in
            let device = try Self.lastComputer(world)
            do { try await world.backend.setState(device.client, .asleep) } catch let error as SimulationError { throw StepFailure(error.message) }
            step.note("\(device.kind) is asleep")
        }
        steps.action(pattern: #"wake up (?:your|the) computer"#, named: "wake up your computer", matching: .phrase) { world, step, _ in
            let device = try Self.lastComputer(world)
            do { try await world.backend.setState(device.client, .active) } catch let error as SimulationError { throw StepFailure(error.message) }
            try await step.advance(by: .seconds(10))
            let status = await world.backend.status(of: device.client)
            step.expect(status?.isOnLoginPage == false, "\(device.kind) went to the login page after waking: \(status?.location ?? "")")
            step.note("\(device.kind) woke up and is on \(status?.location ?? "?")")
        }
    }

    static func lastComputer(_ world: MattermostWorld) throws -> Device {
        guard let device = world.devices.last(where: { !$0.kind.isMobile }) else {
            throw StepFailure("no computer has signed in to Mattermost yet in this case")
        }
        return device
    }

    /// Signs the system admin in on a computer the test user does not use.
    static func signInAdmin(_ world: MattermostWorld, _ step: StepContext) async throws {
        let admin = await world.adminUser()
        let used = Set((world.devices + world.bystanders).map(\.kind))
        let kind = ClientKind.all.first { !$0.isMobile && !used.contains($0) } ?? .browser(.firefox, on: .linux)
        let device = try await world.signIn(admin, on: kind, method: .emailPassword, posture: .awake, behaviour: .untouched)
        world.adminDevice = device
        step.note("\(admin.username) (system admin) signed in on \(kind), a device the test user does not use")
    }
}
