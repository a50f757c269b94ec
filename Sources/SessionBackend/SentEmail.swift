/// An email the server sent.
public struct SentEmail: Hashable, Sendable {
    /// The email templates the fake sends.
    public enum Template: String, Hashable, Sendable {
        /// `email_change_body`, to the old address once the email changed
        /// (`api.templates.email_change_subject`: "[{SiteName}] Your email address has changed",
        /// as the server's own `TestSendEmailChangeEmail` expects).
        case emailChange = "email_change_body"
        /// `email_change_verify_body`, to the new address with the verification link
        /// (`api.templates.email_change_verify_subject`; subject text UNVERIFIED).
        case emailChangeVerify = "email_change_verify_body"
    }

    /// The address it went to.
    public let to: String
    /// Which of the server's email templates it is.
    public let template: Template
    /// The subject line, with the site name.
    public let subject: String

    init(to: String, template: Template, siteName: String) {
        self.to = to
        self.template = template
        subject = template == .emailChange ? "[\(siteName)] Your email address has changed" : "[\(siteName)] Verify new email address"
    }
}
