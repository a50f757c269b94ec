import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// Users whose sign-in method is not email (MM-T931): found in the list, and what their
    /// drop-down offers.
    func defineSignInMethods(_ steps: inout Steps<MattermostWorld>) {
        // "In Users list, locate users who have as their signin method:", then one method per item.
        steps.action(pattern: #"in (?:the )?users list,? locate users who have as their sign-?in method:?"#, named: "in Users list, locate users who have as their signin method:") { world, step, _ in
            let console = try await Self.usersPage(world, step)
            world.methodUsers = []
            step.note("System Console ➜ Users: \(try await Self.consoleCall { try await console.rows() }.count) rows; the methods follow")
        }
        // "OAuth (GitLab, Office365, Google)", "LDAP", "SAML (OKTA, OneLogin) and verify ----->":
        // one user per method (and per named OAuth provider), found in the list.
        steps.action(pattern: #"(oauth|ldap|saml)(?: \(([^)]*)\))?(?: and verify -*(?:>|➜)?)?"#, as: (Substring, Substring, Substring?).self, named: "{method} ({providers}) (and verify)") { world, step, match in
            let method = String(match.1).lowercased()
            var services: [AuthService] = method == "ldap" ? [.ldap] : method == "saml" ? [.saml] : []
            if method == "oauth" {
                let named = String(match.2 ?? "GitLab").lowercased().replacingOccurrences(of: " ", with: "")
                services = [AuthService.gitlab, .office365, .google, .openid].filter { named.contains($0.rawValue) || named.contains($0.displayName.lowercased().replacingOccurrences(of: " ", with: "")) }
                if services.isEmpty { services = [.gitlab] }
            }
            for service in services { try await Self.locateMethodUser(world, step, username: "\(service.rawValue).user", service: service) }
        }

        // "(If you're looking for a user who has another sign-in method, "lindy.isherwood" uses
        // Office365. On postgres.test)": that user, made and found too.
        steps.check(pattern: #"\(if you're looking for a user who has another sign-?in method, "([^"]+)" uses ([a-z0-9 ]+)\.(?: on [a-z0-9.]+)?\)"#, as: (Substring, Substring, Substring).self, named: "(if you're looking for a user who has another sign-in method, \"{username}\" uses {provider} ...)", matching: .phrase) {
            world, step, match in
            let named = String(match.2).lowercased().replacingOccurrences(of: " ", with: "")
            guard let service = AuthService.allCases.first(where: { !$0.rawValue.isEmpty && (named.contains($0.rawValue) || named == $0.displayName.lowercased().replacingOccurrences(of: " ", with: "")) }) else {
                throw StepFailure("'\(match.2)' is not a sign-in method")
            }
            try await Self.locateMethodUser(world, step, username: String(match.1), service: service)
            try await Self.expectSwitchToEmail(world, step, users: [String(match.1)])
        }

        // "Drop-down shows option to switch to email/password login, rather than being able to
        // update email or password".
        steps.check(pattern: #"drop-?down shows (?:an )?option to switch to email ?\/ ?password login,? rather than being able to update email or password"#,
                    named: "drop-down shows option to switch to email/password login, rather than ...", matching: .phrase) { world, step, _ in
            guard !world.methodUsers.isEmpty else { throw StepFailure("no user with another sign-in method was located in this case") }
            try await Self.expectSwitchToEmail(world, step, users: world.methodUsers)
        }
    }

    static func locateMethodUser(_ world: MattermostWorld, _ step: StepContext, username: String, service: AuthService) async throws {
        let backend = world.backend
        if await backend.user(named: username) == nil {
            await backend.createUser(NewUser(username: username, password: world.password, authService: service))
        }
        let console = try await usersPage(world, step)
        let menu = try await openMenu(console, step, for: username)
        world.methodUsers.append(username)
        step.note("\(username) (\(service.displayName)): \(menu.items.map(\.label).joined(separator: ", "))")
    }

    /// Each user's drop-down offers "Switch to Email/Password" and neither password nor email change.
    static func expectSwitchToEmail(_ world: MattermostWorld, _ step: StepContext, users: [String]) async throws {
        let console = try await usersPage(world, step)
        for username in users {
            let menu = try await openMenu(console, step, for: username)
            let labels = menu.items.map { $0.label.lowercased() }
            step.expect(labels.contains("switch to email/password"), "\(username)'s drop-down has no \"Switch to Email/Password\" on \(world.version): \(menu.items.map(\.label).joined(separator: ", "))")
            step.expect(!labels.contains("reset password") && !labels.contains("update email"), "\(username)'s drop-down lets the admin change the password or email: \(menu.items.map(\.label).joined(separator: ", "))")
        }
    }
}
