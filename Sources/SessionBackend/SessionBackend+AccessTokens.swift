/// A personal access token (`UserAccessTokens` table): not a session, but one is made from it on
/// each use after the last one ended.
struct UserAccessTokenRecord: Sendable {
    let id: MattermostID
    let userID: MattermostID
    var isActive = true
}

extension SessionBackend {
    // MARK: Bots and personal access tokens

    /// A bot account (`POST /api/v4/bots`): a user that signs in only with access tokens.
    @discardableResult
    public func createBot(username: String) -> User {
        let user = createUser(NewUser(username: username, password: "", firstName: "", lastName: ""))
        bots.insert(MattermostID(user.id)!)
        return user
    }

    /// `POST /api/v4/users/{user_id}/tokens` (`app/user_access_token.go CreateUserAccessToken`):
    /// needs `manage_system` here (`create_user_access_token`, a system admin's by default); with
    /// `ServiceSettings.EnableUserAccessTokens` off only a bot may have one (501
    /// `app.user_access_token.disabled`). Returns the token.
    public func createUserAccessToken(userID: String, token: String?) -> Result<String, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard has(.manageSystem, session) else { return .failure(permissionError(session, .manageSystem)) }
            guard let target = MattermostID(userID), users[target] != nil else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            guard settings.enableUserAccessTokens || bots.contains(target) else {
                return .failure(notImplemented("app.user_access_token.disabled", "Personal access tokens are disabled on this server."))
            }
            let key = MattermostID.random(using: &identifiers)
            userAccessTokens[key] = UserAccessTokenRecord(id: .random(using: &identifiers), userID: target)
            return .success(key.description)
        }
    }

    /// `app/session.go createSessionForUserAccessToken`, reached from `GetSession` when no session
    /// has the token: an active token of an active user (and `EnableUserAccessTokens` on, unless
    /// the user is a bot) gets a new session whose token is the access token, with the user's
    /// roles, props `type` "UserAccessToken" (and `is_bot`), expiring in
    /// `SESSION_USER_ACCESS_TOKEN_EXPIRY` = 100 × 365 days (`model/session.go`). So revoking every
    /// session does not stop an integration: its next call makes a session again.
    func sessionForUserAccessToken(_ token: MattermostID, at instant: Duration) -> SessionRecord? {
        guard let record = userAccessTokens[token], record.isActive, let user = users[record.userID], user.deleteAt == 0,
              settings.enableUserAccessTokens || bots.contains(record.userID) else { return nil }
        var session = SessionRecord(
            id: .random(using: &identifiers), token: token, userID: record.userID, createAt: instant,
            expiresAt: instant + .seconds(100 * 365 * 86_400), lastActivityAt: instant, roleSet: internRoles(user.rolesString),
            kind: nil, isMobile: false, isSaml: false, isOAuthUser: false, isGuest: user.isGuest, csrf: .random(using: &identifiers),
            cachedUntil: instant + .seconds(settings.sessionCacheInMinutes * 60))
        session.isUserAccessToken = true
        session.isBot = bots.contains(record.userID)
        sessions[token] = session
        tokensByUser[record.userID, default: []].append(token)
        return session
    }

    // MARK: OAuth 2.0 apps

    /// The user authorizes an OAuth 2.0 app registered on this server and the app swaps the code
    /// for an access token (`app/oauth.go GetOAuthAccessTokenForCodeFlow`): an `OAuthAccessData`
    /// row and a session with `IsOAuth` whose token is the access token (length: the SSO one,
    /// INFERRED). Returns the access token.
    public func authorizeOAuthApp(userID: String) -> String? {
        catchUpClients()
        guard let target = MattermostID(userID), users[target] != nil else { return nil }
        let login = createSession(for: target, kind: nil, deviceID: "", isSaml: false, isOAuthUser: false)
        let token = MattermostID(login.token)!
        sessions[token]?.isOAuth = true
        sessions[token]?.expiresAt = now + settings.sessionLength(isMobile: false, isSSO: true)
        oauthAccessData[token] = target
        return login.token
    }

    /// How many OAuth access data rows the server holds.
    public var oauthAccessDataCount: Int { oauthAccessData.count }
}
