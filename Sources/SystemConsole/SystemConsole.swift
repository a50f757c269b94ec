import SessionBackend

/// The System Console's Users page as the webapp shows it to the admin logged in on one client:
/// navigation, the users list and its debounced search, each row's actions menu as the viewer's
/// permissions allow, the "Revoke sessions" and "Revoke All Sessions" confirmations, and errors.
/// Every server call goes through the backend with the viewer's session; a 401 logs the viewer out.
public actor SystemConsole {
    /// The route of System Console > User Management > Users.
    public static let usersRoute = "/admin_console/user_management/users"
    /// The route of System Console > Environment > Session Lengths (`ConsolePages.SESSION_LENGTHS`).
    public static let sessionLengthsRoute = "/admin_console/environment/session_lengths"
    /// The search box's debounce (`system_users_search`).
    public static let searchDebounce: Duration = .milliseconds(500)

    let backend: SessionBackend
    /// The client the admin uses.
    public nonisolated let viewer: ClientID
    /// Which console release it imitates.
    public nonisolated let version: ConsoleVersion
    /// The console's planted faults.
    let faults: Set<ConsoleFault>
    let mfaEnabled: Bool

    /// The page's URL path; `nil` once the viewer has left the console (logged out).
    public private(set) var url: String?
    /// The error shown on the page, if the last action failed.
    public internal(set) var errorMessage: String?
    /// The open confirmation, if any.
    public internal(set) var modal: ConfirmationModal?
    /// What the search box shows.
    public private(set) var searchText = ""
    var appliedSearchTerm = ""
    var searchDueAt: Duration?
    var loadedRows: [UserReport] = []
    var pending: PendingAction?
    var openRow: Int?
    /// The users list's page (0 first).
    public internal(set) var pageIndex = 0
    var total = 0
    /// The open form (Reset Password, Update Email), if any.
    public internal(set) var form: FormModal?
    var formTarget: UserReport?
    /// The Session Lengths page's fields as edited, not saved yet.
    var draft: ServerSettings?
    var serverVersion: MattermostVersion

    enum PendingAction: Hashable {
        case revokeUser(UserReport)
        case revokeAll
        case deactivate(UserReport)
        case demote(UserReport)
        case promote(UserReport)
    }

    init(backend: SessionBackend, viewer: ClientID, version: ConsoleVersion, faults: Set<ConsoleFault>, mfaEnabled: Bool) {
        self.serverVersion = backend.configuration.version
        self.backend = backend
        self.viewer = viewer
        self.version = version
        self.faults = faults
        self.mfaEnabled = mfaEnabled
    }

    /// Opens `/admin_console` in the viewer's client. A viewer with no System Console permission
    /// is refused (the webapp sends them back to their team), as is a client that is not logged in.
    /// `faults` are the console's planted faults, none by default.
    public static func open(backend: SessionBackend, viewer: ClientID, version: ConsoleVersion = .current,
                            faults: Set<ConsoleFault> = []) async -> Result<SystemConsole, ConsoleError> {
        guard let token = await backend.status(of: viewer)?.token, let permissions = await backend.permissions(token: token) else {
            await backend.clientReceivedUnauthorized(viewer)
            return .failure(ConsoleError("The client is not logged in."))
        }
        guard permissions.contains(.sysconsoleReadUserManagementUsers) || permissions.contains(.manageSystem) else {
            return .failure(ConsoleError("You do not have permission to access the System Console."))
        }
        let configuration = backend.configuration
        let console = SystemConsole(backend: backend, viewer: viewer, version: version, faults: faults,
                                    mfaEnabled: configuration.enableMultifactorAuthentication)
        await console.setURL("/admin_console")
        return .success(console)
    }

    func setURL(_ url: String) { self.url = url }

    /// Follows the sidebar: `["Users"]` (the spec's "System Console ➜ Users") or the full
    /// `["User Management", "Users"]`, which loads the users list; `["Session Lengths"]` or
    /// `["Environment", "Session Lengths"]`.
    public func navigate(to path: [String]) async throws(ConsoleError) {
        let names = path.map { $0.lowercased() }.filter { $0 != "system console" }
        switch names {
        case ["users"], ["user management", "users"]: try await navigate(toURL: Self.usersRoute)
        case ["session lengths"], ["environment", "session lengths"]: try await navigate(toURL: Self.sessionLengthsRoute)
        default:
            throw ConsoleError("No page \"\(path.joined(separator: " ➜ "))\" in the System Console fake "
                             + "(only User Management ➜ Users and Environment ➜ Session Lengths).")
        }
    }

    /// Goes to a console URL; the Users and Session Lengths pages are modelled.
    public func navigate(toURL target: String) async throws(ConsoleError) {
        guard url != nil else { throw ConsoleError("The System Console is closed: its user was logged out.") }
        guard target == Self.usersRoute || target == Self.sessionLengthsRoute else { throw ConsoleError("No page \(target) in the System Console fake.") }
        url = target
        modal = nil
        form = nil
        openRow = nil
        draft = nil
        pageIndex = 0
        if target == Self.usersRoute { try await reload() } else { draft = await backend.settings }
    }

    // MARK: Search

    /// Types into "Search users". The list follows 500 ms after the last keystroke (on the clock).
    public func typeSearch(_ text: String) async {
        searchText = text
        searchDueAt = await backend.now + Self.searchDebounce
    }

    /// Waits on the clock for the debounce and the list to reload.
    public func settle() async throws {
        if let due = searchDueAt { try await backend.sleep(until: due) }
        try? await applyDueSearch()
    }

    func applyDueSearch() async throws(ConsoleError) {
        guard let due = searchDueAt, await backend.now >= due else { return }
        searchDueAt = nil
        appliedSearchTerm = searchText
        pageIndex = 0
        try await reload()
    }

    /// The rows as of now (a search whose debounce has passed is applied first).
    public func rows() async throws(ConsoleError) -> [UserReport] {
        try requireUsersPage()
        try await applyDueSearch()
        return loadedRows
    }

    /// The term the list is filtered by (after the debounce).
    public var searchTerm: String { appliedSearchTerm }

    func reload() async throws(ConsoleError) {
        let token = await backend.status(of: viewer)?.token
        switch await backend.usersForReporting(searchTerm: appliedSearchTerm, pageSize: pageSize, page: pageIndex, token: token) {
        case .success(let rows):
            loadedRows = rows
            errorMessage = nil
            if case .success(let count) = await backend.userCount(searchTerm: appliedSearchTerm, token: token) { total = count }
        case .failure(let error):
            throw await fail(error)
        }
    }

    // MARK: The row menu

    /// Opens the actions menu of the row showing `username` (search for them first if the list
    /// is long). Fails when the row is not listed or the menu is disabled for this viewer.
    @discardableResult
    public func openMenu(forUser username: String) async throws(ConsoleError) -> ActionMenu {
        let rows = try await rows()
        guard let index = rows.firstIndex(where: { $0.username == username.lowercased() }) else {
            throw ConsoleError("No row for \(username) in the users list (search: \"\(appliedSearchTerm)\").")
        }
        let menu = try await menu(at: index)
        guard try await !isMenuDisabled(for: rows[index]) else {
            throw ConsoleError("The actions menu of \(username) is disabled for this viewer.")
        }
        openRow = index
        return menu
    }

    /// The menu of a row as this viewer would see it, without opening it.
    public func menu(at index: Int) async throws(ConsoleError) -> ActionMenu {
        let rows = try await rows()
        guard rows.indices.contains(index) else { throw ConsoleError("No row \(index).") }
        let target = rows[index]
        let permissions = try await viewerPermissions()
        let viewerID = await backend.status(of: viewer)?.userID
        let licensed = await backend.isLicensed
        let guestAccountsOn = await backend.settings.enableGuestAccounts
        let guests = licensed && guestAccountsOn
        return ActionMenu(username: target.username, buttonLabel: buttonLabel(target),
                          buttonID: "actionMenuButton-systemUsersTable-\(index)",
                          items: items(for: target, row: index, permissions: permissions, isSelf: viewerID == target.id, guestAccounts: guests))
    }

    /// Whether the row's menu button is disabled: no write access to Users, or a non-admin
    /// looking at a system admin.
    public func isMenuDisabled(for row: UserReport) async throws(ConsoleError) -> Bool {
        let permissions = try await viewerPermissions()
        if !permissions.contains(.sysconsoleWriteUserManagementUsers) { return true }
        if row.isSystemAdmin && !permissions.contains(.manageSystem) && !backend.configuration.faults.contains(.nonAdminCanRevokeAdmin) { return true }
        return false
    }

    func buttonLabel(_ row: UserReport) -> String {
        if row.isDeactivated { return "Deactivated" }
        if row.isSystemAdmin { return "System Admin" }
        if row.isGuest { return "Guest" }
        return "Member"
    }

    func items(for target: UserReport, row: Int, permissions: Set<Permission>, isSelf: Bool, guestAccounts: Bool = false) -> [ActionMenuItem] {
        let isLDAP = target.authService == "ldap"
        var keys: [(ActionMenuItem.Key, String?)] = []
        if target.isDeactivated { keys.append((.activate, isLDAP ? "Managed by LDAP" : nil)) }
        if permissions.contains(.manageSystem) && !target.isGuest { keys.append((.manageRoles, nil)) }
        keys.append((.manageTeams, nil))
        // "Manage user settings", "Manage tokens" and "Reset login attempts" depend on features off
        // on a new, unlicensed server: not shown.
        // The old console's "Switch to Email/Password" (`admin.user_item.switchToEmail`) shows for an
        // SSO or LDAP user when `ServiceSettings.ExperimentalEnableAuthenticationTransfer`, which
        // `model/config.go` defaults to true (`system_users_dropdown.tsx`); today's list actions are
        // not modelled with it (UNVERIFIED).
        if !target.authService.isEmpty && version == .legacy { keys.append((.switchToEmail, nil)) }
        if target.authService.isEmpty { keys.append((.resetPassword, nil)) }
        if target.mfaActive && mfaEnabled { keys.append((.removeMFA, nil)) }
        // The old console hides "Update Email" on your own row; today's shows it (and asks for your password).
        if target.authService.isEmpty && (version == .current || !isSelf) { keys.append((.updateEmail, nil)) }
        if target.isGuest { keys.append((.promoteToMember, nil)) }
        // `system_users_dropdown.tsx`: "Demote to Guest" when `!isGuest && user.id !== currentUser.id
        // && isLicensed && config.GuestAccountsSettings?.Enable`.
        if !target.isGuest && !isSelf && guestAccounts { keys.append((.demoteToGuest, nil)) }
        if !target.isDeactivated && permissions.contains(.revokeUserAccessToken) { keys.append((.removeSessions, nil)) }
        if isLDAP && permissions.contains(.sysconsoleWriteUserManagementGroups) { keys.append((.resyncLDAP, nil)) }
        // The old console offers Deactivate only for users who are not system admins.
        if !target.isDeactivated && (version == .current || !target.isSystemAdmin) {
            keys.append((.deactivate, isLDAP ? "Managed by LDAP" : nil))
        }
        return keys.map { key, reason in
            ActionMenuItem(key: key, label: version.label(key), domID: "actionMenuItem-systemUsersTable-\(row)-\(key.rawValue)",
                           isDisabled: reason != nil, disabledReason: reason, isDestructive: key == .deactivate)
        }
    }

    /// Clicks an item of the open menu; "Revoke sessions" (any case) opens its confirmation.
    public func choose(_ label: String) async throws(ConsoleError) {
        guard let index = openRow else { throw ConsoleError("No actions menu is open.") }
        let menu = try await menu(at: index)
        guard let item = menu.item(label) else {
            throw ConsoleError("The menu of \(menu.username) has no \"\(label)\" (it has: \(menu.items.map(\.label).joined(separator: ", "))).")
        }
        guard !item.isDisabled else { throw ConsoleError("\"\(item.label)\" is disabled: \(item.disabledReason ?? "")") }
        openRow = nil
        let target = loadedRows[index]
        let name = target.username
        switch item.key {
        case .resetPassword, .updateEmail: return await openForm(item.key, for: target)
        case .activate:
            let token = await backend.status(of: viewer)?.token
            if case .failure(let error) = await backend.updateActive(userID: target.id, active: true, token: token) { throw await fail(error) }
            return try await reload()
        case .removeSessions:
            ask(.revokeUser(target), "Revoke Sessions for \(name)", "Revoke",
                "This action revokes all sessions for \(name). They will be logged out from all devices. Are you sure you want to revoke all sessions for \(name)?")
        case .deactivate:
            ask(.deactivate(target), "Deactivate \(name)", "Deactivate",
                "This action deactivates \(name). They will be logged out and not have access to any teams or channels on this system. Are you sure you want to deactivate \(name)?")
        case .demoteToGuest:
            // `demote_to_user_modal.*` (`system_users_dropdown.tsx renderDemoteToGuestModal`).
            ask(.demote(target), "Demote User \(name) to Guest", "Demote",
                "This action demotes the user \(name) to a guest. It will restrict the user's ability to join public channels and interact with users outside of the channels they are currently members of. Are you sure you want to demote user \(name) to guest?")
        case .promoteToMember:
            // `promote_to_user_modal.*` (`renderPromoteToUserModal`).
            ask(.promote(target), "Promote guest \(name) to member", "Promote",
                "This action promotes the guest \(name) to a member. It will allow the user to join public channels and interact with users outside of the channels they are currently members of. Are you sure you want to promote guest \(name) to member?")
        default:
            throw ConsoleError("\"\(item.label)\" is not modelled by the System Console fake.")
        }
    }

    /// Opens the confirmation of `action`: Cancel and the danger button `confirmLabel`.
    func ask(_ action: PendingAction, _ title: String, _ confirmLabel: String, _ message: String) {
        pending = action
        modal = ConfirmationModal(title: title, message: message, cancelLabel: "Cancel", confirmLabel: confirmLabel)
    }

    // MARK: Revoke All Sessions

    /// Whether the page shows the "Revoke All Sessions" button (gated by `revoke_user_access_token`).
    public func showsRevokeAllSessionsButton() async throws(ConsoleError) -> Bool {
        try requireUsersPage()
        return try await viewerPermissions().contains(.revokeUserAccessToken)
    }

    /// Clicks "Revoke All Sessions" at the bottom of the list: opens its confirmation.
    public func clickRevokeAllSessions() async throws(ConsoleError) {
        guard try await showsRevokeAllSessionsButton() else { throw ConsoleError("This viewer has no \"Revoke All Sessions\" button.") }
        pending = .revokeAll
        modal = ConfirmationModal(title: "Revoke all sessions in the system", message: version.revokeAllMessage,
                                  cancelLabel: "Cancel", confirmLabel: "Revoke All Sessions")
    }

    // MARK: The confirmation

    /// Clicks Cancel: the modal closes and nothing is revoked.
    public func cancel() async throws(ConsoleError) {
        guard modal != nil, let action = pending else { throw ConsoleError("No confirmation is open.") }
        modal = nil
        pending = nil
        if faults.contains(.cancelStillRevokes) { try? await perform(action) }
    }

    /// Clicks the danger button (Revoke / Revoke All Sessions): the server call, then, when the
    /// viewer's own sessions went too, the viewer's logout to the login page.
    public func confirm() async throws(ConsoleError) {
        guard modal != nil, let action = pending else { throw ConsoleError("No confirmation is open.") }
        modal = nil
        pending = nil
        try await perform(action)
    }

    func perform(_ action: PendingAction) async throws(ConsoleError) {
        let token = await backend.status(of: viewer)?.token
        let viewerID = await backend.status(of: viewer)?.userID
        switch action {
        case .revokeUser(let chosen):
            var target = chosen
            if faults.contains(.consoleRevokesWrongUser) {
                // The neighbour in the unfiltered list, so the fault bites even when a search left one row.
                if case .success(let everyone) = await backend.usersForReporting(searchTerm: "", pageSize: 100, token: token),
                   let index = everyone.firstIndex(where: { $0.id == chosen.id }), everyone.count > 1 {
                    target = everyone[(index + 1) % everyone.count]
                }
            }
            switch await backend.revokeAllSessions(userID: target.id, token: token) {
            case .success:
                errorMessage = nil
                if target.id == viewerID { await loggedOut() }
            case .failure(let error):
                throw await fail(error)
            }
        case .deactivate(let target):
            switch await backend.updateActive(userID: target.id, active: false, token: token) {
            case .success:
                errorMessage = nil
                try await reload()
            case .failure(let error):
                throw await fail(error)
            }
        case .demote(let target), .promote(let target):
            let demote = if case .demote = action { true } else { false }
            let result = demote ? await backend.demoteToGuest(userID: target.id, token: token)
                : await backend.promoteGuestToUser(userID: target.id, token: token)
            switch result {
            case .success:
                errorMessage = nil
                try await reload()
            case .failure(let error):
                throw await fail(error)
            }
        case .revokeAll:
            switch await backend.revokeAllSessionsAllUsers(token: token) {
            case .success:
                errorMessage = nil
                await loggedOut()
            case .failure(let error):
                throw await fail(error)
            }
        }
    }

    func loggedOut() async {
        await backend.userLoggedOut(viewer)
        url = nil
        loadedRows = []
    }

    /// Shows the server's error on the page; a 401 logs the viewer out instead.
    func fail(_ error: AppError) async -> ConsoleError {
        if error.statusCode == 401 {
            await backend.clientReceivedUnauthorized(viewer)
            url = nil
            return ConsoleError("The admin's session has expired: \(error.message)", serverError: error)
        }
        errorMessage = error.message
        return ConsoleError(error.message, serverError: error)
    }

    func viewerPermissions() async throws(ConsoleError) -> Set<Permission> {
        guard let token = await backend.status(of: viewer)?.token, let permissions = await backend.permissions(token: token) else {
            await backend.clientReceivedUnauthorized(viewer)
            url = nil
            throw ConsoleError("The admin's session has expired.")
        }
        return permissions
    }

    func requireUsersPage() throws(ConsoleError) {
        try require(Self.usersRoute, "System Console ➜ Users")
    }

    func require(_ route: String, _ name: String) throws(ConsoleError) {
        guard url == route else {
            throw ConsoleError(url == nil ? "The System Console is closed: its user was logged out." : "Not on \(name) (at \(url!)).")
        }
    }
}
