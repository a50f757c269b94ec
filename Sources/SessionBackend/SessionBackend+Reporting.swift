extension SessionBackend {
    /// `GET /api/v4/reports/users?search_term=...&page_size=...`, sorted by username. Needs
    /// `sysconsole_read_user_management_users`; page size 1...100. The search matches the start of
    /// the username, email, first name, last name or nickname, ignoring case and a leading "@"
    /// (the server's user search; exact matching rules UNVERIFIED).
    public func usersForReporting(searchTerm: String = "", pageSize: Int = 50, token: String?) -> Result<[UserReport], AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard has(.sysconsoleReadUserManagementUsers, session) else {
                return .failure(permissionError(session, .sysconsoleReadUserManagementUsers))
            }
            guard (1...100).contains(pageSize) else { return .failure(.invalidURLParam("page_size", newRequestID())) }
            var term = searchTerm.trimmingWhitespace().lowercased()
            if term.hasPrefix("@") { term.removeFirst() }
            let lastLogins = lastLoginByUser()
            let rows = users.values
                .filter { term.isEmpty || matches($0, term) }
                .sorted { $0.username < $1.username }
                .prefix(pageSize)
                .map { user in
                    UserReport(id: user.id.description, username: user.username, email: user.email, firstName: user.firstName,
                               lastName: user.lastName, nickname: user.nickname, roles: user.rolesString,
                               authService: user.authService.rawValue, mfaActive: user.mfaSecret != nil, createAt: user.createAt,
                               deleteAt: user.deleteAt, lastLoginAt: lastLogins[user.id] ?? 0, lastStatusAt: lastLogins[user.id] ?? 0,
                               lastPostDate: 0, daysActive: lastLogins[user.id] == nil ? 0 : 1, totalPosts: 0)
                }
            return .success(Array(rows))
        }
    }

    private func matches(_ user: UserRecord, _ term: String) -> Bool {
        [user.username, user.email, user.firstName.lowercased(), user.lastName.lowercased(), user.nickname.lowercased()]
            .contains { $0.hasPrefix(term) }
    }

    private func lastLoginByUser() -> [MattermostID: Int64] {
        var result: [MattermostID: Int64] = [:]
        for (userID, tokens) in tokensByUser {
            if let latest = tokens.compactMap({ sessions[$0]?.createAt }).max() { result[userID] = timeline.milliseconds(at: latest) }
        }
        return result
    }
}
