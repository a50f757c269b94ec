import Foundation
import Testing
@testable import SessionBackend

@Suite struct HTTPTests {
    @Test("login answers 200 with the Token header, the sanitized user, and cookies for XHR logins")
    func login() async throws {
        let (backend, _) = makeBackend()
        await backend.createUser(NewUser(username: "ann"))
        let response = await backend.handle(HTTPRequest(
            method: "POST", path: "/api/v4/users/login",
            headers: ["User-Agent": ClientKind.browser(.chrome, on: .mac).userAgent, "X-Requested-With": "XMLHttpRequest"],
            json: ["login_id": "ann@example.com", "password": "Passw0rd!"]))
        #expect(response.status == 200)
        let token = try #require(response.header("token"))
        #expect(MattermostID(token) != nil)
        #expect(!response.text.contains("Passw0rd!") && response.text.contains("\"username\":\"ann\""))
        #expect(response.headers(named: "Set-Cookie").map { String($0.prefix(while: { $0 != "=" })) } == ["MMAUTHTOKEN", "MMUSERID", "MMCSRF"])
        let me = await backend.handle(HTTPRequest(method: "GET", path: "/api/v4/users/me", bearer: token))
        #expect(me.status == 200)
    }

    @Test("a JSON boolean ldap_only is dropped, as MapFromJSON drops it")
    func booleanDropped() async {
        let (backend, _) = makeBackend()
        await backend.createUser(NewUser(username: "ann"))
        let body = Data(#"{"login_id":"ann","password":"Passw0rd!","ldap_only":true}"#.utf8)
        let response = await backend.handle(HTTPRequest(method: "POST", path: "/api/v4/users/login", body: body))
        #expect(response.status == 200)  // with "true" as a string it would be an LDAP login and fail
    }

    @Test("a revoked token gets exactly the server's 401 body, the request id in the header, and the cookie cleared")
    func unauthorizedBody() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        _ = await backend.logout(token: cast.adminToken)
        let response = await backend.handle(HTTPRequest(method: "GET", path: "/api/v4/users/me", bearer: cast.adminToken))
        let requestID = try #require(response.header("X-Request-ID"))
        #expect(response.status == 401)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.text == #"{"detailed_error":"","id":"api.context.session_expired.app_error","message":"Invalid or expired session, please login again.","request_id":"\#(requestID)","status_code":401}"#)
        #expect(response.headers(named: "Set-Cookie").contains("MMAUTHTOKEN=; Path=/; Max-Age=0; HttpOnly"))
    }

    @Test("a permission failure gets exactly the server's 403 body")
    func forbiddenBody() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let token = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        let response = await backend.handle(HTTPRequest(method: "POST", path: "/api/v4/users/\(cast.admin.id)/sessions/revoke/all", bearer: token))
        let requestID = try #require(response.header("X-Request-ID"))
        #expect(response.status == 403)
        #expect(response.text == #"{"detailed_error":"","id":"api.context.permissions.app_error","message":"You do not have the appropriate permissions.","request_id":"\#(requestID)","status_code":403}"#)
    }

    @Test("developer mode fills detailed_error with the user and permission")
    func developerMode() async throws {
        let (backend, _) = makeBackend { $0.enableDeveloper = true }
        let cast = try await Cast.make(on: backend)
        let token = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        let error = await backend.revokeAllSessions(userID: cast.admin.id, token: token).failure
        #expect(error?.detailedError == "userId=\(cast.user.id), permission=edit_other_users")
    }

    @Test("revoke endpoints answer {\"status\":\"OK\"}, and the session list hides tokens")
    func revokeOverHTTP() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        _ = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get()
        let list = await backend.handle(HTTPRequest(method: "GET", path: "/api/v4/users/\(cast.user.id)/sessions", bearer: cast.adminToken))
        let sessions = try JSONDecoder().decode([Session].self, from: list.body)
        #expect(sessions.count == 1 && sessions[0].token.isEmpty && sessions[0].props["csrf"] != nil)
        // `SqlSessionStore.GetSessions` fills team_members: an array (empty: the fake has no teams).
        #expect(list.text.contains("\"team_members\":[]"))
        let revoke = await backend.handle(HTTPRequest(method: "POST", path: "/api/v4/users/\(cast.user.id)/sessions/revoke/all", bearer: cast.adminToken))
        #expect(revoke.status == 200 && revoke.text == #"{"status":"OK"}"#)
        let one = await backend.handle(HTTPRequest(method: "POST", path: "/api/v4/users/\(cast.user.id)/sessions/revoke",
                                                   bearer: cast.adminToken, json: ["session_id": ""]))
        #expect(one.status == 400 && one.text.contains("api.context.invalid_body_param.app_error"))
        let all = await backend.handle(HTTPRequest(method: "POST", path: "/api/v4/users/sessions/revoke/all", bearer: cast.adminToken))
        #expect(all.status == 200)
        let logout = await backend.handle(HTTPRequest(method: "POST", path: "/api/v4/users/logout", bearer: cast.adminToken))
        #expect(logout.status == 200 && logout.text == #"{"status":"OK"}"#)
    }

    @Test("a cookie-authenticated POST without the CSRF header is a 401; with it, it passes")
    func csrf() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let login = try await backend.logIn(username: "sysadmin", password: "Passw0rd!", method: .usernamePassword, from: nil).get()
        let path = "/api/v4/users/\(cast.user.id)/sessions/revoke/all"
        let bare = await backend.handle(HTTPRequest(method: "POST", path: path, headers: ["Cookie": "MMAUTHTOKEN=\(login.token)"]))
        #expect(bare.status == 401)
        let guarded = await backend.handle(HTTPRequest(method: "POST", path: path,
                                                       headers: ["Cookie": "MMAUTHTOKEN=\(login.token)", "X-CSRF-Token": login.csrf]))
        #expect(guarded.status == 200)
        let legacy = await backend.handle(HTTPRequest(method: "GET", path: "/api/v4/users/me", headers: ["Authorization": "token \(login.token)"]))
        #expect(legacy.status == 200)
    }

    @Test("the reporting list needs the Users read permission and honours search_term")
    func reports() async throws {
        let (backend, _) = makeBackend()
        let cast = try await Cast.make(on: backend)
        let list = await backend.handle(HTTPRequest(method: "GET", path: "/api/v4/reports/users?search_term=user", bearer: cast.adminToken))
        let rows = try JSONDecoder().decode([UserReport].self, from: list.body)
        #expect(rows.map(\.username) == ["user-1"])
        let token = try await backend.logIn(username: "user-1", password: "Passw0rd!", method: .usernamePassword, from: nil).get().token
        #expect(await backend.handle(HTTPRequest(method: "GET", path: "/api/v4/reports/users", bearer: token)).status == 403)
        #expect(await backend.handle(HTTPRequest(method: "GET", path: "/api/v4/nothing", bearer: token)).status == 404)
    }
}
