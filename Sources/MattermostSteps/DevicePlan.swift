import SessionBackend

/// The devices an instruction asks for, read from its examples and variants:
///
/// - "Examples: Mac, Windows, iOS, Android (RN or Classic); various browsers; desktop app" gives
///   every browser on the computers named (Safari only on a Mac), the desktop app on each, and each
///   phone app generation;
/// - "Mobile apps can have screen locked or not" and "Non-mobile can be with computer awake or
///   asleep" give the postures, spread so that each kind of device has each one somewhere;
/// - "Can log them in using any method (email/password, SAML, LDAP, OAuth)" gives the sign-in
///   methods, spread round-robin over the devices;
/// - "at least 2 to 3 different sessions" is a floor: the plan is never smaller.
///
/// Of the devices awake and in front of their users, every other one has a user who interacts
/// after the revoke, so both ways of noticing ("when the user tries to switch channels", and
/// "automatically") are seen on computers and on phones.
struct DevicePlan: Sendable {
    struct Entry: Sendable {
        var kind: ClientKind
        var posture: Device.Posture
        var method: LoginMethod
        var behaviour: Device.Behaviour
    }

    var entries: [Entry]

    /// Reads the plan from an instruction's text, notes and sub-items.
    init(texts: [String], minimum: Int) {
        let all = Vocabulary.Reading(texts.joined(separator: "\n"))
        var systems = Vocabulary.desktopSystems(in: all)
        if systems.isEmpty { systems = [.windows, .mac] }
        var browsers = Vocabulary.browsers(in: all)
        var mobile = Vocabulary.mobileApps(in: all)
        let desktopApp = Vocabulary.namesDesktopApp(all)
        if browsers.isEmpty && mobile.isEmpty && !desktopApp { browsers = [.chrome, .firefox] }
        if mobile.isEmpty && all.contains("mobile") { mobile = [.mobileApp(.iOS, .reactNative)] }

        var kinds: [ClientKind] = []
        // Each browser on the systems in turn, Safari where it runs.
        for (index, browser) in browsers.enumerated() {
            let candidates = systems.filter { browser.runs(on: $0) }
            guard !candidates.isEmpty else { continue }
            kinds.append(.browser(browser, on: candidates[index % candidates.count]))
        }
        if desktopApp { kinds += systems.map { .desktopApp(on: $0) } }
        kinds += mobile

        let sleeps = all.contains("asleep") || all.contains("sleep")
        let locks = all.contains("locked") || all.contains("lock")
        var methods = Vocabulary.loginMethods(in: all)
        if methods.isEmpty { methods = [.emailPassword] }

        var computerIndex = 0
        var phoneIndex = 0
        var entries: [Entry] = []
        for (index, kind) in kinds.enumerated() {
            let posture: Device.Posture
            if kind.isMobile {
                posture = locks && phoneIndex % 2 == 1 ? .screenLocked : .unlocked
                phoneIndex += 1
            } else {
                // Every third computer sleeps, so each sort (browser, desktop app) has sleepers and wakers.
                posture = sleeps && computerIndex % 3 == 2 ? .asleep : .awake
                computerIndex += 1
            }
            entries.append(Entry(kind: kind, posture: posture, method: methods[index % methods.count], behaviour: .untouched))
        }
        while entries.count < minimum {
            let kind = ClientKind.all[entries.count % ClientKind.all.count]
            entries.append(Entry(kind: kind, posture: kind.isMobile ? .unlocked : .awake,
                                 method: methods[entries.count % methods.count], behaviour: .untouched))
        }
        // Alternate untouched and interacting among the visible devices, with a different interaction each time.
        let interactions: [Interaction] = [.switchChannel(to: "off-topic"), .post("still there?"), .openMenu]
        var visible = 0
        for index in entries.indices where !entries[index].posture.isDormant {
            if visible % 2 == 1 { entries[index].behaviour = .interacts(interactions[(visible / 2) % interactions.count]) }
            visible += 1
        }
        self.entries = entries
    }
}
