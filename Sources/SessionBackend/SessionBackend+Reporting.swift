extension SessionBackend {
    /// The System Console's users list, sorted by username, one page of `pageSize` rows (`page`
    /// counts from 0; `nil`: every match). Today's console calls `GET /api/v4/reports/users`, which
    /// needs `manage_system` **and** `sysconsole_read_user_management_users` (`api4/report.go`:
    /// `c.IsSystemAdmin()` first), so even a user manager granted the Users page gets 403; the old
    /// console (v5) read `GET /api/v4/users?page=&per_page=`, open to the page's readers. Page size
    /// 1...100 (`ReportingMaxPageSize`). The search matches the start of the username, email,
    /// first name, last name or nickname, ignoring case and a leading "@" (`UserSearchTypeAll`;
    /// exact matching rules UNVERIFIED).
    public func usersForReporting(searchTerm: String = "", pageSize: Int = 50, page: Int? = 0, token: String?) -> Result<[UserReport], AppError> {
        catchUpClients()
        return reportingSession(token).flatMap { _ in
            guard (1...100).contains(pageSize) else { return .failure(.invalidURLParam("page_size", newRequestID())) }
            let listed = listedUsers(searchTerm).dropFirst((page ?? 0) * pageSize).prefix(page == nil ? Int.max : pageSize)
            let lastLogins = lastLoginByUser()
            var rows: [UserReport] = []
            rows.reserveCapacity(listed.count)
            for user in listed {
                let lastLogin = lastLogins[user.id]
                rows.append(UserReport(id: user.id.description, username: user.username, email: user.email, firstName: user.firstName,
                                       lastName: user.lastName, nickname: user.nickname, roles: user.rolesString,
                                       authService: user.authService.rawValue, mfaActive: user.mfaSecret != nil, createAt: user.createAt,
                                       deleteAt: user.deleteAt, lastLoginAt: lastLogin ?? 0, lastStatusAt: lastLogin ?? 0,
                                       lastPostDate: 0, daysActive: lastLogin == nil ? 0 : 1, totalPosts: 0))
            }
            return .success(rows)
        }
    }

    /// The session of a caller allowed to read the users list, or the server's 401 or 403.
    func reportingSession(_ token: String?) -> Result<SessionRecord, AppError> {
        authenticate(token).flatMap { session in
            guard has(.sysconsoleReadUserManagementUsers, session) else {
                return .failure(permissionError(session, .sysconsoleReadUserManagementUsers))
            }
            if configuration.version == .current && !has(.manageSystem, session) {
                return .failure(permissionError(session, .manageSystem))
            }
            return .success(session)
        }
    }

    /// The users a search term lists, sorted by username.
    func listedUsers(_ searchTerm: String) -> [UserRecord] {
        var term = searchTerm.trimmingWhitespace().lowercased()
        if term.hasPrefix("@") { term.removeFirst() }
        return users.values.filter { term.isEmpty || matches($0, term) }.sorted { $0.username < $1.username }
    }

    private func matches(_ user: UserRecord, _ term: String) -> Bool {
        user.username.hasPrefix(term) || user.email.hasPrefix(term) || user.firstName.lowercased().hasPrefix(term)
            || user.lastName.lowercased().hasPrefix(term) || user.nickname.lowercased().hasPrefix(term)
    }

    private func lastLoginByUser() -> [MattermostID: Int64] {
        var result: [MattermostID: Int64] = [:]
        for (userID, tokens) in tokensByUser {
            if let latest = tokens.compactMap({ sessions[$0]?.createAt }).max() { result[userID] = timeline.milliseconds(at: latest) }
        }
        return result
    }
}
