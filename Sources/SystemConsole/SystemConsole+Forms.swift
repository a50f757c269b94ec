import SessionBackend

extension SystemConsole {
    /// Opens "Reset Password" or "Update Email" for a row.
    ///
    /// Reset Password: old console `reset_password_modal.jsx` "Reset Password", fields "New
    /// Password" (and "Current Password" first on your own row), button "Reset"; today
    /// `reset_password_modal.tsx` "Reset password for {name}", "Current password" / "New password",
    /// "Reset". Update Email: old `reset_email_modal.jsx` "Update Email", "New Email", "Reset"; today
    /// `reset_email_modal.tsx` "Update email for {name}", "New email" (and "Current password" on
    /// your own row), "Update".
    func openForm(_ key: ActionMenuItem.Key, for target: UserReport) async {
        let isSelf = await backend.status(of: viewer)?.userID == target.id
        let legacy = version == .legacy
        let name = target.displayName
        switch key {
        case .resetPassword:
            var fields: [FormModal.Field] = []
            if isSelf { fields.append(.init(label: legacy ? "Current Password" : "Current password", isSecret: true)) }
            fields.append(.init(label: legacy ? "New Password" : "New password", isSecret: true))
            form = FormModal(title: legacy ? "Reset Password" : "Reset password for \(name)", fields: fields,
                             cancelLabel: "Cancel", confirmLabel: "Reset")
        default:
            var fields: [FormModal.Field] = [.init(label: legacy ? "New Email" : "New email", isSecret: false)]
            if isSelf && !legacy { fields.append(.init(label: "Current password", isSecret: true)) }
            form = FormModal(title: legacy ? "Update Email" : "Update email for \(name)", fields: fields,
                             cancelLabel: "Cancel", confirmLabel: legacy ? "Reset" : "Update")
        }
        formTarget = target
    }

    /// Types into a field of the open form (replacing what it held).
    public func type(_ text: String, into label: String) throws(ConsoleError) {
        guard var open = form else { throw ConsoleError("No form is open.") }
        guard let index = open.index(label) else {
            throw ConsoleError("The form \"\(open.title)\" has no field \"\(label)\" (it has: \(open.fields.map(\.label).joined(separator: ", "))).")
        }
        open.fields[index].value = text
        form = open
    }

    /// Closes the open form without saving.
    public func cancelForm() { form = nil; formTarget = nil }

    /// Clicks the form's submit button. The webapp checks first, in order, and shows the first
    /// problem without calling the server: your own password with "Current Password" empty →
    /// "Please enter your current password." (`admin.reset_password.missing_current`); a new
    /// password outside the rules → `isValidPassword`'s message (2020 `utils.jsx`: "Your password
    /// must contain between {min} and {max} characters.", today `utils/password.tsx`: "Your
    /// password must be {min}-{max} characters long."); a blank or malformed email → "Please enter
    /// a valid email address." (`user.settings.general.validEmail`). Then the server call; its
    /// error shows in the modal, success closes it.
    public func submitForm() async throws(ConsoleError) {
        guard var open = form, let target = formTarget else { throw ConsoleError("No form is open.") }
        for index in open.fields.indices { open.fields[index].error = nil }
        open.error = nil
        let token = await backend.status(of: viewer)?.token
        if open.title.lowercased().hasPrefix("reset password") {
            let current = open.index("Current Password")
            let new = open.index("New Password")!
            if let current, open.fields[current].value.isEmpty, !faults.contains(.ownPasswordSkipsCurrentCheck) {
                open.error = "Please enter your current password."
                form = open
                return
            }
            if let message = await passwordRuleMessage(open.fields[new].value) {
                open.fields[new].error = message
                form = open
                return
            }
            let result = await backend.updatePassword(userID: target.id, currentPassword: current.map { open.fields[$0].value } ?? "",
                                                      newPassword: open.fields[new].value, token: token)
            if case .failure(let error) = result {
                if error.statusCode == 401 { throw await fail(error) }
                open.error = error.message
                form = open
                return
            }
        } else {
            let emailField = open.index("New Email")!
            let email = open.fields[emailField].value.trimmed.lowercased()
            guard SessionBackend.isEmail(email) else {
                open.fields[emailField].error = "Please enter a valid email address."
                form = open
                return
            }
            let password = open.index("Current password").map { open.fields[$0].value }
            if let password, password.isEmpty {
                open.fields[open.index("Current password")!].error = "Please enter your current password."
                form = open
                return
            }
            if case .failure(let error) = await backend.updateEmail(userID: target.id, to: email, password: password, token: token) {
                if error.statusCode == 401 { throw await fail(error) }
                // Today's modal puts the duplicate-email error under the email field; the old one
                // shows every server error under the field too (`err.message`).
                open.fields[emailField].error = error.message
                form = open
                return
            }
        }
        form = nil
        formTarget = nil
        try await reload()
    }

    /// The webapp's `isValidPassword` for the server's rules (`getPasswordConfig`: the minimum from
    /// `PasswordSettings.MinimumLength`, no character classes by default).
    func passwordRuleMessage(_ password: String) async -> String? {
        let minimum = await backend.settings.passwordMinimumLength
        let maximum = serverVersion.passwordMaximumLength
        guard password.count < minimum || password.count > maximum else { return nil }
        return Self.passwordRuleMessage(minimum: minimum, maximum: maximum, console: version)
    }

    /// `isValidPassword`'s message when no character class is required.
    public static func passwordRuleMessage(minimum: Int, maximum: Int, console: ConsoleVersion) -> String {
        console == .legacy
            ? "Your password must contain between \(minimum) and \(maximum) characters."
            : "Your password must be \(minimum)-\(maximum) characters long."
    }
}
