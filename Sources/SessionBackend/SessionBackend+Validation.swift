extension SessionBackend {
    /// Looks a token up as `GetSession` does, at instant `instant`: the cache (here, the live row
    /// with its `cachedUntil`, or a stale entry left by the cache fault), then the table. A lookup
    /// is not activity: it neither moves `last_activity_at` nor extends the session (only
    /// `recordActivity` does, as the server's activity handlers do). Returns the session or `nil`
    /// for a 401.
    func validSession(token: MattermostID, at instant: Duration) -> SessionRecord? {
        switch touch(token: token, at: instant) {
        case .row(let index): sessions.rows[index]
        case .cached(let session): session
        case nil: userAccessTokens.isEmpty ? nil : sessionForUserAccessToken(token, at: instant)
        }
    }

    enum Hit {
        case row(Int)
        case cached(SessionRecord)
    }

    /// The lookup behind `validSession`, without copying the row out (the hot path of `validate`).
    func touch(token: MattermostID, at instant: Duration) -> Hit? {
        if let index = sessions.index(forKey: token) {
            let session = sessions.rows[index]
            guard !isExpired(session, at: instant) else { return nil }
            // Write back only when the cache entry lapsed: most requests change nothing.
            if instant >= session.cachedUntil {
                sessions.rows[index].cachedUntil = instant + .seconds(settings.sessionCacheInMinutes * 60)
            }
            return .row(index)
        }
        if !staleCache.isEmpty, let cached = staleCache[token] {
            if instant < cached.cachedUntil && !isExpired(cached, at: instant) { return .cached(cached) }
            staleCache[token] = nil
        }
        return nil
    }

    /// What the server's activity handlers do after their work (`createPost` in `api4/post.go`,
    /// `viewChannel` in `api4/channel.go`, `userTyping` in `wsapi/user.go`), and nothing else does:
    /// `UpdateLastActivityAtIfNeeded` (at most every `SessionActivityTimeout`, 5 minutes) and
    /// `ExtendSessionExpiryIfNeeded` (`app/session.go`): when `ExtendSessionLengthWithActivity` is
    /// on, the expiry becomes now + the session length once
    /// `elapsed = now - (ExpiresAt - length)` reaches `threshold = max(min(1% of length, 1 day), 5 min)`
    /// (14.4 minutes for a 1-day session, 7.2 hours for 30 days).
    func recordActivity(token: MattermostID, at instant: Duration) {
        guard let index = sessions.index(forKey: token) else { return }
        let session = sessions.rows[index]
        guard !isExpired(session, at: instant) else { return }
        if instant - session.lastActivityAt >= configuration.sessionActivityTimeout {
            sessions.rows[index].lastActivityAt = instant
        }
        let extend = settings.extendSessionLengthWithActivity || configuration.has(.sessionExtendedWhenDisabled)
        guard extend, !configuration.has(.sessionNotExtendedOnActivity) else { return }
        let length = sessionLength(of: session)
        let threshold = max(min(length / 100, .seconds(86_400)), .seconds(300))
        if instant - (session.expiresAt - length) >= threshold {
            sessions.rows[index].expiresAt = instant + length
        }
    }

    /// `Session.IsExpired` (`ExpiresAt > 0 && now > ExpiresAt`) and the idle timeout of
    /// `App.GetSession`, which applies only when sessions are not extended with activity and
    /// never to mobile sessions.
    func isExpired(_ session: SessionRecord, at instant: Duration) -> Bool {
        if instant > session.expiresAt { return true }
        if !settings.extendSessionLengthWithActivity && !session.isMobile && settings.sessionIdleTimeoutInMinutes > 0 {
            return instant - session.lastActivityAt > .seconds(settings.sessionIdleTimeoutInMinutes * 60)
        }
        return false
    }

    /// `GetSessionLengthInMillis`: the mobile length for a mobile session, the SSO length for a
    /// SAML or OAuth sign-in, the web length otherwise. The `mobile-session-length-ignored` fault
    /// gives phones the web length.
    func sessionLength(of session: SessionRecord) -> Duration {
        sessionLength(isMobile: session.isMobile, isSSO: session.isSaml || session.isOAuthUser)
    }

    func sessionLength(isMobile: Bool, isSSO: Bool) -> Duration {
        settings.sessionLength(isMobile: isMobile && !configuration.has(.mobileSessionLengthIgnored), isSSO: isSSO)
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
        return touch(token: key, at: now) != nil || (!userAccessTokens.isEmpty && sessionForUserAccessToken(key, at: now) != nil)
    }

    // MARK: Permissions

    /// What the session's roles grant: worked out once per set of roles, until a grant changes it
    /// (every request asks, often more than once).
    func permissions(of session: SessionRecord) -> Set<Permission> {
        let index = Int(session.roleSet)
        if index < permissionsByRoleSet.count, let known = permissionsByRoleSet[index] { return known }
        let granted = permissions(ofRoles: roleSets[index])
        if index >= permissionsByRoleSet.count {
            permissionsByRoleSet += Array(repeating: nil, count: index + 1 - permissionsByRoleSet.count)
        }
        permissionsByRoleSet[index] = granted
        return granted
    }

    func permissions(ofRoles roles: String) -> Set<Permission> {
        var granted: Set<Permission> = []
        for name in roles.split(separator: " ") {
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
        // Today's rule looks the target up (`GetUser`) and refuses an unknown one, even to a system
        // admin (403); v5's `self || edit_other_users` never looked.
        if configuration.permissionRule == .current && users[target] == nil { return false }
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
