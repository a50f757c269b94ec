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
                let maxAge = configuration.sessionLengthWebInHours * 3600
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

extension ClientKind {
    /// A User-Agent string a real client of this kind sends.
    public var userAgent: String {
        let system: String
        switch self {
        case .browser(_, let os), .desktopApp(let os):
            system = switch os {
            case .mac: "Macintosh; Intel Mac OS X 10_15_7"
            case .windows: "Windows NT 10.0; Win64; x64"
            case .linux: "X11; Linux x86_64"
            }
        case .mobileApp(.iOS, _): system = "iPhone; CPU iPhone OS 17_2 like Mac OS X"
        case .mobileApp(.android, _): system = "Linux; Android 14"
        }
        switch self {
        case .browser(.chrome, _): return "Mozilla/5.0 (\(system)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
        case .browser(.edge, _): return "Mozilla/5.0 (\(system)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"
        case .browser(.firefox, _): return "Mozilla/5.0 (\(system); rv:121.0) Gecko/20100101 Firefox/121.0"
        case .browser(.safari, _): return "Mozilla/5.0 (\(system)) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15"
        case .desktopApp: return "Mozilla/5.0 (\(system)) AppleWebKit/537.36 (KHTML, like Gecko) Mattermost/5.6.0 Chrome/120.0.0.0 Electron/28.0.0 Safari/537.36"
        case .mobileApp(_, let generation):
            return "Mattermost Mobile/\(generation == .reactNative ? "2.20.0" : "1.55.0") (\(system))"
        }
    }

    /// Reads a User-Agent the way `app/user_agent.go` does, as far as the kinds go; `nil` when unknown.
    public init?(userAgent: String) {
        let os: DesktopOS = userAgent.contains("Windows") ? .windows : userAgent.contains("Macintosh") ? .mac : .linux
        if userAgent.contains("Mattermost Mobile") {
            let generation: MobileAppGeneration = userAgent.contains("Mattermost Mobile/1.") ? .classic : .reactNative
            self = .mobileApp(userAgent.contains("iPhone") || userAgent.contains("iPad") ? .iOS : .android, generation)
        } else if userAgent.contains("Electron") || userAgent.contains("Mattermost") {
            self = .desktopApp(on: os)
        } else if userAgent.contains("Edg/") {
            self = .browser(.edge, on: os)
        } else if userAgent.contains("Firefox/") {
            self = .browser(.firefox, on: os)
        } else if userAgent.contains("Chrome/") {
            self = .browser(.chrome, on: os)
        } else if userAgent.contains("Safari/") {
            self = .browser(.safari, on: os)
        } else {
            return nil
        }
    }
}
