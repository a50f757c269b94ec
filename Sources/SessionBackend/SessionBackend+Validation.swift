extension SessionBackend {
    /// Looks a token up as `GetSession` does, at instant `instant`: the cache (here, the live row
    /// with its `cachedUntil`, or a stale entry left by the cache fault), then the table. A hit
    /// refreshes `last_activity_at` at most every `sessionActivityTimeout`, and extends the expiry
    /// when `ExtendSessionLengthWithActivity` is on. Returns the session or `nil` for a 401.
    func validSession(token: MattermostID, at instant: Duration) -> SessionRecord? {
        switch touch(token: token, at: instant) {
        case .row(let index): sessions.values[index]
        case .cached(let session): session
        case nil: nil
        }
    }

    enum Hit {
        case row(Dictionary<MattermostID, SessionRecord>.Index)
        case cached(SessionRecord)
    }

    /// The lookup behind `validSession`, without copying the row out (the hot path of `validate`).
    func touch(token: MattermostID, at instant: Duration) -> Hit? {
        if let index = sessions.index(forKey: token) {
            let session = sessions.values[index]
            let (expiresAt, cachedUntil, lastActivityAt) = (session.expiresAt, session.cachedUntil, session.lastActivityAt)
            guard !isExpired(session, at: instant) else { return nil }
            // Write back only when something changes: most requests change nothing.
            if instant >= cachedUntil {
                sessions.values[index].cachedUntil = instant + .seconds(configuration.sessionCacheInMinutes * 60)
            }
            if instant - lastActivityAt >= configuration.sessionActivityTimeout {
                sessions.values[index].lastActivityAt = instant
                if configuration.extendSessionLengthWithActivity {
                    let length = sessionLength(isMobile: session.isMobile, isSSO: session.isSaml || session.isOAuthUser)
                    // ExtendSessionExpiryIfNeeded: only once 1% of the length has gone by.
                    if instant + length - expiresAt >= length / 100 { sessions.values[index].expiresAt = instant + length }
                }
            }
            return .row(index)
        }
        if !staleCache.isEmpty, let cached = staleCache[token] {
            if instant < cached.cachedUntil && !isExpired(cached, at: instant) { return .cached(cached) }
            staleCache[token] = nil
        }
        return nil
    }

    func isExpired(_ session: SessionRecord, at instant: Duration) -> Bool {
        if instant > session.expiresAt { return true }
        // The idle timeout never applies to mobile sessions, nor when activity extends sessions.
        if !configuration.extendSessionLengthWithActivity && !session.isMobile {
            return instant - session.lastActivityAt > .seconds(configuration.sessionIdleTimeoutInMinutes * 60)
        }
        return false
    }

    func sessionLength(isMobile: Bool, isSSO: Bool) -> Duration {
        let hours = isMobile ? configuration.sessionLengthMobileInHours
            : isSSO ? configuration.sessionLengthSSOInHours : configuration.sessionLengthWebInHours
        return .seconds(hours * 3600)
    }

    /// What `APISessionRequired` does before any handler: a missing, malformed, unknown, revoked
    /// or expired token is the public 401 `api.context.session_expired.app_error`.
    func authenticate(_ token: String?) -> Result<SessionRecord, AppError> {
        guard let token, let key = MattermostID(token), let session = validSession(token: key, at: now) else {
            return .failure(.sessionExpired(newRequestID()))
        }
        return .success(session)
    }

    /// Whether a token would pass `authenticate` now: the check every session-required request makes.
    public func validate(token: String) -> Bool {
        guard let key = MattermostID(token) else { return false }
        return touch(token: key, at: now) != nil
    }

    // MARK: Permissions

    func permissions(of session: SessionRecord) -> Set<Permission> {
        var granted: Set<Permission> = []
        for name in roles(of: session).split(separator: " ") {
            guard let role = Role(rawValue: String(name)) else { continue }
            granted.formUnion(role.defaultPermissions)
            granted.formUnion(extraPermissions[role] ?? [])
        }
        for permission in granted { granted.formUnion(permission.ancillary) }
        return granted
    }

    func has(_ permission: Permission, _ session: SessionRecord) -> Bool {
        permissions(of: session).contains(permission)
    }

    /// `SessionHasPermissionToUser`, in the generation the configuration names.
    func mayActOnUser(_ session: SessionRecord, _ target: MattermostID) -> Bool {
        if has(.manageSystem, session) || session.userID == target { return true }
        guard has(.editOtherUsers, session) else { return false }
        let legacy = configuration.permissionRule == .legacy || configuration.has(.nonAdminCanRevokeAdmin)
        if !legacy, users[target]?.isSystemAdmin == true { return false }
        return true
    }

    func permissionError(_ session: SessionRecord, _ permission: Permission) -> AppError {
        var error = AppError.permissions(newRequestID())
        if configuration.enableDeveloper { error.detailedError = "userId=\(session.userID), permission=\(permission.rawValue)" }
        return error
    }
}
