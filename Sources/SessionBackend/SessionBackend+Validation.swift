extension SessionBackend {
    /// Looks a token up as `GetSession` does, at instant `instant`: the cache (here, the live row
    /// with its `cachedUntil`, or a stale entry left by the cache fault), then the table. A hit
    /// refreshes `last_activity_at` at most every `sessionActivityTimeout`, and extends the expiry
    /// when `ExtendSessionLengthWithActivity` is on. Returns the session or `nil` for a 401.
    func validSession(token: MattermostID, at instant: Duration) -> SessionRecord? {
        if var session = sessions[token] {
            guard !isExpired(session, at: instant) else { return nil }
            if instant >= session.cachedUntil {
                session.cachedUntil = instant + .seconds(configuration.sessionCacheInMinutes * 60)
            }
            if instant - session.lastActivityAt >= configuration.sessionActivityTimeout {
                session.lastActivityAt = instant
                if configuration.extendSessionLengthWithActivity {
                    let length = sessionLength(isMobile: session.isMobile, isSSO: session.isSaml || session.isOAuthUser)
                    // ExtendSessionExpiryIfNeeded: only once 1% of the length has gone by.
                    if instant + length - session.expiresAt >= length / 100 { session.expiresAt = instant + length }
                }
            }
            sessions[token] = session
            return session
        }
        if !staleCache.isEmpty, let cached = staleCache[token] {
            if instant < cached.cachedUntil && !isExpired(cached, at: instant) { return cached }
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
        return validSession(token: key, at: now) != nil
    }

    // MARK: Permissions

    func permissions(of session: SessionRecord) -> Set<Permission> {
        var granted: Set<Permission> = []
        for name in session.roles.split(separator: " ") {
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
