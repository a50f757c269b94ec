import SessionBackend

/// How test cases name devices, browsers, sign-in methods and console pages, read into the
/// backend's types. The parameter types and the reading of an instruction's examples share it,
/// so "Android (RN or Classic)" means the same wherever it is written.
enum Vocabulary {
    /// Every browser a text names; "various browsers" and "browsers" mean all four.
    static func browsers(in text: String) -> [Browser] {
        let lower = text.lowercased()
        if lower.contains("various browsers") || lower.contains("all browsers") || lower.contains("any browser") {
            return Browser.allCases
        }
        return Browser.allCases.filter { lower.contains($0.rawValue.lowercased()) }
    }

    /// Every computer system a text names ("Mac", "macOS", "Windows", "Linux").
    static func desktopSystems(in text: String) -> [DesktopOS] {
        let words = words(text)
        return DesktopOS.allCases.filter { os in
            switch os {
            case .mac: words.contains("mac") || words.contains("macos") || words.contains("macbook")
            case .windows: words.contains("windows")
            case .linux: words.contains("linux")
            }
        }
    }

    /// The lower-cased words of a text, split on anything that is not a letter or digit.
    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

    /// Every phone app a text names: "iOS", "Android", with "(RN or Classic)" for both generations.
    static func mobileApps(in text: String) -> [ClientKind] {
        let words = words(text)
        let systems = MobileOS.allCases.filter { words.contains($0.rawValue.lowercased()) }
        var generations = MobileAppGeneration.allCases.filter { generation in
            switch generation {
            case .reactNative: words.contains("rn") || text.lowercased().contains("react native")
            case .classic: words.contains("classic")
            }
        }
        if generations.isEmpty { generations = [.reactNative] }
        return systems.flatMap { os in generations.map { ClientKind.mobileApp(os, $0) } }
    }

    /// Whether the desktop app is named.
    static func namesDesktopApp(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.contains("desktop app") || lower.contains("desktop client")
    }

    /// The sign-in methods a text names, in the order written: "email/password, SAML, LDAP, OAuth".
    /// "OAuth" alone stands for GitLab, the provider Mattermost's own test servers use.
    static func loginMethods(in text: String) -> [LoginMethod] {
        let lower = text.lowercased()
        var found: [(Int, LoginMethod)] = []
        func add(_ needle: String, _ method: LoginMethod) {
            if let range = lower.range(of: needle) {
                found.append((lower.distance(from: lower.startIndex, to: range.lowerBound), method))
            }
        }
        add("email", .emailPassword)
        add("username", .usernamePassword)
        add("saml", .saml)
        add("ldap", .ldap)
        if let provider = [AuthService.gitlab, .google, .office365, .openid].first(where: {
            lower.contains($0.displayName.lowercased()) || lower.contains($0.rawValue)
        }) {
            add(provider.displayName.lowercased(), .oauth(provider))
            add(provider.rawValue, .oauth(provider))
        } else {
            add("oauth", .oauth(.gitlab))
        }
        var seen: Set<String> = []
        return found.sorted { $0.0 < $1.0 }.map(\.1).filter { seen.insert($0.description).inserted }
    }

    /// One device kind read from a short name: "Chrome on Windows", "Safari", "desktop app on Mac",
    /// "iOS app (Classic)", "Android".
    static func device(_ text: String) -> ClientKind? {
        let systems = desktopSystems(in: text)
        if let browser = browsers(in: text).first {
            let os = systems.first ?? (browser == .safari ? .mac : .windows)
            let kind = ClientKind.browser(browser, on: os)
            return kind.isValid ? kind : nil
        }
        if namesDesktopApp(text) { return .desktopApp(on: systems.first ?? .mac) }
        return mobileApps(in: text).first
    }

    /// A console page path from "System Console ➜ User Management ➜ Users": the names after the console.
    static func consolePath(_ text: String) -> [String] {
        // "System Console ➜ Users Page": the page is "Users".
        let text = text.lowercased().hasSuffix(" page") ? String(text.dropLast(5)) : text
        return text.split(separator: "➜").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty && !["system console", "the system console"].contains($0.lowercased()) }
    }

    /// A count written in digits or words: "2", "two", "several" (2 or more), "a" / "one".
    static func count(_ text: String) -> Int? {
        let words = ["a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                     "nine": 9, "ten": 10, "several": 2, "multiple": 2]
        return Int(text) ?? words[text.lowercased()]
    }

    /// A span of time from "15 minutes", "24 hours", "1 day", "an hour".
    static func duration(_ amount: String, _ unit: String) -> Duration? {
        guard let number = count(amount) else { return nil }
        let unit = unit.lowercased()
        let seconds = unit.hasPrefix("min") ? 60 : unit.hasPrefix("h") ? 3600 : unit.hasPrefix("d") ? 86_400 : unit.hasPrefix("w") ? 604_800 : 1
        return .seconds(number * seconds)
    }
}
