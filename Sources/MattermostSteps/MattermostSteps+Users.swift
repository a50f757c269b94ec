import SessionBackend
import StepwiseBinding
import SystemConsole

extension MattermostSteps {
    /// System Console ➜ Users as a list: enough users for several pages, Next and Previous, the
    /// count at the top (MM-T924 and its neighbours).
    func defineUsersList(_ steps: inout Steps<MattermostWorld>) {
        // "On a server with more than two pages' worth of users": users made until the list has
        // that many pages and one more row (at the console's page size: 50 in the old console).
        steps.action(pattern: #"on a server with (?:more than |at least )?([a-z0-9]+) pages?'? worth of users"#, as: (Substring, Substring).self, named: "on a server with more than {count} pages' worth of users",
                     matching: .phrase) { world, step, match in
            guard let pages = Vocabulary.count(String(match.1)) else { throw StepFailure("'\(match.1)' is not a number of pages") }
            let console = try await Self.usersPage(world, step)
            let wanted = pages * console.pageSize + console.pageSize / 2
            let have = await console.totalUsers
            for index in 0..<max(wanted - have, 0) {
                await world.backend.createUser(NewUser(username: "user-\(String(1000 + index).dropFirst())", password: world.password,
                                                       firstName: "Test", lastName: "User \(index + 1)"))
            }
            try await Self.consoleCall { try await console.navigate(to: ["Users"]) }
            let count = try await Self.consoleCall { try await console.countText() }
            step.note("\(max(wanted, have)) users, \(console.pageSize) per page: the list starts \"\(count)\"")
            world.pagesSeen = [count]
        }

        // "click Next to page through user list" (every page there is, or "at least N").
        steps.action(pattern: #"(?:click )?next to (?:page (?:through|forward through)|go forward(?: at least ([a-z0-9]+) pages?)?)(?: (?:the )?users? list)?"#, as: (Substring, Substring?).self,
                     named: "click Next to page through the user list", matching: .phrase) { world, step, match in
            try await Self.page(world, step, forward: true, clicks: match.1.flatMap { Vocabulary.count(String($0)) } ?? Int.max)
        }
        // "Previous to go back at least one page".
        steps.action(pattern: #"(?:click )?previous to (?:page back(?: through (?:the )?users? list)?|go back(?: at least ([a-z0-9]+) pages?)?)"#, as: (Substring, Substring?).self,
                     named: "Previous to go back at least one page", matching: .phrase) { world, step, match in
            try await Self.page(world, step, forward: false, clicks: match.1.flatMap { Vocabulary.count(String($0)) } ?? 1)
        }

        // "Can page through several pages of users": the pages Next showed.
        steps.check(pattern: #"(?:can )?page through (several|[a-z0-9]+) pages of users"#, as: (Substring, Substring).self, named: "can page through several pages of users",
                    matching: .phrase) { world, step, match in
            let wanted = Vocabulary.count(String(match.1)) ?? 2
            guard world.pagedForward + 1 >= wanted else {
                throw StepFailure("only \(world.pagedForward + 1) page(s) of users were shown, not \(match.1)")
            }
            step.note("pages shown: " + world.pagesSeen.map { "\"\($0)\"" }.joined(separator: ", "))
        }

        // "count at top changes appropriately": each count names the rows on screen and the
        // server's total, and moves by one page at each click.
        steps.check(pattern: #"(?:the )?count at (?:the )?top changes appropriately"#, named: "count at top changes appropriately", matching: .phrase) { world, step, _ in
            let console = try world.requireConsole()
            let total = await console.totalUsers
            var page = 0
            var expected: [String] = []
            for (index, _) in world.pagesSeen.enumerated() {
                if index > 0 { page += index <= world.pagedForward ? 1 : -1 }
                expected.append(Self.countText(page: page, pageSize: console.pageSize, total: total, console: console.version))
            }
            for (seen, wanted) in zip(world.pagesSeen, expected) where seen != wanted {
                step.fail("the count at the top read \"\(seen)\" where \"\(wanted)\" was due (\(total) users, \(console.pageSize) per page)")
            }
            step.expect(Set(world.pagesSeen).count > 1, "the count at the top never changed: \"\(world.pagesSeen.first ?? "")\"")
            step.note("\(total) users on the server; counts: " + world.pagesSeen.joined(separator: " ➜ "))
        }

        // "can page backward as well".
        steps.check(pattern: #"(?:can )?page backwards?(?: as well)?"#, named: "can page backward as well", matching: .phrase) { world, step, _ in
            guard world.pagedBack > 0 else { throw StepFailure("nobody clicked Previous in this case") }
            step.note("Previous went back \(world.pagedBack) page(s), to \"\(world.pagesSeen.last ?? "")\"")
        }
    }

    /// Clicks Next (or Previous) up to `clicks` times, while it can be clicked, noting each count.
    static func page(_ world: MattermostWorld, _ step: StepContext, forward: Bool, clicks: Int) async throws {
        let console = try await usersPage(world, step)
        let label = forward ? console.pagingLabels.next : console.pagingLabels.previous
        var done = 0
        while done < clicks {
            let possible = try await consoleCall { forward ? try await console.canGoNext() : try await console.canGoPrevious() }
            guard possible else { break }
            try await consoleCall { forward ? try await console.nextPage() : try await console.previousPage() }
            let count = try await consoleCall { try await console.countText() }
            world.pagesSeen.append(count)
            step.note("\"\(label)\" ➜ \"\(count)\"")
            done += 1
        }
        guard done > 0 else { throw StepFailure("\"\(label)\" could not be clicked: the list is on \"\(world.pagesSeen.last ?? "?")\"") }
        if forward { world.pagedForward += done } else { world.pagedBack += done }
    }

    /// What the count should read on `page`, by the console's formula.
    static func countText(page: Int, pageSize: Int, total: Int, console: ConsoleVersion) -> String {
        let first = page * pageSize + 1
        let last = min(first + pageSize - 1, total)
        if console == .current { return "Showing \(first) - \(last) of \(total) users" }
        if first == 1 && last == total { return "\(total) users" }
        return "\(first) - \(last) \(last == first ? "user" : "users") of \(total) total"
    }

    /// Changing a user's email and password from the row's drop-down (MM-T928, MM-T932, MM-T936).
    func defineAccountChanges(_ steps: inout Steps<MattermostWorld>) {
        // "UI tests:": the case's expectations are the UI tests; nothing to do before them.
        steps.action(pattern: #"ui tests:?"#, named: "UI tests:") { _, step, _ in
            step.note("the expectations below are the UI tests: each drives System Console ➜ Users")
        }

        // "Invalid or blank email address: "Please enter a valid email address"": Update Email
        // with each kind of bad address, and the message the console shows.
        steps.check(pattern: #"((?:invalid|blank|empty)(?: or (?:invalid|blank|empty))?) email(?: address)?: "([^"]*)""#, as: (Substring, Substring, Substring).self, named: "invalid or blank email address: \"{message}\"") {
            world, step, match in
            let kinds = match.1.lowercased()
            var tries: [(String, String)] = []
            if kinds.contains("blank") || kinds.contains("empty") { tries.append(("a blank address", "")) }
            if kinds.contains("invalid") { tries.append(("an invalid address", "user-1(at)sample.mattermost.com")) }
            for (what, email) in tries {
                let shown = try await Self.updateEmail(world, step, to: email)
                Self.expectMessage(step, shown: shown, quoted: String(match.2), context: "Update Email with \(what) (\"\(email)\")")
            }
        }

        // "Email address already in use: "This email is already taken. Please choose another."".
        steps.check(pattern: #"email(?: address)? (?:already in use|already taken|in use)(?: by another (?:user|account))?: "([^"]*)""#, as: (Substring, Substring).self, named: "email address already in use: \"{message}\"") {
            world, step, match in
            let taken = await world.adminUser().email
            let shown = try await Self.updateEmail(world, step, to: taken)
            Self.expectMessage(step, shown: shown, quoted: String(match.1), context: "Update Email with \(taken), the admin's address")
            let this = world.version, other = Self.otherVersion(this)
            Self.noteVersions(step, this: this.emailTakenError.message, other: other.emailTakenError.message, quoted: String(match.1), otherVersion: other)
        }

        // "who is logged in in a different browser": the user signs in on a browser of their own.
        steps.action(pattern: #"who is (?:logged|signed) in (?:in|on) (?:a |another )?(?:different )?browser"#, named: "who is logged in in a different browser", matching: .phrase) { world, step, _ in
            let user = await world.account(for: .emailPassword)
            let device = try await world.signIn(user, on: .browser(.firefox, on: .windows), method: .emailPassword, posture: .awake, behaviour: .untouched)
            world.devices.append(device)
            step.note("\(device.fullLabel): signed in, session \(device.sessionID)")
        }

        // "Using drop-down menu to the right of the user's name", "On own user, click drop-down".
        steps.action(pattern: #"(?:using |open )?(?:the )?drop-?down(?: menu)? to the right of the user'?s name|on (?:your |their |my )?own user,? click (?:the )?drop-?down"#,
                     named: "drop-down menu to the right of the user's name / on own user, click drop-down", matching: .phrase) { world, step, match in
            let console = try await Self.usersPage(world, step)
            let own = match.lowercased().contains("own user")
            var user = own ? await world.adminUser() : (world.subject ?? world.accounts.first?.user)
            // "the user" with nobody chosen yet: the case's test user, signed in on a browser.
            if user == nil { user = try await Self.subjectSignedIn(world, step) }
            guard let user else { throw StepFailure("no user was chosen in the Users list yet") }
            world.subject = user
            let menu = try await Self.openMenu(console, step, for: user.username)
            step.note("\(user.username)'s drop-down (\(menu.buttonLabel)): \(menu.items.map(\.label).joined(separator: ", "))")
        }

        // "click to update their password", "select Update password", "➜ Reset Password".
        steps.action(pattern: #"(?:click to|and select|select) (update|reset|change) (?:their |the user's |your |own )?password"#, as: (Substring, Substring).self, named: "select Update password", matching: .phrase) { world, step, _ in
            let console = try world.requireConsole()
            let label = console.version == .legacy ? "Reset Password" : "Reset password"
            try await Self.consoleCall { try await console.choose(label) }
            guard let form = await console.form else { throw StepFailure("\"\(label)\" opened no form") }
            step.note("\"\(label)\" (the console's name for it) opened \"\(form.title)\": \(form.fields.map(\.label).joined(separator: ", "))")
        }

        // "enter the new password", "Enter old password", "Enter incorrect old password and a new
        // password", "Enter correct old password and an invalid new password (... fewer than the
        // 5-character minimum)": an invalid new password is one character short of the server's
        // minimum (`PasswordSettings.MinimumLength`).
        steps.action(pattern: #"enter (?:the |a |their )?(correct |incorrect |wrong )?(new|old|current) password(?: and (?:a |an )?(invalid )?new password)?(?: \([^)]*\))?"#, as: (Substring, Substring?, Substring, Substring?).self,
                     named: "enter the {new|old} password (and a new password)", matching: .phrase) { world, step, match in
            let console = try world.requireConsole()
            guard let form = await console.form else { throw StepFailure("no form is open to type a password into") }
            let wrong = ["incorrect", "wrong"].contains(match.1.map { $0.lowercased().trimmingCharacters(in: " ") } ?? "")
            var typed: [(field: String, kind: String)] = [(match.2.lowercased() == "new" ? "new" : "current", wrong ? "incorrect" : "")]
            if match.0.lowercased().contains("and") { typed.append(("new", match.3 != nil ? "invalid" : "")) }
            for (which, kind) in typed {
                guard let field = form.fields.first(where: { $0.label.lowercased().contains(which) }) else {
                    throw StepFailure("\"\(form.title)\" has no \(which) password field (it has \(form.fields.map(\.label).joined(separator: ", ")))")
                }
                let value: String
                if which == "new" {
                    let minimum = await world.backend.settings.passwordMinimumLength
                    value = kind == "invalid" ? String("abcdefghijklmnop".prefix(max(minimum - 1, 0))) : (world.newPassword ?? "N3w-Passw0rd!")
                    if kind != "invalid" { world.newPassword = value }
                } else {
                    value = kind == "incorrect" ? "Wr0ng-" + world.password : world.password
                }
                try await Self.consoleCall { try await console.type(value, into: field.label) }
                step.note("typed \(kind.isEmpty ? "" : kind + " ")\(value.count) characters into \"\(field.label)\"")
            }
        }

        // "Leave fields blank", "leave new password blank".
        steps.action(pattern: #"leave (?:the |all )?(fields|(?:new|old|current) password) (?:blank|empty)"#, as: (Substring, Substring).self, named: "leave the fields blank", matching: .phrase) { world, step, match in
            let console = try world.requireConsole()
            guard let form = await console.form else { throw StepFailure("no form is open") }
            let which = match.1.lowercased()
            for field in form.fields where which == "fields" || field.label.lowercased().contains(which.hasPrefix("new") ? "new" : "current") {
                try await Self.consoleCall { try await console.type("", into: field.label) }
            }
            step.note("left \(which) blank in \"\(form.title)\"")
        }

        // "click to save (modal should close)", "Click Save".
        steps.action(pattern: #"click (?:to )?save( \(modal should close\))?"#, as: (Substring, Substring?).self, named: "click Save", matching: .phrase) { world, step, match in
            let console = try world.requireConsole()
            guard let form = await console.form else { throw StepFailure("no form is open to save") }
            try await Self.consoleCall { try await console.submitForm() }
            if let open = await console.form {
                step.note("clicked \"\(form.confirmLabel)\" (the form's save button): \(open.errors.map { "\"\($0)\"" }.joined(separator: ", "))")
                if match.1 != nil { throw StepFailure("\"\(form.title)\" did not close: it shows \(open.errors.map { "\"\($0)\"" }.joined(separator: ", "))") }
            } else {
                step.note("clicked \"\(form.confirmLabel)\": the modal closed")
                world.stepsDone.insert(step.instruction.map { _ in "saved" } ?? "saved")
            }
        }

        // "observe error "Please enter your current password."" (an instruction that looks).
        steps.action(pattern: #"observe (?:the )?error "([^"]*)""#, as: (Substring, Substring).self, named: "observe error \"{message}\"", matching: .phrase) { world, step, match in
            Self.expectMessage(step, shown: await Self.shownErrors(world), quoted: String(match.1), context: "the open form")
        }

        // "Error displays (text depends on server's password requirements) "Your password must ...""
        // and "the error "…" is shown".
        steps.check(pattern: #"(?:an? |the )?error (?:displays|is displayed|is shown|appears|message displays)(?: \(([^)]*)\))?(?: depending on [^",]*)?,?(?: e\.g\.,?)?:? "(.*)"|the error "([^"]*)" is (?:shown|displayed)"#, as: (Substring, Substring?, Substring?, Substring?).self,
                    named: "error displays \"{message}\"", matching: .phrase) { world, step, match in
            let quoted = String(match.2 ?? match.3 ?? "")
            let shown = await Self.shownErrors(world)
            Self.expectMessage(step, shown: shown, quoted: quoted, context: "the open form")
            if let why = match.1, why.lowercased().contains("password") {
                let settings = await world.backend.settings
                let this = world.version, other = Self.otherVersion(this)
                step.note("the server's password rules: minimum \(settings.passwordMinimumLength), maximum \(this.passwordMaximumLength), no character classes required")
                Self.noteVersions(step, this: shown.first ?? "", other: SystemConsole.passwordRuleMessage(
                    minimum: other.defaultPasswordMinimumLength, maximum: other.passwordMaximumLength, console: ConsoleVersion(other)),
                                  quoted: quoted, otherVersion: other)
            }
        }

        // "Log other user out": the user's own logout (`POST /users/logout`) on their browser.
        steps.action(pattern: #"log (?:the )?other user out|log out (?:the )?other user"#, named: "log other user out", matching: .phrase) { world, step, _ in
            guard let device = world.devices.last else { throw StepFailure("the other user is not signed in anywhere in this case") }
            let before = await world.backend.status(of: device.client)
            await world.backend.logOut(device.client)
            if before?.token == nil {
                step.note("\(device.label) was already on \(before?.location ?? "?"): the password change had ended the session (TerminateSessionsOnPasswordChange)")
            } else {
                step.note("\(device.fullLabel): logged out")
            }
        }

        // "try to log in with old password", "Log other user in using new password".
        steps.action(pattern: #"(?:try to log in|log (?:the )?other user in) (?:with|using) (?:the |their )?(old|new) password"#, as: (Substring, Substring).self, named: "log in with the {old|new} password", matching: .phrase) {
            world, step, match in
            guard let user = world.subject ?? world.accounts.first?.user, let device = world.devices.last else {
                throw StepFailure("the other user has no browser in this case")
            }
            let which = match.1.lowercased()
            let password = which == "old" ? world.password : (world.newPassword ?? "")
            let result = await world.backend.signIn(device.client, username: user.username, password: password, method: .emailPassword)
            world.loginAttempts.append((which, result))
            switch result {
            case .success(let login): step.note("\(user.username) with the \(which) password: signed in, session \(login.sessionID)")
            case .failure(let error): step.note("\(user.username) with the \(which) password: \(error.statusCode) \(error.id): \(error.message)")
            }
        }

        // "After step 2:": the checks that follow look at what step N left.
        steps.check(pattern: #"after step (\d+):?"#, as: (Substring, Substring).self, named: "after step {int}:", matching: .phrase) { world, step, match in
            step.note("checked after step \(match.1) of the instructions")
        }

        steps.check(pattern: #"log(?:ged)? out (?:the )?other user"#, named: "log out other user", matching: .phrase) { world, step, _ in
            guard let device = world.devices.last else { throw StepFailure("the other user is not signed in anywhere in this case") }
            let probe = await world.probe(device)
            guard probe.statusCode == 401 else {
                throw StepFailure("\(device.fullLabel)'s first session still answers GET /api/v4/users/me with \(probe.statusCode) after the logout")
            }
            step.note("the other user's first session answers 401: logged out")
        }

        // "old pwd doesn't work", "new one does": the login attempts made with each password.
        steps.check(pattern: #"old (?:pwd|password)(?: still)? (doesn't|does not|does|works)(?: work)?"#, as: (Substring, Substring).self, named: "old pwd doesn't work", matching: .phrase) { world, step, match in
            try Self.checkLogin(world, step, which: "old", shouldWork: !["doesn't", "does not"].contains(match.1.lowercased()))
        }
        steps.check(pattern: #"new (?:one|pwd|password) (doesn't|does not|does|works)(?: work)?"#, as: (Substring, Substring).self, named: "new one does", matching: .phrase) { world, step, match in
            try Self.checkLogin(world, step, which: "new", shouldWork: !["doesn't", "does not"].contains(match.1.lowercased()))
        }
    }

    static func checkLogin(_ world: MattermostWorld, _ step: StepContext, which: String, shouldWork: Bool) throws {
        guard let attempt = world.loginAttempts.last(where: { $0.which == which }) else {
            throw StepFailure("nobody tried to log in with the \(which) password in this case")
        }
        switch (attempt.result, shouldWork) {
        case (.success, true): step.note("the \(which) password signs in")
        case (.failure(let error), false): step.note("the \(which) password is refused: \(error.statusCode) \(error.message)")
        case (.success, false): throw StepFailure("the \(which) password still signs in after the password was changed")
        case (.failure(let error), true): throw StepFailure("the \(which) password does not sign in: \(error.statusCode) \(error.id): \(error.message)")
        }
    }

    // MARK: Helpers

    /// Opens the actions menu of a row, searching for the user when they are not on this page.
    static func openMenu(_ console: SystemConsole, _ step: StepContext, for username: String) async throws -> ActionMenu {
        if try await consoleCall({ try await console.rows() }).contains(where: { $0.username == username }) == false {
            await console.typeSearch(username)
            try await step.advance(by: SystemConsole.searchDebounce)
        }
        return try await consoleCall { try await console.openMenu(forUser: username) }
    }

    /// Chooses `label` in the subject's (or the test user's) drop-down: Deactivate asks to confirm,
    /// the password and email items open their forms.
    static func chooseFromDropDown(_ world: MattermostWorld, _ step: StepContext, _ console: SystemConsole, label: String) async throws {
        guard let user = world.subject ?? world.accounts.first?.user else { throw StepFailure("no user was chosen in the Users list yet") }
        _ = try await openMenu(console, step, for: user.username)
        try await consoleCall { try await console.choose(label) }
        if let modal = await console.modal {
            let instant = await world.backend.now
            let sidebar = world.dm.map { dm in (dm.device.client) }
            try await consoleCall { try await console.confirm() }
            step.note("\"\(label)\" ➜ \(modal.title): \"\(modal.message)\" ➜ \(modal.confirmLabel)")
            if label.lowercased() == "deactivate" {
                let entries = if let sidebar { await world.backend.sidebar(of: sidebar) } else { [SidebarEntry]() }
                world.deactivation = (instant, entries)
            }
        } else if let form = await console.form {
            step.note("\"\(label)\" opened \"\(form.title)\"")
        }
    }

    /// Opens Update Email for the test user (made on first use), types `email`, clicks the submit
    /// button and returns what the console shows (the form's errors), closing the form after.
    static func updateEmail(_ world: MattermostWorld, _ step: StepContext, to email: String) async throws -> [String] {
        let console = try await usersPage(world, step)
        let user: User
        if let known = world.subject ?? world.accounts.first?.user { user = known } else { user = await world.account(for: .emailPassword) }
        world.subject = user
        _ = try await openMenu(console, step, for: user.username)
        let label = console.version == .legacy ? "Update Email" : "Update email"
        try await consoleCall { try await console.choose(label) }
        guard let form = await console.form, let field = form.fields.first else { throw StepFailure("\"\(label)\" opened no form") }
        try await consoleCall { try await console.type(email, into: field.label) }
        try await consoleCall { try await console.submitForm() }
        let shown = await console.form?.errors ?? []
        step.note("\(user.username) ➜ \(label) ➜ \"\(email)\" ➜ \(form.confirmLabel): " + (shown.isEmpty ? "saved" : shown.map { "\"\($0)\"" }.joined(separator: ", ")))
        await console.cancelForm()
        return shown
    }

    /// The messages the open form and the page show.
    static func shownErrors(_ world: MattermostWorld) async -> [String] {
        guard let console = world.console else { return [] }
        return (await console.form?.errors ?? []) + ((await console.errorMessage).map { [$0] } ?? [])
    }

    /// The console shows the quoted message: equal, or equal but for the final full stop a tester
    /// left out (noted). Anything else fails with what was shown.
    static func expectMessage(_ step: StepContext, shown: [String], quoted: String, context: String) {
        func plain(_ text: String) -> String {
            var text = text.trimmingCharacters(in: " ")
            while let last = text.last, ".!".contains(last) { text.removeLast() }
            return text.lowercased()
        }
        if shown.contains(quoted) {
            step.note("\(context): \"\(quoted)\"")
        } else if let near = shown.first(where: { plain($0) == plain(quoted) }) {
            let why = near.lowercased() == quoted.lowercased() ? "with other capitals" : "without its final full stop"
            step.note("\(context): \"\(near)\" (the case quotes it \(why))")
        } else {
            step.fail("\(context) showed \(shown.isEmpty ? "no message" : shown.map { "\"\($0)\"" }.joined(separator: ", ")), not \"\(quoted)\"")
        }
    }

    /// The release a version note compares the run with: the current one, or for a run of the
    /// current release, the one the case was written for (v5.20 when the case does not say).
    static func otherVersion(_ version: MattermostVersion) -> MattermostVersion { version == .current ? .v5_20 : .current }

    /// Records how the item's outcome would differ on the other release, when it does.
    static func noteVersions(_ step: StepContext, this: String, other: String, quoted: String?, otherVersion: MattermostVersion) {
        guard this != other else { return }
        var note = "version difference: \(otherVersion) shows \"\(other)\" instead"
        if let quoted, other != quoted && !other.hasPrefix(quoted) { note += ", so this expectation is out of date on \(otherVersion)" }
        step.note(note)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
