import SessionBackend

extension SystemConsole {
    /// The fields of System Console ➜ Environment ➜ Session Lengths, in the page's order, with the
    /// labels of the console's release (`session_length_settings`):
    ///
    /// - v5.x (2020-2022 `session_length_settings.jsx`): "Extend session length with activity: "
    ///   (from v5.24), "Session Length AD/LDAP and Email (days):" (`admin.service.webSessionDays`),
    ///   "Session Length Mobile (days):", "Session Length SSO (days):", "Session Cache (minutes):";
    /// - today (`admin_settings/session_length_settings/messages.ts`): "Extend session length with
    ///   activity: ", "Terminate Sessions on Password Change: ", "Session Length AD/LDAP and Email
    ///   (hours):", "Session Length Mobile (hours):", "Session Length SSO (hours):", "Session Cache
    ///   (minutes):".
    ///
    /// "Session Idle Timeout (minutes):" shows only with a Compliance license and extension off; the
    /// fake's server is unlicensed, so it never shows.
    public func sessionLengthFields() throws(ConsoleError) -> [SettingField] {
        try require(Self.sessionLengthsRoute, "System Console ➜ Environment ➜ Session Lengths")
        guard let draft else { return [] }
        let hours = serverVersion.sessionLengthsInHours
        func length(_ name: String, _ key: String, _ value: Int) -> SettingField {
            hours
                ? SettingField(key: "ServiceSettings.SessionLength\(key)InHours", label: "Session Length \(name) (hours):", kind: .number, value: String(value))
                : SettingField(key: "ServiceSettings.SessionLength\(key)InDays", label: "Session Length \(name) (days):", kind: .number, value: String(value / 24))
        }
        var fields: [SettingField] = []
        if serverVersion.hasExtendSessionLengthWithActivity {
            fields.append(SettingField(key: "ServiceSettings.ExtendSessionLengthWithActivity", label: "Extend session length with activity: ",
                                       kind: .toggle, value: String(draft.extendSessionLengthWithActivity)))
        }
        if serverVersion.hasTerminateSessionsOnPasswordChange {
            fields.append(SettingField(key: "ServiceSettings.TerminateSessionsOnPasswordChange", label: "Terminate Sessions on Password Change: ",
                                       kind: .toggle, value: String(draft.terminateSessionsOnPasswordChange)))
        }
        fields.append(length("AD/LDAP and Email", "Web", draft.sessionLengthWebInHours))
        fields.append(length("Mobile", "Mobile", draft.sessionLengthMobileInHours))
        fields.append(length("SSO", "SSO", draft.sessionLengthSSOInHours))
        fields.append(SettingField(key: "ServiceSettings.SessionCacheInMinutes", label: "Session Cache (minutes):", kind: .number,
                                   value: String(draft.sessionCacheInMinutes)))
        return fields
    }

    /// Edits a field (by its exact label, case and the final colon aside); nothing is saved yet.
    /// A number goes through `parseIntNonZero` on saving: anything below 1 becomes 1.
    public func set(_ label: String, to value: String) throws(ConsoleError) {
        let fields = try sessionLengthFields()
        func plain(_ text: String) -> String { text.lowercased().trimmed.trimmingSuffix(":") }
        guard let field = fields.first(where: { plain($0.label) == plain(label) }) else {
            throw ConsoleError("Session Lengths has no \"\(label)\" (it has: \(fields.map { "\"\($0.label.trimmed)\"" }.joined(separator: ", "))).")
        }
        guard var edited = draft else { return }
        switch field.kind {
        case .toggle:
            guard let flag = Bool(value.lowercased()) else { throw ConsoleError("\"\(field.label.trimmed)\" is True or False, not \"\(value)\".") }
            if field.key.hasSuffix("ExtendSessionLengthWithActivity") { edited.extendSessionLengthWithActivity = flag }
            else { edited.terminateSessionsOnPasswordChange = flag }
        case .number:
            guard let number = Int(value.trimmed) else { throw ConsoleError("\"\(field.label.trimmed)\" takes a number, not \"\(value)\".") }
            let amount = max(number, 1)
            let hours = field.unit == "days" ? amount * 24 : amount
            switch field.key {
            case let key where key.contains("LengthWeb"): edited.sessionLengthWebInHours = hours
            case let key where key.contains("LengthMobile"): edited.sessionLengthMobileInHours = hours
            case let key where key.contains("LengthSSO"): edited.sessionLengthSSOInHours = hours
            default: edited.sessionCacheInMinutes = amount
            }
        }
        draft = edited
    }

    /// Clicks Save: `PUT /api/v4/config` with the page's values (needs `manage_system`); the error,
    /// if any, shows on the page.
    public func save() async throws(ConsoleError) {
        try require(Self.sessionLengthsRoute, "System Console ➜ Environment ➜ Session Lengths")
        guard let draft else { return }
        let token = await backend.status(of: viewer)?.token
        switch await backend.updateSettings(draft, token: token) {
        case .success(let saved):
            self.draft = saved
            errorMessage = nil
        case .failure(let error):
            throw await fail(error)
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)).trimmed : self }
}
