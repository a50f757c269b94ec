import SessionBackend

/// How test cases name devices, browsers, sign-in methods and console pages, read into the
/// backend's types. The parameter types and the reading of an instruction's examples share it,
/// so "Android (RN or Classic)" means the same wherever it is written.
enum Vocabulary {
    /// A text as the vocabulary reads it: lower-cased and split into words once, however many
    /// names are looked for in it.
    struct Reading {
        /// The text, lower-cased.
        let lower: String
        /// Its lower-cased words, split on anything that is not a letter or digit.
        let words: Set<String>

        init(_ text: String) {
            lower = text.lowercased()
            words = Self.asciiWords(lower) ?? Set(lower.split { !Vocabulary.isWordCharacter($0) }.map(String.init))
        }

        /// The words of an ASCII text, read on its bytes, as ``Vocabulary/isWordCharacter(_:)``
        /// splits them; `nil` for text with anything else, which is split by characters.
        private static func asciiWords(_ text: String) -> Set<String>? {
            var text = text
            return text.withUTF8 { bytes -> Set<String>? in
                var words = Set<String>()
                var start = 0
                for index in 0...bytes.count {
                    if index < bytes.count {
                        let byte = bytes[index]
                        guard byte < 0x80 else { return nil }
                        if Vocabulary.isWordByte(byte) { continue }
                    }
                    if index > start { words.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) }
                    start = index + 1
                }
                return words
            }
        }

        /// Whether the text holds `phrase` (lower-case).
        func contains(_ phrase: String) -> Bool { lower.includes(phrase) }
    }

    /// Every browser a text names; "various browsers" and "browsers" mean all four.
    static func browsers(in text: String) -> [Browser] { browsers(in: Reading(text)) }

    static func browsers(in text: Reading) -> [Browser] {
        if text.contains("various browsers") || text.contains("all browsers") || text.contains("any browser") {
            return Browser.allCases
        }
        return Browser.allCases.filter { text.contains($0.rawValue.lowercased()) }
    }

    /// Every computer system a text names ("Mac", "macOS", "Windows", "Linux").
    static func desktopSystems(in text: String) -> [DesktopOS] { desktopSystems(in: Reading(text)) }

    static func desktopSystems(in text: Reading) -> [DesktopOS] {
        let words = text.words
        return DesktopOS.allCases.filter { os in
            switch os {
            case .mac: words.contains("mac") || words.contains("macos") || words.contains("macbook")
            case .windows: words.contains("windows")
            case .linux: words.contains("linux")
            }
        }
    }

    /// The lower-cased words of a text, split on anything that is not a letter or digit.
    static func words(_ text: String) -> Set<String> { Reading(text).words }

    /// A letter or a digit; ASCII ones are told without looking up Unicode properties.
    static func isWordCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return isWordByte(ascii) }
        return character.isLetter || character.isNumber
    }

    /// An ASCII letter or digit.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Every phone app a text names: "iOS", "Android", with "(RN or Classic)" for both generations.
    static func mobileApps(in text: String) -> [ClientKind] { mobileApps(in: Reading(text)) }

    static func mobileApps(in text: Reading) -> [ClientKind] {
        let words = text.words
        let systems = MobileOS.allCases.filter { words.contains($0.rawValue.lowercased()) }
        var generations = MobileAppGeneration.allCases.filter { generation in
            switch generation {
            case .reactNative: words.contains("rn") || text.contains("react native")
            case .classic: words.contains("classic")
            }
        }
        if generations.isEmpty { generations = [.reactNative] }
        return systems.flatMap { os in generations.map { ClientKind.mobileApp(os, $0) } }
    }

    /// Whether the desktop app is named.
    static func namesDesktopApp(_ text: String) -> Bool { namesDesktopApp(Reading(text)) }

    static func namesDesktopApp(_ text: Reading) -> Bool {
        text.contains("desktop app") || text.contains("desktop client")
    }

    /// The sign-in methods a text names, in the order written: "email/password, SAML, LDAP, OAuth".
    /// "OAuth" alone stands for GitLab, the provider Mattermost's own test servers use.
    static func loginMethods(in text: String) -> [LoginMethod] { loginMethods(in: Reading(text)) }

    static func loginMethods(in text: Reading) -> [LoginMethod] {
        let lower = text.lower
        var found: [(offset: Int, method: LoginMethod)] = []
        func add(_ needle: String, _ method: LoginMethod) {
            if let offset = lower.utf8Offset(of: needle) { found.append((offset, method)) }
        }
        add("email", .emailPassword)
        add("username", .usernamePassword)
        add("saml", .saml)
        add("ldap", .ldap)
        if let provider = [AuthService.gitlab, .google, .office365, .openid].first(where: {
            text.contains($0.displayName.lowercased()) || text.contains($0.rawValue)
        }) {
            add(provider.displayName.lowercased(), .oauth(provider))
            add(provider.rawValue, .oauth(provider))
        } else {
            add("oauth", .oauth(.gitlab))
        }
        // In the order written, each method once (a provider's name and id can both occur).
        var methods: [LoginMethod] = []
        for (_, method) in found.sorted(by: { $0.offset < $1.offset }) where !methods.contains(method) { methods.append(method) }
        return methods
    }

    /// One device kind read from a short name: "Chrome on Windows", "Safari", "desktop app on Mac",
    /// "iOS app (Classic)", "Android".
    static func device(_ text: String) -> ClientKind? {
        let text = Reading(text)
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
        return text.split(separator: "➜").map(trimmingSpaces)
            .filter { !$0.isEmpty && !["system console", "the system console"].contains($0.lowercased()) }
    }

    /// The text without its leading and trailing spaces.
    static func trimmingSpaces(_ text: Substring) -> String {
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else { return "" }
        return String(text[first...last])
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

extension String {
    /// Whether `phrase` occurs in the string, code unit for code unit (see ``utf8Offset(of:)``):
    /// `contains(_:)` without the trip through Foundation.
    func includes(_ phrase: String) -> Bool { utf8Offset(of: phrase) != nil }

    /// Where `phrase` first occurs in the string, as an offset in UTF-8 code units, comparing code
    /// units: the standard library's own search, where `range(of:)` and `contains(_:)` on strings
    /// resolve to Foundation's and bridge each string to an `NSString`. Offsets order occurrences
    /// as characters do.
    func utf8Offset(of phrase: String) -> Int? {
        var text = self
        var phrase = phrase
        return text.withUTF8 { text in
            phrase.withUTF8 { phrase -> Int? in
                guard phrase.count <= text.count else { return nil }
                guard let first = phrase.first else { return 0 }
                var start = 0
                while start <= text.count - phrase.count {
                    if text[start] == first && UnsafeBufferPointer(rebasing: text[start..<start + phrase.count]).elementsEqual(phrase) {
                        return start
                    }
                    start += 1
                }
                return nil
            }
        }
    }
}
