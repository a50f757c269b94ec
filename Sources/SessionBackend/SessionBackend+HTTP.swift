import Foundation

extension SessionBackend {
    /// Serves one REST API v4 request with the same endpoints as the typed methods: login and
    /// logout, `users/{id}`, the sessions list and the three revoke endpoints, and the console's
    /// `reports/users`. Tokens come from `Authorization: Bearer|Token`, or the `MMAUTHTOKEN` cookie
    /// (then a non-GET needs `X-CSRF-Token`, or the legacy `X-Requested-With: XMLHttpRequest`).
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let (path, query) = split(request.path)
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "api", parts[1] == "v4" else { return reply(.failure(AppError.notFound(newRequestID())) as Result<StatusOK, AppError>) }
        let route = Array(parts.dropFirst(2))
        let method = request.method

        if method == "POST" && route == ["users", "login"] {
            let fields = stringFields(request.body)
            let result = login(LoginRequest(fields: fields), from: ClientKind(userAgent: request.header("User-Agent") ?? ""))
            guard case .success(let login) = result else { return reply(result.map(\.user)) }
            var response = reply(Result<User, AppError>.success(login.user))
            response.headers.append(("Token", login.token))
            if request.header("X-Requested-With") == "XMLHttpRequest" {
                let maxAge = settings.sessionLengthWebInHours * 3600
                response.headers.append(("Set-Cookie", "MMAUTHTOKEN=\(login.token); Path=/; Max-Age=\(maxAge); HttpOnly"))
                response.headers.append(("Set-Cookie", "MMUSERID=\(login.user.id); Path=/; Max-Age=\(maxAge)"))
                response.headers.append(("Set-Cookie", "MMCSRF=\(login.csrf); Path=/; Max-Age=\(maxAge)"))
            }
            return response
        }
        if method == "POST" && route == ["users", "logout"] {
            var response = reply(Result<StatusOK, AppError>.success(logout(token: token(of: request))))
            response.headers.append(("Set-Cookie", Self.expiredCookie))
            return response
        }

        // Every other route requires a session.
        if let csrfFailure = checkCSRF(request) { return sessionFailure(csrfFailure) }
        let token = token(of: request)
        let response: HTTPResponse
        let joined = route.joined(separator: "/")
        let userID = route.count > 1 ? route[1] : ""
        switch (method, route.count, joined) {
        case ("GET", 2, _) where route[0] == "users":
            response = reply(getUser(userID, token: token))
        case ("GET", 3, _) where route[0] == "users" && route[2] == "sessions":
            response = reply(getSessions(userID: userID, token: token))
        case ("POST", 4, _) where route[0] == "users" && route[2...] == ["sessions", "revoke"]:
            response = reply(revokeSession(userID: userID, sessionID: stringFields(request.body)["session_id"] ?? "", token: token))
        case ("POST", 4, "users/sessions/revoke/all"):
            response = reply(revokeAllSessionsAllUsers(token: token))
        case ("POST", 5, _) where route[0] == "users" && route[2...] == ["sessions", "revoke", "all"]:
            response = reply(revokeAllSessions(userID: userID, token: token))
        case ("GET", 2, "reports/users"):
            response = reply(usersForReporting(searchTerm: query["search_term"] ?? "", pageSize: Int(query["page_size"] ?? "") ?? 50, token: token))
        default:
            response = reply(.failure(AppError.notFound(newRequestID())) as Result<StatusOK, AppError>)
        }
        return response.status == 401 ? withExpiredCookie(response) : response
    }

    static let expiredCookie = "MMAUTHTOKEN=; Path=/; Max-Age=0; HttpOnly"

    func token(of request: HTTPRequest) -> String? {
        if let authorization = request.header("Authorization") {
            let pieces = authorization.split(separator: " ", maxSplits: 1).map(String.init)
            if pieces.count == 2, ["bearer", "token"].contains(pieces[0].lowercased()) { return pieces[1] }
        }
        return cookies(of: request)["MMAUTHTOKEN"]
    }

    func cookies(of request: HTTPRequest) -> [String: String] {
        var result: [String: String] = [:]
        for pair in (request.header("Cookie") ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
            if parts.count == 2 { result[parts[0]] = parts[1] }
        }
        return result
    }

    /// `checkCSRFToken`: only cookie-authenticated, non-GET requests are checked.
    func checkCSRF(_ request: HTTPRequest) -> AppError? {
        guard request.header("Authorization") == nil, request.method != "GET",
              let cookie = cookies(of: request)["MMAUTHTOKEN"], let key = MattermostID(cookie),
              let session = sessions[key] else { return nil }
        if request.header("X-CSRF-Token") == session.csrf.description { return nil }
        if request.header("X-Requested-With") == "XMLHttpRequest" { return nil }  // legacy allowance, strict enforcement off
        var error = AppError.sessionExpired(newRequestID())
        if configuration.enableDeveloper { error.detailedError = "Appears to be a CSRF attempt" }
        return error
    }

    func sessionFailure(_ error: AppError) -> HTTPResponse {
        withExpiredCookie(reply(.failure(error) as Result<StatusOK, AppError>))
    }

    func withExpiredCookie(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.append(("Set-Cookie", Self.expiredCookie))
        return response
    }

    func reply<Body: Encodable>(_ result: Result<Body, AppError>) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        switch result {
        case .success(let body):
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/json"), ("X-Request-ID", newRequestID())],
                                body: (try? encoder.encode(body)) ?? Data())
        case .failure(let error):
            return HTTPResponse(status: error.statusCode,
                                headers: [("Content-Type", "application/json"), ("X-Request-ID", error.requestID)],
                                body: (try? encoder.encode(error)) ?? Data())
        }
    }

    func stringFields(_ body: Data) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return [:] }
        return object.compactMapValues { $0 as? String }  // MapFromJSON drops non-strings
    }

    func split(_ target: String) -> (String, [String: String]) {
        guard let mark = target.firstIndex(of: "?") else { return (target, [:]) }
        var query: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            query[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return (String(target[..<mark]), query)
    }
}
