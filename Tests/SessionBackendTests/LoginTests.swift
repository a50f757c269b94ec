import Testing
@testable import SessionBackend

@Suite struct LoginTests {
    @Test("every login method creates a session with the method's props", arguments: LoginMethod.all)
    func loginPerMethod(_ method: LoginMethod) async throws {
        let (backend, _) = makeBackend()
        let user = await backend.createUser(NewUser(username: "ann", authService: method.authService))
        let login = try await backend.logIn(username: "ann", password: "Passw0rd!", method: method,
                                            from: .browser(.firefox, on: .windows)).get()
        #expect(login.user.id == user.id)
        #expect(await backend.getMe(token: login.token).map(\.username) == .success("ann"))
        let session = try #require(await backend.storedSessions(ofUser: user.id).first)
        #expect(session.token == login.token)
        #expect(session.props["isSaml"] == String(method == .saml))
        #expect(session.props["isOAuthUser"] == String(method.authService.isOAuthProvider))
        #expect(session.props["browser"] == "Firefox/121.0")
        #expect(session.props["platform"] == "Windows")
        #expect(session.props["os"] == "Windows 10")
        #expect(session.props["isMobile"] == "false")
        #expect(session.props["is_guest"] == "false")
        #expect(MattermostID(session.props["csrf"] ?? "") != nil)
        #expect(MattermostID(session.id) != nil && MattermostID(session.token) != nil && session.id != session.token)
        #expect(session.roles == "system_user")
    }

    @Test("each client kind fills platform, os, browser and isMobile as the server reads its agent", arguments: ClientKind.all)
    func propsPerKind(_ kind: ClientKind) async throws {
        let (backend, _) = makeBackend()
        let user = await backend.createUser(NewUser(username: "ann"))
        let client = try await backend.openClient(kind)
        _ = try await backend.signIn(client, username: "ann").get()
        let session = try #require(await backend.storedSessions(ofUser: user.id).first)
        switch kind {
        case .browser(let browser, let os):
            #expect(session.props["browser"]?.hasPrefix(browser.rawValue + "/") == true)
            #expect(session.props["platform"] == ["Mac": "Macintosh", "Windows": "Windows", "Linux": "Linux"][os.rawValue])
            #expect(session.deviceID.isEmpty && !session.isMobileApp)
        case .desktopApp:
            #expect(session.props["browser"]?.hasPrefix("Desktop App/") == true)
            #expect(session.deviceID.isEmpty && !session.isMobileApp)
        case .mobileApp(let os, let generation):
            #expect(session.props["browser"]?.hasPrefix("Mobile App/") == true)
            #expect(session.props["os"] == (os == .iOS ? "iOS" : "Android"))
            #expect(session.props["isMobile"] == "true" && session.isMobileApp)
            let platform = session.deviceID.split(separator: ":").first.map(String.init)
            let expected = (os == .iOS ? "apple" : "android") + (generation == .reactNative ? "_rn-v2" : "")
            #expect(platform == expected)
        }
        #expect(ClientKind(userAgent: kind.userAgent) == kind)
    }

    @Test("Safari exists only on a Mac")
    func safariOnWindows() async {
        let (backend, _) = makeBackend()
        await #expect(throws: SimulationError.self) { try await backend.openClient(.browser(.safari, on: .windows)) }
    }

    @Test("a session expires 720 hours after login by default, and create_at counts from the epoch")
    func expiry() async throws {
        let (backend, clock) = makeBackend { $0.settings.extendSessionLengthWithActivity = false }
        let user = await backend.createUser(NewUser(username: "ann"))
        await clock.advance(by: .seconds(90))
        let login = try await backend.logIn(username: "ann", password: "Passw0rd!", method: .emailPassword, from: nil).get()
        let session = try #require(await backend.storedSessions(ofUser: user.id).first)
        #expect(session.createAt == 1_718_000_000_000 + 90_000)
        #expect(session.expiresAt - session.createAt == 720 * 3_600_000)
        await clock.advance(by: .seconds(720 * 3600))
        #expect(await backend.validate(token: login.token))
        await clock.advance(by: .seconds(1))
        #expect(await backend.getMe(token: login.token).failure?.statusCode == 401)
    }

    // `UpdateLastActivityAtIfNeeded` runs in the activity handlers (`createPost`, `viewChannel`),
    // at most every `SESSION_ACTIVITY_TIMEOUT` (5 min); a plain GET is not activity.
    @Test("last_activity_at moves on posting, at most every five minutes, and not on a GET")
    func activityGranularity() async throws {
        let (backend, clock) = makeBackend()
        let user = await backend.createUser(NewUser(username: "ann"))
        let client = try await backend.openClient(.browser(.chrome, on: .mac))
        let login = try await backend.signIn(client, username: "ann").get()
        let start = try #require(await backend.storedSessions(ofUser: user.id).first).lastActivityAt
        await clock.advance(by: .seconds(299))
        _ = await backend.post("hi", in: client)
        _ = await backend.interact(client, .post("hi"))
        #expect(await backend.storedSessions(ofUser: user.id).first?.lastActivityAt == start)
        await clock.advance(by: .seconds(1))
        _ = await backend.getMe(token: login.token)
        #expect(await backend.storedSessions(ofUser: user.id).first?.lastActivityAt == start)
        _ = await backend.interact(client, .post("hi"))
        #expect(await backend.storedSessions(ofUser: user.id).first?.lastActivityAt == start + 300_000)
    }

    @Test("a device_id login revokes the user's other session on that device, not the others")
    func deviceIDRule() async throws {
        let (backend, _) = makeBackend()
        let user = await backend.createUser(NewUser(username: "ann"))
        let phone = LoginRequest(loginID: "ann", password: "Passw0rd!", deviceID: "apple_rn-v2:abc")
        let first = try await backend.login(phone, from: .mobileApp(.iOS, .reactNative)).get()
        let web = try await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!"), from: nil).get()
        let other = try await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!", deviceID: "android_rn-v2:xyz"),
                                            from: .mobileApp(.android, .reactNative)).get()
        let second = try await backend.login(phone, from: .mobileApp(.iOS, .reactNative)).get()
        #expect(!(await backend.validate(token: first.token)))
        for token in [web.token, other.token, second.token] { #expect(await backend.validate(token: token)) }
        let sessions = await backend.storedSessions(ofUser: user.id)
        #expect(sessions.filter { $0.deviceID == "apple_rn-v2:abc" }.count == 1)
        #expect(sessions.first { $0.deviceID == "apple_rn-v2:abc" }?.props["isMobile"] == "true")
    }

    @Test("a user keeps at most 500 sessions: the least recently used go first")
    func sessionLimit() async throws {
        let (backend, clock) = makeBackend()
        let user = await backend.createUser(NewUser(username: "ann"))
        let first = try await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!"), from: nil).get()
        for _ in 0..<500 {
            await clock.advance(by: .seconds(1))
            _ = try await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!"), from: nil).get()
        }
        #expect(await backend.storedSessions(ofUser: user.id).count == 500)
        #expect(!(await backend.validate(token: first.token)))
    }

    @Test("wrong password, unknown user and a wrong method are masked to one 401 per sign-in settings", arguments: [
        (SignInSettings(), "api.user.login.invalid_credentials_email_username"),
        (SignInSettings(enableSignInWithUsername: false), "api.user.login.invalid_credentials_email"),
        (SignInSettings(enableSignInWithEmail: false), "api.user.login.invalid_credentials_username"),
        (SignInSettings.everyMethod, "api.user.login.invalid_credentials_sso"),
    ])
    func maskedErrors(_ settings: SignInSettings, _ id: String) async {
        let (backend, _) = makeBackend { $0.signIn = settings }
        await backend.createUser(NewUser(username: "ann"))
        let wrongPassword = await backend.login(LoginRequest(loginID: "ann", password: "nope"), from: nil).failure
        let unknownUser = await backend.login(LoginRequest(loginID: "bob", password: "Passw0rd!"), from: nil).failure
        #expect(wrongPassword?.id == id && wrongPassword?.statusCode == 401)
        #expect(unknownUser?.id == id && unknownUser?.statusCode == 401)
        #expect(wrongPassword?.message == unknownUser?.message)
    }

    @Test("MFA: no code is 400 mfa.validate_token.authenticate.app_error, a wrong code 401, the app's code logs in")
    func mfa() async throws {
        let (backend, clock) = makeBackend { $0.enableMultifactorAuthentication = true }
        let user = await backend.createUser(NewUser(username: "ann", mfaActive: true))
        #expect(user.mfaActive)
        let missing = await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!"), from: nil).failure
        #expect(missing?.id == "mfa.validate_token.authenticate.app_error" && missing?.statusCode == 400)
        let code = try #require(await backend.currentMFACode(for: user.id))
        let wrongCode = code == "000000" ? "000001" : "000000"
        let wrong = await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!", token: wrongCode), from: nil).failure
        #expect(wrong?.id == "api.user.check_user_mfa.bad_code.app_error" && wrong?.statusCode == 401)
        #expect(await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!", token: code), from: nil).failure == nil)
        await clock.advance(by: .seconds(120))
        #expect(await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!", token: code), from: nil).failure?.statusCode == 401)
        let client = try await backend.openClient(.browser(.chrome, on: .linux))
        #expect(await backend.signIn(client, username: "ann").failure == nil)  // reads the authenticator
    }

    @Test("a deactivated user gets api.user.login.inactive.app_error")
    func inactive() async {
        let (backend, _) = makeBackend()
        let user = await backend.createUser(NewUser(username: "ann"))
        await backend.setActive(false, userID: user.id)
        #expect(await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!"), from: nil).failure?.id == "api.user.login.inactive.app_error")
    }

    @Test("SSO users cannot use a password, and a disabled provider refuses to sign in")
    func ssoRules() async {
        let (backend, _) = makeBackend { $0.signIn = SignInSettings(enabledServices: [.saml]) }
        await backend.createUser(NewUser(username: "ann", authService: .saml))
        await backend.createUser(NewUser(username: "bob", authService: .gitlab))
        #expect(await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!"), from: nil).failure?.id == "api.user.login.use_auth_service.app_error")
        #expect(await backend.loginWithSSO(.gitlab, loginID: "bob", from: nil).failure?.statusCode == 501)
        #expect(await backend.loginWithSSO(.saml, loginID: "bob", from: nil).failure?.statusCode == 401)
        #expect(await backend.loginWithSSO(.saml, loginID: "ann", from: nil).failure == nil)
    }

    @Test("LDAP needs ldap_only or an LDAP account, and LDAP enabled")
    func ldap() async {
        let (backend, _) = makeBackend { $0.signIn = SignInSettings() }
        await backend.createUser(NewUser(username: "ann", authService: .ldap))
        #expect(await backend.login(LoginRequest(loginID: "ann", password: "Passw0rd!", ldapOnly: true), from: nil).failure?.statusCode == 401)
        let (enabled, _) = makeBackend()
        await enabled.createUser(NewUser(username: "ann", authService: .ldap))
        #expect(await enabled.login(LoginRequest(loginID: "ann", password: "Passw0rd!", ldapOnly: true), from: nil).failure == nil)
        #expect(await enabled.login(LoginRequest(loginID: "ann", password: "Passw0rd!"), from: nil).failure == nil)
    }
}
