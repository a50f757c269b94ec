import Foundation

/// An HTTP request to the fake server's REST API v4.
public struct HTTPRequest: Sendable {
    /// The HTTP method, upper case: `GET`, `POST`, `PUT` or `DELETE`.
    public var method: String
    /// Path and query, e.g. `/api/v4/users/me` or `/api/v4/reports/users?search_term=ann`.
    public var path: String
    /// Header names are matched case-insensitively.
    public var headers: [String: String]
    /// The request body: JSON, or empty.
    public var body: Data

    /// A request; `bearer` adds `Authorization: Bearer <token>` as the Go client does.
    public init(method: String, path: String, bearer: String? = nil, headers: [String: String] = [:], body: Data = Data()) {
        self.method = method.uppercased()
        self.path = path
        self.headers = headers
        if let bearer { self.headers["Authorization"] = "Bearer \(bearer)" }
        self.body = body
    }

    /// A request whose body is a JSON object of strings, as the login and revoke calls send.
    public init(method: String, path: String, bearer: String? = nil, headers: [String: String] = [:], json: [String: String]) {
        let body = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data()
        self.init(method: method, path: path, bearer: bearer, headers: headers, body: body)
    }

    /// The value of a header, whatever its case.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
