/// One row of `GET /api/v4/reports/users`, the list behind System Console > Users (v9.5+): the
/// user's fields plus activity figures.
public struct UserReport: Codable, Hashable, Sendable {
    public var id: String
    public var username: String
    public var email: String
    public var firstName: String
    public var lastName: String
    public var nickname: String
    public var roles: String
    public var authService: String
    public var mfaActive: Bool
    public var createAt: Int64
    public var deleteAt: Int64
    public var lastLoginAt: Int64
    public var lastStatusAt: Int64
    public var lastPostDate: Int64
    public var daysActive: Int
    public var totalPosts: Int

    enum CodingKeys: String, CodingKey {
        case id, username, email, nickname, roles
        case firstName = "first_name", lastName = "last_name", authService = "auth_service", mfaActive = "mfa_active"
        case createAt = "create_at", deleteAt = "delete_at", lastLoginAt = "last_login_at", lastStatusAt = "last_status_at"
        case lastPostDate = "last_post_date", daysActive = "days_active", totalPosts = "total_posts"
    }

    /// "First Last" when the user has a name, else the username (the console's display name).
    public var displayName: String {
        let name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? username : name
    }
    public var isSystemAdmin: Bool { roles.split(separator: " ").contains("system_admin") }
    public var isGuest: Bool { roles.split(separator: " ").contains("system_guest") }
    public var isDeactivated: Bool { deleteAt != 0 }
}

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

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }.reversed().drop { $0.properties.isWhitespace }.reversed()
        return String(String.UnicodeScalarView(scalars))
    }
}
