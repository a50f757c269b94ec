extension SessionBackend {
    // MARK: Email

    /// `PUT /api/v4/users/{user_id}/patch` with a new email, as the console's "Update Email" sends it
    /// (`api4/user.go patchUser`, `app/user.go UpdateUser`), in the handler's order: the caller may
    /// act on the user (`SessionHasPermissionToUser`, else 403); an unknown user is 400
    /// `api.context.invalid_body_param.app_error`; a system admin target needs `manage_system`; the
    /// caller's own email needs their `password` (400 when missing,
    /// `api.user.check_user_password.invalid.app_error` when wrong); an email another account
    /// has is the version's duplicate error (v5 `store.sql_user.update.email_taken.app_error`,
    /// today `app.user.save.email_exists.app_error`). With `EmailSettings.RequireEmailVerification`
    /// the stored email stays as it was until the link mailed to the new address is used;
    /// without, it changes at once. The server's own format check (`model.IsValidEmail`, 400
    /// `model.user.is_valid.email.app_error` "Invalid email.") is reached only through the API: the
    /// webapp checks first (message text UNVERIFIED).
    public func updateEmail(userID: String, to email: String, password: String? = nil, token: String?) -> Result<User, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard let target = MattermostID(userID), users[target] != nil else {
                return .failure(.invalidBodyParam("user_id", newRequestID()))
            }
            guard mayActOnUser(session, target) else { return .failure(permissionError(session, .editOtherUsers)) }
            if users[target]!.isSystemAdmin && !has(.manageSystem, session) { return .failure(permissionError(session, .manageSystem)) }
            if target == session.userID {
                guard let password, !password.isEmpty else { return .failure(.invalidBodyParam("password", newRequestID())) }
                guard password == users[target]!.password else {
                    return .failure(AppError(id: "api.user.check_user_password.invalid.app_error",
                                             message: "Login failed because of invalid password.", requestID: newRequestID(), statusCode: 401))
                }
            }
            let new = email.trimmingWhitespace().lowercased()
            guard Self.isEmail(new) else {
                return .failure(AppError(id: "model.user.is_valid.email.app_error", message: "Invalid email.",
                                         requestID: newRequestID(), statusCode: 400))
            }
            if let owner = userIDsByEmail[new], owner != target, !configuration.has(.duplicateEmailAccepted) {
                let taken = configuration.version.emailTakenError
                return .failure(AppError(id: taken.id, message: taken.message, requestID: newRequestID(), statusCode: 400))
            }
            // `app/user.go UpdateUser(…, sendNotifications: true)`: with verification on, the link
            // goes to the new address (`SendEmailChangeVerifyEmail`) and the change waits for it;
            // without, the change is made and the old address is told (`SendEmailChangeEmail`).
            if settings.requireEmailVerification {
                users[target]!.pendingEmail = new
                outbox.append(SentEmail(to: new, template: .emailChangeVerify, siteName: settings.siteName))
            } else {
                changeEmail(of: target, to: new)
            }
            users[target]!.updateAt = timeline.milliseconds(at: now)
            return .success(users[target]!.publicUser)
        }
    }

    /// The user opens the verification link mailed to their new address (`POST
    /// /api/v4/users/email/verify`, `app/user.go VerifyEmailFromToken`): the pending address
    /// becomes the email, and the old address is told (`SendEmailChangeEmail`). 400
    /// `api.user.verify_email.bad_link.app_error` when nothing waits (message UNVERIFIED).
    public func verifyEmail(userID: String) -> Result<User, AppError> {
        catchUpClients()
        guard let target = MattermostID(userID), let new = users[target]?.pendingEmail else {
            return .failure(AppError(id: "api.user.verify_email.bad_link.app_error", message: "Bad verify email link.",
                                     requestID: newRequestID(), statusCode: 400))
        }
        changeEmail(of: target, to: new)
        return .success(users[target]!.publicUser)
    }

    func changeEmail(of target: MattermostID, to new: String) {
        let old = users[target]!.email
        if userIDsByEmail[old] == target { userIDsByEmail[old] = nil }
        users[target]!.email = new
        users[target]!.pendingEmail = nil
        userIDsByEmail[new] = target
        outbox.append(SentEmail(to: old, template: .emailChange, siteName: settings.siteName))
    }

    /// What the webapp's `isEmail` (mattermost-redux `utils/helpers`) accepts, closely enough: one
    /// "@" with a local part and a dotted domain, no spaces or brackets (regex UNVERIFIED).
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else {
            return false
        }
        return !text.contains { $0.isWhitespace || "()<>,;:\\\"[]".contains($0) }
    }

    // MARK: Password

    /// `PUT /api/v4/users/{user_id}/password` (`api4/user.go updatePassword`, `app/user.go
    /// UpdatePassword`): your own password needs the current one (400 invalid `current_password`
    /// when empty, 400 `api.user.update_password.incorrect.app_error` when wrong); another user's
    /// needs `manage_system` for a system admin and `sysconsole_write_user_management_users`
    /// otherwise (403 `api.user.update_password.context.app_error`); SSO users have no password
    /// (400 `api.user.update_password.oauth.app_error`); the new password must pass the password
    /// rules (v5 `model.user.is_valid.pwd.app_error`, today `..._min_length` / `..._max_length`).
    /// Sessions: none are revoked before MM-58560; today, with `TerminateSessionsOnPasswordChange`,
    /// all of the user's sessions go except the caller's own current one.
    public func updatePassword(userID: String, currentPassword: String, newPassword: String, token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard let target = MattermostID(userID), let user = users[target] else {
                return .failure(.invalidURLParam("user_id", newRequestID()))
            }
            let isSelf = target == session.userID
            if isSelf {
                guard !currentPassword.isEmpty else { return .failure(.invalidBodyParam("current_password", newRequestID())) }
                guard currentPassword == user.password else {
                    return .failure(AppError(id: "api.user.update_password.incorrect.app_error",
                                             message: "The \"Current Password\" you entered is incorrect. Please check that Caps Lock is off and try again.",
                                             requestID: newRequestID(), statusCode: 400))
                }
            } else {
                let needed: Permission = user.isSystemAdmin ? .manageSystem : .sysconsoleWriteUserManagementUsers
                guard has(needed, session) else {
                    return .failure(AppError(id: "api.user.update_password.context.app_error",
                                             message: "Update password failed because context user_id did not match props user_id.",
                                             requestID: newRequestID(), statusCode: 403))
                }
            }
            guard user.authService == .email else {
                return .failure(AppError(id: "api.user.update_password.oauth.app_error",
                                         message: "Update password failed because the user is logged in through an OAuth service.",
                                         requestID: newRequestID(), statusCode: 400))
            }
            if let error = passwordError(newPassword) { return .failure(error) }
            if !configuration.has(.passwordResetKeepsOldPassword) || isSelf {
                users[target]!.password = newPassword
            }
            users[target]!.lastPasswordUpdate = timeline.milliseconds(at: now)
            if settings.terminateSessionsOnPasswordChange {
                for token in tokensByUser[target] ?? [] where !(isSelf && token == session.token) { removeSession(token: token) }
            }
            return .success(StatusOK())
        }
    }

    /// `IsPasswordValidWithSettings` for the default rules (no character classes required): the
    /// length between `PasswordSettings.MinimumLength` and the maximum.
    func passwordError(_ password: String) -> AppError? {
        let minimum = settings.passwordMinimumLength
        let maximum = configuration.version.passwordMaximumLength
        guard password.count < minimum || password.count > maximum else { return nil }
        if configuration.version == .current {
            return password.count < minimum
                ? AppError(id: "model.user.is_valid.pwd_min_length.app_error",
                           message: "Your password must contain at least \(minimum) characters.", requestID: newRequestID(), statusCode: 400)
                : AppError(id: "model.user.is_valid.pwd_max_length.app_error",
                           message: "Your password must contain no more than \(maximum) characters.", requestID: newRequestID(), statusCode: 400)
        }
        return AppError(id: "model.user.is_valid.pwd.app_error", message: "Your password must contain at least \(minimum) characters.",
                        requestID: newRequestID(), statusCode: 400)
    }

    // MARK: Activation

    /// `PUT /api/v4/users/{user_id}/active` (`api4/user.go updateUserActive`, `app/user.go
    /// UpdateActive`): needs `sysconsole_write_user_management_users` (and `manage_system` for a
    /// system admin), else 403. Deactivating sets `delete_at`, revokes every session
    /// (`RevokeAllSessions`) and sends the websocket `user_updated` event to every connected client,
    /// whose sidebars and DMs change at once; reactivating restores no session.
    public func updateActive(userID: String, active: Bool, token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard let target = MattermostID(userID), let user = users[target] else {
                return .failure(.invalidURLParam("user_id", newRequestID()))
            }
            guard has(.sysconsoleWriteUserManagementUsers, session), !user.isSystemAdmin || has(.manageSystem, session) else {
                return .failure(AppError(id: "api.user.update_active.permissions.app_error",
                                         message: "You do not have the appropriate permissions.", requestID: newRequestID(), statusCode: 403))
            }
            applyActive(active, to: target)
            return .success(StatusOK())
        }
    }

    func applyActive(_ active: Bool, to target: MattermostID) {
        let stamp = timeline.milliseconds(at: now)
        users[target]!.deleteAt = active ? 0 : stamp
        users[target]!.updateAt = stamp
        if !active { removeAllSessions(of: target) }
        if !configuration.has(.deactivationNotBroadcast) { broadcastUserUpdated(target) }
    }

    // MARK: Counts

    /// The users list's total: `GET /api/v4/reports/users/count` today, the analytics total
    /// (`getStandardAnalytics`) in the old console. Same permission as the list.
    public func userCount(searchTerm: String = "", token: String?) -> Result<Int, AppError> {
        catchUpClients()
        return reportingSession(token).map { _ in listedUsers(searchTerm).count }
    }
}

extension SessionBackend {
    /// `PUT /api/v4/config` (`api4/config.go updateConfig`): needs `manage_system` (403 otherwise);
    /// the new values apply from the next request.
    public func updateSettings(_ new: ServerSettings, token: String?) -> Result<ServerSettings, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard has(.manageSystem, session) else { return .failure(permissionError(session, .manageSystem)) }
            settings = new
            return .success(settings)
        }
    }
}
