import MattermostSteps
import SessionBackend
import StepwiseBinding
import SystemConsole

/// The team's definitions for MM-T952 "Reactivating a user results in them showing up in the
/// normal spot in the list, without the `Deactivated` label", over the built-in Mattermost world:
/// the same server, the admin and the System Console the built-in phrases use, and its options.
///
/// Four definitions: the step's title line, the reactivation (through System Console ➜ Users),
/// finding the user in the Direct Messages list, and the check of where they are listed.
struct ReactivationSteps: StepLibrary {
    /// The user the case deactivates and reactivates, and the others listed around them.
    static let subject = "riley.returns"
    static let neighbours = ["amy.able", "zoe.zed"]
    static let stillDeactivated = "dave.gone"

    var includes: [any StepLibrary] { [MattermostSteps()] }

    var options: [StepOption] { [.fault(DirectMessagesList.sessionsFault, DirectMessagesList.sessionsFaultSummary)] }

    func makeWorld(_ context: WorldContext) async throws -> MattermostWorld {
        try await MattermostSteps().makeWorld(context)
    }

    func define(_ steps: inout Steps<MattermostWorld>) {
        // The step's own title, written as its first line: it names what the lines below do.
        steps.action("Reactivating a user results in them showing up in the normal spot in the list, without the Deactivated label") {
            _, step in step.note("the lines below reactivate a user and look for them in the Direct Messages list")
        }

        // The admin deactivates the user in System Console ➜ Users, then reactivates them there.
        steps.action("Reactivate a deactivated user") { world, step in
            for username in Self.neighbours {
                let user = await world.backend.createUser(NewUser(username: username, password: world.password))
                // Signed in, as people using the server are.
                _ = try await world.signIn(user, on: .browser(.firefox, on: .windows), method: .emailPassword, posture: .awake, behaviour: .untouched)
            }
            for username in [Self.stillDeactivated, Self.subject] {
                let user = await world.backend.createUser(NewUser(username: username, password: world.password))
                _ = try await world.signIn(user, on: .browser(.edge, on: .windows), method: .emailPassword, posture: .awake, behaviour: .untouched)
            }
            let console = try await world.usersPage(step)
            // The console's own errors are typed: caught by their type, said in the step's words.
            let label: String?
            do throws(ConsoleError) {
                for username in [Self.stillDeactivated, Self.subject] {
                    try await console.openMenu(forUser: username)
                    try await console.choose("Deactivate")
                    try await console.confirm()
                }
                let deactivated = try await console.openMenu(forUser: Self.subject)
                step.note("\(Self.subject) deactivated: their row's button reads \"\(deactivated.buttonLabel)\"")
                try await console.choose("Activate")
                if let row = try await console.rows().firstIndex(where: { $0.username == Self.subject }) {
                    label = try await console.menu(at: row).buttonLabel
                } else {
                    label = nil
                }
            } catch {
                throw StepFailure("System Console: \(error.message)")
            }
            guard let label else { throw StepFailure("\(Self.subject) has no row in System Console ➜ Users after Activate") }
            step.expect(label == "Member", "\(Self.subject)'s row reads \"\(label)\" after Activate, not \"Member\"")
            step.note("\(Self.subject) reactivated: their row's button reads \"\(label)\"")
        }

        // "In LHS, click + next to Direct Messages and locate the user": the admin's list.
        steps.action("In LHS, click + next to Direct Messages and locate the user") { world, step in
            let list = try await Self.directMessages(world, step)
            guard let index = list.rows.firstIndex(where: { $0.username == Self.subject }) else {
                throw StepFailure("\(Self.subject) is not in the Direct Messages list")
            }
            step.note("Direct Messages: " + list.rows.map { row in row.label.map { "\(row.username) (\($0))" } ?? row.username }.joined(separator: ", "))
            step.note("\(Self.subject) is row \(index + 1) of \(list.rows.count)")
        }

        // Where an active user belongs: among the active users, by username, with no label.
        steps.check("The reactivated user appears up in the normal spot in the list of users, without the Deactivated label") { world, step in
            let list = try await Self.directMessages(world, step)
            guard let index = list.rows.firstIndex(where: { $0.username == Self.subject }) else {
                throw StepFailure("\(Self.subject) is not in the Direct Messages list")
            }
            let token = try Self.adminToken(world)
            let everyone: [UserReport]
            do throws(AppError) { everyone = try await world.backend.usersForReporting(pageSize: 100, page: nil, token: token).get() } catch {
                throw StepFailure("the server's user list: \(error.statusCode) \(error.message)")
            }
            let normalSpot = everyone.filter { !$0.isDeactivated && $0.username < Self.subject }.count
            step.expect(index == normalSpot, "\(Self.subject) is row \(index + 1) of the Direct Messages list, not row \(normalSpot + 1) among the active users")
            let label = list.rows[index].label
            step.expect(label == nil, "\(Self.subject) is still labelled \"\(label ?? "")\" in the Direct Messages list")
            if index == normalSpot && label == nil {
                step.note("\(Self.subject) is row \(index + 1), among the active users, with no label")
            }
        }
    }

    static func adminToken(_ world: MattermostWorld) throws -> String {
        guard let admin = world.adminDevice else { throw StepFailure("the system admin has not signed in in this case") }
        return admin.token
    }

    static func directMessages(_ world: MattermostWorld, _ step: StepContext) async throws -> DirectMessagesList {
        let token = try adminToken(world)
        do throws(AppError) {
            return try await DirectMessagesList.open(world.backend, token: token, faulty: step.configuration.isSelected(DirectMessagesList.sessionsFault))
        } catch {
            throw StepFailure("the Direct Messages list: \(error.statusCode) \(error.message)")
        }
    }
}
