import Clocks
import SessionBackend
import Testing
@testable import SystemConsole

@Suite struct NavigationTests {
    @Test("System Console ➜ Users and User Management ➜ Users both reach the users route", arguments: [
        ["Users"], ["User Management", "Users"], ["System Console", "User Management", "Users"],
    ])
    func navigate(_ path: [String]) async throws {
        let fixture = try await Fixture.make()
        try await fixture.console.navigate(to: path)
        #expect(await fixture.console.url == "/admin_console/user_management/users")
        #expect(try await fixture.console.rows().map(\.username) == ["ldap-user", "manager", "sysadmin", "user-1", "user-2", "user-3"])
    }

    @Test("an unmodelled page is an error that names it")
    func unknownPage() async throws {
        let fixture = try await Fixture.make()
        await #expect(throws: ConsoleError.self) { try await fixture.console.navigate(to: ["Reporting", "Site Statistics"]) }
    }

    @Test("a plain user cannot open the System Console")
    func plainUser() async throws {
        let fixture = try await Fixture.make()
        let client = try await fixture.backend.openClient(.browser(.edge, on: .windows))
        _ = try await fixture.backend.signIn(client, username: "user-1").get()
        let error = await SystemConsole.open(backend: fixture.backend, viewer: client).failure
        #expect(error?.message == "You do not have permission to access the System Console.")
    }
}

@Suite struct SearchTests {
    @Test("the search applies 500 ms after the last keystroke, on the clock")
    func debounce() async throws {
        let fixture = try await Fixture.make()
        await fixture.console.typeSearch("us")
        await fixture.clock.advance(by: .milliseconds(300))
        await fixture.console.typeSearch("user-1")
        await fixture.clock.advance(by: .milliseconds(499))
        #expect(try await fixture.console.rows().count == 6)
        await fixture.clock.advance(by: .milliseconds(1))
        #expect(try await fixture.console.rows().map(\.username) == ["user-1"])
        #expect(await fixture.console.searchTerm == "user-1")
    }

    @Test("settle() waits on the clock for the debounce, then the list follows")
    func settle() async throws {
        let fixture = try await Fixture.make()
        await fixture.console.typeSearch("user-2")
        let waiting = Task { try await fixture.console.settle() }
        await fixture.clock.advance(by: .milliseconds(500))
        // swift-clocks' TestClock keeps a sleep until exactly `now` suspended until the next move,
        // and the task may reach its sleep just as the clock lands on the due instant: one more
        // tick wakes it then, and changes nothing otherwise (the search is already due).
        await fixture.clock.advance(by: .milliseconds(1))
        try await waiting.value
        #expect(try await fixture.console.rows().map(\.username) == ["user-2"])
    }

    @Test("the search matches username, email, first and last name and nickname", arguments: [
        ("user-2", ["user-2"]), ("bob@corp", ["user-2"]), ("Ann", ["user-1"]), ("lee", ["user-1"]), ("annie", ["user-1"]),
        ("@user", ["user-1", "user-2", "user-3"]), ("nobody", []),
    ])
    func matches(_ term: String, _ expected: [String]) async throws {
        let fixture = try await Fixture.make()
        await fixture.console.typeSearch(term)
        await fixture.clock.advance(by: .milliseconds(500))
        #expect(try await fixture.console.rows().map(\.username) == expected)
    }
}

@Suite struct MenuTests {
    @Test("an admin sees the current console's items for an active email user")
    func adminMenu() async throws {
        let fixture = try await Fixture.make()
        let menu = try await fixture.console.openMenu(forUser: "user-1")
        #expect(menu.buttonLabel == "Member" && menu.buttonID == "actionMenuButton-systemUsersTable-3")
        #expect(menu.items.map(\.label) == ["Manage roles", "Manage teams", "Reset password", "Update email", "Revoke sessions", "Deactivate"])
        #expect(menu.item("Revoke Sessions")?.domID == "actionMenuItem-systemUsersTable-3-removeSessions")
    }

    @Test("the legacy console spells the items in title case")
    func legacyMenu() async throws {
        let fixture = try await Fixture.make(version: .legacy)
        let menu = try await fixture.console.openMenu(forUser: "user-1")
        #expect(menu.items.map(\.label) == ["Manage Roles", "Manage Teams", "Reset Password", "Update Email", "Revoke Sessions", "Deactivate"])
    }

    // `system_users_dropdown.tsx`: "Switch to Email/Password" when `user.auth_service &&
    // experimentalEnableAuthenticationTransfer` (`model/config.go`: true by default), "Reset
    // Password" and "Update Email" only when `!user.auth_service`.
    @Test("in the old console an LDAP user's drop-down offers Switch to Email/Password instead of Reset Password and Update Email")
    func switchToEmailForSSO() async throws {
        let fixture = try await Fixture.make(version: .legacy)
        let ldap = try await fixture.console.openMenu(forUser: "ldap-user")
        #expect(ldap.item("Switch to Email/Password") != nil)
        #expect(ldap.item("Reset Password") == nil && ldap.item("Update Email") == nil)
        #expect(try await fixture.console.openMenu(forUser: "user-1").item("Switch to Email/Password") == nil)
    }

    @Test("a deactivated user has Activate and no Revoke sessions; an LDAP user's Deactivate is disabled")
    func specialRows() async throws {
        let fixture = try await Fixture.make()
        let gone = try await fixture.console.openMenu(forUser: "user-3")
        #expect(gone.buttonLabel == "Deactivated")
        #expect(gone.items.map(\.label) == ["Activate", "Manage roles", "Manage teams", "Reset password", "Update email"])
        let ldap = try await fixture.console.openMenu(forUser: "ldap-user")
        #expect(ldap.item("Deactivate")?.isDisabled == true && ldap.item("Deactivate")?.disabledReason == "Managed by LDAP")
        #expect(ldap.item("Reset password") == nil && ldap.item("Revoke sessions") != nil)
        #expect(ldap.item("Re-sync user via LDAP groups") != nil)
    }

    // These three run the v5 console: its list (`GET /api/v4/users`) is open to whoever may read the
    // Users page, which an admin grants the user manager (`SystemUserManagerDefaultPermissions` has
    // no Users permission at all).
    @Test("a user manager without write access finds every menu disabled")
    func readOnlyManager() async throws {
        let fixture = try await Fixture.make(version: .legacy, viewer: "manager", grants: [.sysconsoleReadUserManagementUsers]) {
            $0 = BackendConfiguration(version: .v5_20)
            $0.signIn = .everyMethod
        }
        await #expect(throws: ConsoleError.self) { try await fixture.console.openMenu(forUser: "user-1") }
    }

    @Test("a user manager with write access acts on members but not on admins, and without revoke_user_access_token sees no Revoke sessions")
    func writeManager() async throws {
        let fixture = try await Fixture.make(version: .legacy, viewer: "manager", grants: [.sysconsoleReadUserManagementUsers]) {
            $0 = BackendConfiguration(version: .v5_20)
            $0.signIn = .everyMethod
        }
        await fixture.backend.grant(.sysconsoleWriteUserManagementUsers, to: .systemUserManager)
        let menu = try await fixture.console.openMenu(forUser: "user-1")
        #expect(menu.item("Revoke sessions") == nil && menu.item("Manage roles") == nil)
        let admin = try await fixture.console.rows().first { $0.username == "sysadmin" }!
        #expect(try await fixture.console.isMenuDisabled(for: admin))
        await fixture.backend.grant(.revokeUserAccessToken, to: .systemUserManager)
        #expect(try await fixture.console.openMenu(forUser: "user-1").item("Revoke sessions") != nil)
    }
}

@Suite struct RevokeModalTests {
    @Test("Revoke Sessions asks with Mattermost's words, Cancel changes nothing, Revoke ends every session of that user")
    func revokeUser() async throws {
        let fixture = try await Fixture.make()
        let clients = try await fixture.userSessions()
        let tokens = await fixture.tokens(of: clients)
        try await fixture.console.openMenu(forUser: "user-1")
        try await fixture.console.choose("Revoke Sessions")
        let modal = try #require(await fixture.console.modal)
        #expect(modal.title == "Revoke Sessions for user-1")
        #expect(modal.message == "This action revokes all sessions for user-1. They will be logged out from all devices. Are you sure you want to revoke all sessions for user-1?")
        #expect(modal.cancelLabel == "Cancel" && modal.confirmLabel == "Revoke" && modal.domID == "confirmModal")
        try await fixture.console.cancel()
        #expect(await fixture.console.modal == nil)
        for token in tokens { #expect(await fixture.backend.validate(token: token)) }

        try await fixture.console.openMenu(forUser: "user-1")
        try await fixture.console.choose("Revoke sessions")
        try await fixture.console.confirm()
        for token in tokens { #expect(!(await fixture.backend.validate(token: token))) }
        #expect(await fixture.console.url == SystemConsole.usersRoute)
        #expect(await fixture.console.errorMessage == nil)
        #expect(await fixture.backend.status(of: fixture.adminClient)?.token != nil)
    }

    @Test("revoking your own sessions logs you out to the login page")
    func revokeSelf() async throws {
        let fixture = try await Fixture.make()
        try await fixture.console.openMenu(forUser: "sysadmin")
        try await fixture.console.choose("Revoke sessions")
        try await fixture.console.confirm()
        let status = try #require(await fixture.backend.status(of: fixture.adminClient))
        #expect(status.token == nil && status.location == "/login" && status.detection == .userAction)
        #expect(await fixture.console.url == nil)
    }

    @Test("Revoke All Sessions asks with the version's message and logs everyone out, the admin too", arguments: ConsoleVersion.allCases)
    func revokeAll(_ version: ConsoleVersion) async throws {
        let fixture = try await Fixture.make(version: version)
        let tokens = await fixture.tokens(of: try await fixture.userSessions())
        #expect(try await fixture.console.showsRevokeAllSessionsButton())
        try await fixture.console.clickRevokeAllSessions()
        let modal = try #require(await fixture.console.modal)
        #expect(modal.title == "Revoke all sessions in the system")
        #expect(modal.message == (version == .current
            ? "This action revokes all sessions in the system. All users will be logged out from all devices, including your session. Are you sure you want to revoke all sessions?"
            : "This action revokes all sessions in the system. All users will be logged out from all devices. Are you sure you want to revoke all sessions?"))
        #expect(modal.cancelLabel == "Cancel" && modal.confirmLabel == "Revoke All Sessions")
        try await fixture.console.cancel()
        for token in tokens { #expect(await fixture.backend.validate(token: token)) }
        try await fixture.console.clickRevokeAllSessions()
        try await fixture.console.confirm()
        for token in tokens { #expect(!(await fixture.backend.validate(token: token))) }
        #expect(await fixture.backend.sessionCount == 0)
        #expect(await fixture.backend.status(of: fixture.adminClient)?.location == "/login")
    }

    @Test("a server refusal is shown on the page")
    func serverError() async throws {
        let fixture = try await Fixture.make(version: .legacy, viewer: "manager", grants: [.sysconsoleReadUserManagementUsers]) {
            $0 = BackendConfiguration(version: .v5_20)
            $0.signIn = .everyMethod
        }
        await fixture.backend.grant(.revokeUserAccessToken, to: .systemUserManager)
        try await fixture.console.clickRevokeAllSessions()
        await #expect(throws: ConsoleError.self) { try await fixture.console.confirm() }
        #expect(await fixture.console.errorMessage == "You do not have the appropriate permissions.")
    }

    @Test("when the admin's own session is gone, the next console action sends the admin to the login page")
    func adminRevokedElsewhere() async throws {
        let fixture = try await Fixture.make()
        let token = try #require(await fixture.backend.status(of: fixture.adminClient)?.token)
        _ = await fixture.backend.logout(token: token)
        await #expect(throws: ConsoleError.self) { try await fixture.console.openMenu(forUser: "user-1") }
        #expect(await fixture.backend.status(of: fixture.adminClient)?.isOnLoginPage == true)
        #expect(await fixture.backend.status(of: fixture.adminClient)?.banner == "Your session has expired. Please log in again.")
    }
}

@Suite struct ConsoleFaultTests {
    @Test("every console fault has a kebab-case name, a summary, is found by its name and is no backend fault")
    func catalogue() {
        for fault in ConsoleFault.allCases {
            #expect(fault.name.allSatisfy { $0.isLowercase || $0 == "-" })
            #expect(!fault.summary.isEmpty)
            #expect(ConsoleFault(name: fault.name) == fault)
            #expect(PlantedFault(name: fault.name) == nil)
        }
        #expect(ConsoleFault.allCases.count == 4)
    }

    @Test("console-revokes-wrong-user: even with user-1 alone in the list, user-2 loses their sessions and user-1 keeps them")
    func wrongUser() async throws {
        let fixture = try await Fixture.make(faults: [.consoleRevokesWrongUser])
        let tokens = await fixture.tokens(of: try await fixture.userSessions())
        let other = try await fixture.backend.logIn(username: "user-2", password: "Passw0rd!", method: .usernamePassword, from: nil).get()
        await fixture.console.typeSearch("user-1")
        await fixture.clock.advance(by: .milliseconds(500))
        try await fixture.console.openMenu(forUser: "user-1")
        try await fixture.console.choose("Revoke sessions")
        try await fixture.console.confirm()
        for token in tokens { #expect(await fixture.backend.validate(token: token)) }
        #expect(!(await fixture.backend.validate(token: other.token)))
    }

    @Test("cancel-still-revokes: Cancel revokes anyway")
    func cancelRevokes() async throws {
        let fixture = try await Fixture.make(faults: [.cancelStillRevokes])
        let tokens = await fixture.tokens(of: try await fixture.userSessions())
        try await fixture.console.openMenu(forUser: "user-1")
        try await fixture.console.choose("Revoke sessions")
        try await fixture.console.cancel()
        for token in tokens { #expect(!(await fixture.backend.validate(token: token))) }
    }

    @Test("non-admin-can-revoke-admin: the manager's menu on the admin row is enabled and the revoke goes through")
    func managerRevokesAdmin() async throws {
        // The v5 console (old list endpoint): today's list needs manage_system, so no user manager sees it.
        let fixture = try await Fixture.make(version: .legacy, viewer: "manager", grants: [.sysconsoleReadUserManagementUsers]) {
            $0 = BackendConfiguration(version: .v5_20)
            $0.signIn = .everyMethod
            $0.faults = [.nonAdminCanRevokeAdmin]
        }
        await fixture.backend.grant(.sysconsoleWriteUserManagementUsers, to: .systemUserManager)
        await fixture.backend.grant(.revokeUserAccessToken, to: .systemUserManager)
        let adminClient = try await fixture.backend.openClient(.desktopApp(on: .linux))
        _ = try await fixture.backend.signIn(adminClient, username: "sysadmin").get()
        try await fixture.console.openMenu(forUser: "sysadmin")
        try await fixture.console.choose("Revoke Sessions")
        try await fixture.console.confirm()
        let token = try #require(await fixture.backend.status(of: adminClient)?.token)
        #expect(!(await fixture.backend.validate(token: token)))
        #expect(await fixture.backend.storedSessions(ofUser: fixture.backend.user(named: "sysadmin")!.id).isEmpty)
    }
}

@Suite struct UserManagerTests {
    // `model/role.go SystemUserManagerDefaultPermissions` lists no Users permission, and today's list
    // (`api4/report.go getUsersForReporting`) also needs `c.IsSystemAdmin()` (manage_system).
    @Test("a default user manager cannot open System Console ➜ Users; granted the page, today's list still answers 403")
    func managerCannotList() async throws {
        let backend = SessionBackend(clock: TestClock(), configuration: BackendConfiguration())
        await backend.createUser(NewUser(username: "manager", roles: [.systemUser, .systemUserManager]))
        let client = try await backend.openClient(.browser(.chrome, on: .mac))
        _ = try await backend.signIn(client, username: "manager").get()
        #expect(await SystemConsole.open(backend: backend, viewer: client).failure != nil)
        await backend.grant(.sysconsoleReadUserManagementUsers, to: .systemUserManager)
        let console = try await SystemConsole.open(backend: backend, viewer: client).get()
        do {
            try await console.navigate(to: ["Users"])
            Issue.record("the list loaded")
        } catch {
            #expect(error.serverError?.statusCode == 403)
        }
    }
}

@Suite struct UsersPageTests {
    func fixture(_ version: MattermostVersion, users: Int) async throws -> Fixture {
        let console: ConsoleVersion = version == .current ? .current : .legacy
        let fixture = try await Fixture.make(version: console) { $0 = BackendConfiguration(version: version); $0.signIn = .everyMethod }
        for index in 0..<users { await fixture.backend.createUser(NewUser(username: "z-user-\(1000 + index)")) }
        try await fixture.console.navigate(to: ["Users"])
        return fixture
    }

    // Old console: USERS_PER_PAGE = 50 (system_users.jsx), system_users_list.countPage
    // "{start} - {end} users of {total} total"; today: PAGE_SIZES[0] = 10 and
    // admin.system_users_list.pagination "Showing {first} - {last} of {total} users".
    @Test("Next and Previous move a page at a time and the count follows, in each console", arguments: [
        (MattermostVersion.v5_20, ["1 - 50 users of 126 total", "51 - 100 users of 126 total", "101 - 126 users of 126 total"]),
        (.current, ["Showing 1 - 10 of 126 users", "Showing 11 - 20 of 126 users", "Showing 21 - 30 of 126 users"]),
    ])
    func paging(_ version: MattermostVersion, _ counts: [String]) async throws {
        let fixture = try await fixture(version, users: 120)
        #expect(try await fixture.console.countText() == counts[0])
        try await fixture.console.nextPage()
        #expect(try await fixture.console.countText() == counts[1])
        try await fixture.console.nextPage()
        #expect(try await fixture.console.countText() == counts[2])
        try await fixture.console.previousPage()
        #expect(try await fixture.console.countText() == counts[1])
    }

    @Test("the old list has no Next on its last page and shows one count when everything fits")
    func lastPage() async throws {
        let fixture = try await fixture(.v5_20, users: 0)
        #expect(try await fixture.console.countText() == "6 users")
        #expect(try await !fixture.console.canGoNext())
        await #expect(throws: ConsoleError.self) { try await fixture.console.previousPage() }
    }

    // reset_password_modal: own row asks "Current Password" first ("Please enter your current
    // password."), then isValidPassword; reset_email_modal: isEmail ("Please enter a valid email
    // address."), then the server's duplicate error.
    @Test("Reset Password and Update Email check in the webapp's order, then ask the server", arguments: [ConsoleVersion.legacy, .current])
    func forms(_ console: ConsoleVersion) async throws {
        let version: MattermostVersion = console == .current ? .current : .v5_20
        let fixture = try await Fixture.make(version: console) { $0 = BackendConfiguration(version: version); $0.signIn = .everyMethod }
        try await fixture.console.openMenu(forUser: "sysadmin")
        try await fixture.console.choose("Reset Password")
        try await fixture.console.submitForm()
        #expect(await fixture.console.form?.errors == ["Please enter your current password."])
        let current = try #require(await fixture.console.form?.fields.first?.label)
        try await fixture.console.type("Passw0rd!", into: current)
        try await fixture.console.submitForm()
        let rule = console == .legacy ? "Your password must contain between 5 and 64 characters." : "Your password must be 8-72 characters long."
        #expect(await fixture.console.form?.errors == [rule])
        await fixture.console.cancelForm()
        try await fixture.console.openMenu(forUser: "user-1")
        try await fixture.console.choose("Update Email")
        try await fixture.console.submitForm()
        #expect(await fixture.console.form?.errors == ["Please enter a valid email address."])
        try await fixture.console.type("bob@corp.test", into: try #require(await fixture.console.form?.fields.first?.label))
        try await fixture.console.submitForm()
        #expect(await fixture.console.form?.errors == [version.emailTakenError.message])
    }

    // Deactivate: deactivate_member_modal "Deactivate {username}", danger button "Deactivate".
    @Test("Deactivate asks first, then the user is deactivated and their sessions end")
    func deactivate() async throws {
        let fixture = try await Fixture.make()
        let clients = try await fixture.userSessions()
        let tokens = await fixture.tokens(of: clients)
        try await fixture.console.openMenu(forUser: "user-1")
        try await fixture.console.choose("Deactivate")
        #expect(await fixture.console.modal?.title == "Deactivate user-1")
        try await fixture.console.confirm()
        #expect(try await fixture.console.rows().first { $0.username == "user-1" }?.isDeactivated == true)
        for token in tokens { #expect(!(await fixture.backend.validate(token: token))) }
    }
}

@Suite struct SessionLengthsPageTests {
    // session_length_settings: days in the 2020-2022 console, hours today; Save is PUT /api/v4/config.
    @Test("Session Lengths shows the release's labels and units, and Save changes the server", arguments: [
        (MattermostVersion.v5_20, "Session Length Mobile (days):", "1", 24),
        (.current, "Session Length Mobile (hours):", "24", 24),
    ])
    func page(_ version: MattermostVersion, _ label: String, _ value: String, _ hours: Int) async throws {
        let console: ConsoleVersion = version == .current ? .current : .legacy
        let fixture = try await Fixture.make(version: console) { $0 = BackendConfiguration(version: version); $0.signIn = .everyMethod }
        try await fixture.console.navigate(to: ["Environment", "Session Lengths"])
        let labels = try await fixture.console.sessionLengthFields().map(\.label)
        #expect(labels.contains(label))
        #expect(labels.contains("Extend session length with activity: ") == version.hasExtendSessionLengthWithActivity)
        try await fixture.console.set(label, to: value)
        #expect(await fixture.backend.settings.sessionLengthMobileInHours == 720)
        try await fixture.console.save()
        #expect(await fixture.backend.settings.sessionLengthMobileInHours == hours)
        await #expect(throws: ConsoleError.self) { try await fixture.console.set("Session length for mobile apps (weeks):", to: "1") }
    }
}

/// "Demote to Guest" in a row's drop-down, and "Promote to Member" for a guest.
@Suite struct GuestMenuTests {
    // `system_users_dropdown.tsx`: the item shows when `!isGuest && user.id !== currentUser.id &&
    // isLicensed && config.GuestAccountsSettings?.Enable`.
    @Test("Demote to Guest shows only on a licensed server with guest accounts on, and never on your own row")
    func demoteItemNeedsLicenceAndGuestAccounts() async throws {
        let fixture = try await Fixture.make(version: .legacy) { $0.settings.enableGuestAccounts = true }
        #expect(try await fixture.console.openMenu(forUser: "user-1").item("Demote to Guest") == nil)
        let token = await fixture.backend.status(of: fixture.adminClient)?.token
        _ = try await fixture.backend.addLicense(token: token).get()
        #expect(try await fixture.console.openMenu(forUser: "user-1").item("Demote to Guest") != nil)
        #expect(try await fixture.console.openMenu(forUser: "sysadmin").item("Demote to Guest") == nil)
    }

    // `renderDemoteToGuestModal`: `demote_to_user_modal.title` "Demote User {username} to Guest",
    // `.desc`, button `demote_to_user_modal.demote` "Demote"; then `demoteUserToGuest`, and the row's
    // button reads "Guest" with "Promote to Member" in its menu (`promote_to_user_modal.*`).
    @Test("Demote to Guest asks first, then the row is a guest's, which can be promoted back")
    func demoteAndPromote() async throws {
        let fixture = try await Fixture.make(version: .legacy) { $0.settings.enableGuestAccounts = true }
        let token = await fixture.backend.status(of: fixture.adminClient)?.token
        _ = try await fixture.backend.addLicense(token: token).get()
        try await fixture.console.openMenu(forUser: "user-1")
        try await fixture.console.choose("Demote to Guest")
        let modal = try #require(await fixture.console.modal)
        #expect(modal.title == "Demote User user-1 to Guest" && modal.confirmLabel == "Demote")
        #expect(modal.message.hasPrefix("This action demotes the user user-1 to a guest."))
        try await fixture.console.confirm()
        let menu = try await fixture.console.openMenu(forUser: "user-1")
        #expect(menu.buttonLabel == "Guest")
        try await fixture.console.choose("Promote to Member")
        #expect(await fixture.console.modal?.title == "Promote guest user-1 to member")
        try await fixture.console.confirm()
        #expect(try await fixture.console.openMenu(forUser: "user-1").buttonLabel == "Member")
    }
}
