/// The error body every Mattermost REST endpoint sends: `model.AppError` as written by
/// `handleContextError` (`{"id","message","detailed_error","request_id","status_code"}`).
///
/// `detailed_error` is empty because `ServiceSettings.EnableDeveloper` is off on a normal server;
/// `request_id` equals the `X-Request-ID` header of the response.
public struct AppError: Error, Codable, Hashable, Sendable {
    /// The translation id, e.g. `api.context.session_expired.app_error`.
    public var id: String
    /// The English message.
    public var message: String
    /// Developer details; empty unless developer mode is on.
    public var detailedError: String
    /// The request's id (26 characters), also sent as `X-Request-ID`.
    public var requestID: String
    /// The HTTP status.
    public var statusCode: Int

    /// An error with an empty `detailed_error`.
    public init(id: String, message: String, detailedError: String = "", requestID: String, statusCode: Int) {
        self.id = id
        self.message = message
        self.detailedError = detailedError
        self.requestID = requestID
        self.statusCode = statusCode
    }

    enum CodingKeys: String, CodingKey {
        case id, message
        case detailedError = "detailed_error"
        case requestID = "request_id"
        case statusCode = "status_code"
    }
}

extension AppError {
    // Ids and statuses VERIFIED in the server source; the English strings are from the server's
    // en.json as far as they could be confirmed (the 400 messages and the masked login messages
    // are UNVERIFIED word for word: these are the closest plausible texts).

    static func sessionExpired(_ requestID: String) -> AppError {
        AppError(id: "api.context.session_expired.app_error", message: "Invalid or expired session, please login again.",
                 requestID: requestID, statusCode: 401)
    }

    static func permissions(_ requestID: String) -> AppError {
        AppError(id: "api.context.permissions.app_error", message: "You do not have the appropriate permissions.",
                 requestID: requestID, statusCode: 403)
    }

    static func invalidBodyParam(_ name: String, _ requestID: String) -> AppError {
        AppError(id: "api.context.invalid_body_param.app_error", message: "Invalid or missing \(name) in request body.",
                 requestID: requestID, statusCode: 400)
    }

    static func invalidURLParam(_ name: String, _ requestID: String) -> AppError {
        AppError(id: "api.context.invalid_url_param.app_error", message: "Invalid or missing \(name) parameter in request URL.",
                 requestID: requestID, statusCode: 400)
    }

    static func sessionNotFound(_ requestID: String) -> AppError {
        AppError(id: "app.session.get.app_error", message: "We encountered an error finding the session.",
                 requestID: requestID, statusCode: 400)
    }

    static func mfaRequired(_ requestID: String) -> AppError {
        AppError(id: "mfa.validate_token.authenticate.app_error", message: "Invalid MFA token.",
                 requestID: requestID, statusCode: 400)
    }

    static func mfaBadCode(_ requestID: String) -> AppError {
        AppError(id: "api.user.check_user_mfa.bad_code.app_error", message: "Invalid MFA token.",
                 requestID: requestID, statusCode: 401)
    }

    static func inactive(_ requestID: String) -> AppError {
        AppError(id: "api.user.login.inactive.app_error",
                 message: "Login failed because your account has been deactivated. Please contact an administrator.",
                 requestID: requestID, statusCode: 401)
    }

    static func blankPassword(_ requestID: String) -> AppError {
        AppError(id: "api.user.login.blank_pwd.app_error", message: "Password field must not be blank",
                 requestID: requestID, statusCode: 400)
    }

    static func notFound(_ requestID: String) -> AppError {
        AppError(id: "api.context.404.app_error", message: "Sorry, we could not find the page.",
                 requestID: requestID, statusCode: 404)
    }

    /// The one 401 every credential failure is masked to (login's deferred masker), chosen by which
    /// sign-in methods the server has enabled.
    static func invalidCredentials(_ settings: SignInSettings, _ requestID: String) -> AppError {
        let (suffix, message): (String, String)
        if settings.anySSOEnabled {
            (suffix, message) = ("sso", "Enter a valid email or username and/or password, or sign in using another method.")
        } else if settings.enableSignInWithEmail && settings.enableSignInWithUsername {
            (suffix, message) = ("email_username", "Enter a valid email or username and/or password.")
        } else if settings.enableSignInWithEmail {
            (suffix, message) = ("email", "Enter a valid email and/or password.")
        } else {
            (suffix, message) = ("username", "Enter a valid username and/or password.")
        }
        return AppError(id: "api.user.login.invalid_credentials_\(suffix)", message: message,
                        requestID: requestID, statusCode: 401)
    }
}
