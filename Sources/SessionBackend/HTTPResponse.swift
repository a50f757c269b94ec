import Foundation

/// The fake server's answer: status, headers (several `Set-Cookie` possible) and a JSON body.
public struct HTTPResponse: Sendable {
    /// The HTTP status code: 200 on success, the ``AppError/statusCode`` otherwise.
    public var status: Int
    /// Every header in the order sent; a name may come several times (`Set-Cookie`).
    public var headers: [(name: String, value: String)]
    /// The JSON body: the endpoint's value, or an ``AppError``.
    public var body: Data

    /// The first header of that name, whatever its case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every header of that name (the cookies).
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }
}
