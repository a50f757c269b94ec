extension SessionBackend {
    // MARK: Storage

    /// Deletes a session row and clears its cache entry, unless the cache fault keeps the entry
    /// alive until its `cachedUntil`.
    func removeSession(token: MattermostID) {
        guard let session = sessions.removeValue(forKey: token) else { return }
        // `RevokeSession`: an OAuth session goes through `RevokeAccessToken`, its access data with it.
        if session.isOAuth { oauthAccessData[token] = nil }
        if session.isMobile { deviceIDs[token] = nil }
        if var tokens = tokensByUser[session.userID], let index = tokens.firstIndex(of: token) {
            tokens.swapAt(index, tokens.count - 1)
            tokens.removeLast()
            tokensByUser[session.userID] = tokens.isEmpty ? nil : tokens
        }
        if configuration.has(.sessionCacheNotInvalidated) && session.cachedUntil > now {
            staleCache[token] = session
        }
    }

    /// `RevokeAllSessions(userID)`: every row of the user (web, desktop, mobile), then the user's
    /// cache. The `revoke-leaves-mobile-sessions` fault skips the mobile ones.
    func removeAllSessions(of userID: MattermostID) {
        for token in tokensByUser[userID] ?? [] {
            if configuration.has(.revokeLeavesMobileSessions), sessions[token]?.isMobile == true { continue }
            removeSession(token: token)
        }
        if configuration.has(.loginAfterRevokeFails) { users[userID]?.lockedByRevoke = true }
    }

    // MARK: Endpoints

    /// `GET /api/v4/users/{user_id}`; `"me"` is the caller.
    public func getUser(_ userID: String, token: String?) -> Result<User, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            let id = userID == "me" ? session.userID : MattermostID(userID)
            guard let id else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            guard let user = users[id] else {
                return .failure(AppError(id: "app.user.missing_account.const", message: "Unable to find the user.",
                                         requestID: newRequestID(), statusCode: 404))
            }
            return .success(user.publicUser)
        }
    }

    /// `GET /api/v4/users/me`: the probe "is this session still valid?".
    public func getMe(token: String?) -> Result<User, AppError> { getUser("me", token: token) }

    /// `GET /api/v4/users/{user_id}/sessions`: the user's sessions with tokens blanked, most
    /// recent activity first (order INFERRED).
    public func getSessions(userID: String, token: String?) -> Result<[Session], AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard let target = resolve(userID, session) else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            guard mayActOnUser(session, target) else { return .failure(permissionError(session, .editOtherUsers)) }
            let list = (tokensByUser[target] ?? []).compactMap { sessions[$0] }
                .sorted { $0.lastActivityAt > $1.lastActivityAt }
                .map { publicSession($0, sanitized: true) }
            return .success(list)
        }
    }

    /// `POST /api/v4/users/{user_id}/sessions/revoke` with `{"session_id"}`.
    public func revokeSession(userID: String, sessionID: String, token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard let target = resolve(userID, session) else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            guard mayActOnUser(session, target) else { return .failure(permissionError(session, .editOtherUsers)) }
            guard !sessionID.isEmpty else { return .failure(.invalidBodyParam("session_id", newRequestID())) }
            // The target's own sessions first; only a miss looks through the whole table (to tell
            // another user's session from none).
            guard let id = MattermostID(sessionID),
                  let row = (tokensByUser[target] ?? []).lazy.compactMap({ self.sessions[$0] }).first(where: { $0.id == id })
                      ?? sessions.rows.first(where: { $0.id == id }) else {
                return .failure(.sessionNotFound(newRequestID()))
            }
            let victim = row.token
            guard row.userID == target else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            removeSession(token: victim)
            return .success(StatusOK())
        }
    }

    /// `POST /api/v4/users/{user_id}/sessions/revoke/all`: the endpoint behind MM-T938. Deletes
    /// every session of the user before answering, sends no websocket event, leaves personal
    /// access tokens and the account alone. 200 even when there was nothing to revoke.
    public func revokeAllSessions(userID: String, token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard let target = resolve(userID, session) else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            guard mayActOnUser(session, target) else { return .failure(permissionError(session, .editOtherUsers)) }
            removeAllSessions(of: target)
            return .success(StatusOK())
        }
    }

    /// `POST /api/v4/users/sessions/revoke/all`: every session of every user, the caller's too
    /// (MM-T940). Needs `manage_system`.
    public func revokeAllSessionsAllUsers(token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard has(.manageSystem, session) else { return .failure(permissionError(session, .manageSystem)) }
            // `platform.RevokeSessionsFromAllUsers`: all OAuth access data first, then every session.
            // Personal access tokens stay: each makes a new session on its next use.
            oauthAccessData.removeAll()
            for userID in Array(tokensByUser.keys) { removeAllSessions(of: userID) }
            return .success(StatusOK())
        }
    }

    /// `POST /api/v4/users/logout`: 200 whatever the token; a valid session is revoked.
    public func logout(token: String?) -> StatusOK {
        catchUpClients()
        if let token, let key = MattermostID(token), validSession(token: key, at: now) != nil {
            removeSession(token: key)
        }
        return StatusOK()
    }

    func resolve(_ userID: String, _ session: SessionRecord) -> MattermostID? {
        userID == "me" ? session.userID : MattermostID(userID)
    }
}
