extension SessionBackend {
    /// `POST /api/v4/users/login`: email, username or LDAP with a password (and an MFA code when
    /// the user has MFA). `kind` stands for the User-Agent, which fills the session's props.
    public func login(_ request: LoginRequest, from kind: ClientKind?) -> Result<LoginResponse, AppError> {
        catchUpClients()
        let settings = configuration.signIn
        let masked = AppError.invalidCredentials(settings, newRequestID())
        guard let userID = findUserForLogin(request) else { return .failure(masked) }
        let user = users[userID]!
        if request.ldapOnly || user.authService == .ldap {
            guard user.authService == .ldap, settings.enabledServices.contains(.ldap) else { return .failure(masked) }
        } else if user.authService != .email {
            // An SSO user typing a password (`authenticateUser`; message text UNVERIFIED).
            return .failure(AppError(id: "api.user.login.use_auth_service.app_error",
                                     message: "Please sign in using \(user.authService.displayName).",
                                     requestID: newRequestID(), statusCode: 400))
        }
        if user.deleteAt != 0 { return .failure(.inactive(newRequestID())) }
        if request.password.isEmpty { return .failure(.blankPassword(newRequestID())) }
        guard request.password == user.password else { return .failure(masked) }
        if configuration.enableMultifactorAuthentication, let secret = user.mfaSecret {
            guard MFA.isWellFormed(request.token) else { return .failure(.mfaRequired(newRequestID())) }
            guard MFA.check(request.token, secret: secret, atMilliseconds: timeline.milliseconds(at: now)) else {
                return .failure(.mfaBadCode(newRequestID()))
            }
        }
        if configuration.has(.loginAfterRevokeFails) && user.lockedByRevoke { return .failure(masked) }
        return .success(createSession(for: userID, kind: kind, deviceID: request.deviceID, isSaml: false, isOAuthUser: false))
    }

    /// The end of a SAML or OAuth sign-in: the identity provider vouched for `loginID` (username or
    /// email) and the server creates the session (`isSaml` / `isOAuthUser` props, SSO length).
    /// The server provisions unknown users on first SSO login; the fake wants them created first,
    /// and answers an unknown user with the masked SSO error (INFERRED).
    public func loginWithSSO(_ service: AuthService, loginID: String, from kind: ClientKind?,
                             deviceID: String = "") -> Result<LoginResponse, AppError> {
        catchUpClients()
        guard service.isSSO, configuration.signIn.enabledServices.contains(service) else {
            // Message and id UNVERIFIED: the server answers a disabled provider with 501.
            return .failure(AppError(id: "api.user.get_authorization_code.unsupported.app_error",
                                     message: "Unsupported OAuth service provider.", requestID: newRequestID(), statusCode: 501))
        }
        let masked = AppError.invalidCredentials(configuration.signIn, newRequestID())
        let key = loginID.lowercased()
        guard let userID = userIDsByUsername[key] ?? userIDsByEmail[key], let user = users[userID],
              user.authService == service else { return .failure(masked) }
        if user.deleteAt != 0 { return .failure(.inactive(newRequestID())) }
        if configuration.has(.loginAfterRevokeFails) && user.lockedByRevoke { return .failure(masked) }
        return .success(createSession(for: userID, kind: kind, deviceID: deviceID,
                                      isSaml: service == .saml, isOAuthUser: service.isOAuthProvider))
    }

    /// Logs in with any method: the password methods through `login`, SAML and OAuth through
    /// `loginWithSSO`. `username` is the user's username (the email is looked up for email logins).
    public func logIn(username: String, password: String, method: LoginMethod, from kind: ClientKind?,
                      deviceID: String = "", mfaCode: String = "") -> Result<LoginResponse, AppError> {
        switch method {
        case .emailPassword:
            let email = user(named: username)?.email ?? username
            return login(LoginRequest(loginID: email, password: password, token: mfaCode, deviceID: deviceID), from: kind)
        case .usernamePassword:
            return login(LoginRequest(loginID: username, password: password, token: mfaCode, deviceID: deviceID), from: kind)
        case .ldap:
            return login(LoginRequest(loginID: username, password: password, token: mfaCode, deviceID: deviceID,
                                      ldapOnly: true), from: kind)
        case .saml, .oauth:
            return loginWithSSO(method.authService, loginID: username, from: kind, deviceID: deviceID)
        }
    }

    func findUserForLogin(_ request: LoginRequest) -> MattermostID? {
        if !request.id.isEmpty { return MattermostID(request.id).flatMap { users[$0] != nil ? $0 : nil } }
        let key = request.loginID.lowercased()
        if request.ldapOnly { return userIDsByUsername[key].flatMap { users[$0]?.authService == .ldap ? $0 : nil } }
        let settings = configuration.signIn
        if settings.enableSignInWithEmail, let id = userIDsByEmail[key] { return id }
        if settings.enableSignInWithUsername, let id = userIDsByUsername[key] { return id }
        // LDAP users sign in with their LDAP id wherever username sign-in is off.
        if let id = userIDsByUsername[key], users[id]?.authService == .ldap { return id }
        return nil
    }

    /// `DoLogin` + `CreateSession`: a fresh id, token and CSRF token; a `device_id` first revokes
    /// the user's other sessions on that device; past 500 sessions the least recently used go.
    func createSession(for userID: MattermostID, kind: ClientKind?, deviceID: String, isSaml: Bool,
                       isOAuthUser: Bool) -> LoginResponse {
        let instant = now
        let user = users[userID]!
        if !deviceID.isEmpty {
            for token in tokensByUser[userID] ?? [] where deviceIDs[token] == deviceID {
                removeSession(token: token)
            }
        }
        let isMobile = !deviceID.isEmpty || kind?.isMobile == true
        let session = SessionRecord(
            id: .random(using: &identifiers), token: .random(using: &identifiers), userID: userID, createAt: instant,
            expiresAt: instant + sessionLength(isMobile: isMobile, isSSO: isSaml || isOAuthUser), lastActivityAt: instant,
            roleSet: internRoles(user.rolesString), kind: kind, isMobile: isMobile, isSaml: isSaml,
            isOAuthUser: isOAuthUser, isGuest: user.isGuest, csrf: .random(using: &identifiers),
            cachedUntil: instant + .seconds(settings.sessionCacheInMinutes * 60))
        sessions[session.token] = session
        if !deviceID.isEmpty { deviceIDs[session.token] = deviceID }
        tokensByUser[userID, default: []].append(session.token)
        enforceSessionLimit(for: userID)
        return LoginResponse(token: session.token.description, sessionID: session.id.description,
                             csrf: session.csrf.description, user: user.publicUser)
    }

    func enforceSessionLimit(for userID: MattermostID) {
        guard let tokens = tokensByUser[userID], tokens.count > configuration.maxSessionsPerUser else { return }
        let leastRecent = tokens.compactMap { sessions[$0] }.sorted { $0.lastActivityAt < $1.lastActivityAt }
        for session in leastRecent.prefix(tokens.count - configuration.maxSessionsPerUser) {
            removeSession(token: session.token)
        }
    }
}
