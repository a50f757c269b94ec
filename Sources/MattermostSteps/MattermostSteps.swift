import SessionBackend
import StepwiseBinding
import Synchronization
import SystemConsole

/// Steps for Mattermost's Users and sessions cases (MM-T938 "Revoke a user's sessions", MM-T940
/// "Revoke all sessions" and the phrases their neighbours share), over an in-memory Mattermost:
/// a ``/SessionBackend/SessionBackend`` with browsers, desktop apps and phone apps signed in to it, and the
/// ``/SystemConsole/SystemConsole`` an admin drives, all on the case's clock.
///
/// Definitions bind phrases ("go to {page}", "➜ Revoke Sessions", "user is redirected to the
/// login page") rather than whole sentences, so the next case in the folder mostly binds as is.
/// The backend's and the console's planted faults are the library's `--fault` options.
public struct MattermostSteps: StepLibrary {
    /// What a case left behind, for this package's tests: which devices, postures and methods were
    /// exercised and how each device was redirected.
    package struct WorldSummary: Sendable {
        /// The test user's devices, in the order they signed in.
        package var kinds: [ClientKind]
        /// Each device's posture: "idle", "asleep", "unlocked" or "screen locked".
        package var postures: [String]
        /// Each device's sign-in method: "email/password", "SAML", "LDAP", "OAuth (GitLab)".
        package var methods: [String]
        /// The devices whose users interacted after the revoke.
        package var interactions: [ClientKind]
        /// The labels of the devices whose users interacted (and were redirected on interaction).
        package var interactionLabels: Set<String>
        /// Each watched device's label and its redirect time after the revoke (`nil`: never); for a
        /// device the tester had to wake or unlock, the time from then.
        package var redirects: [(device: String, after: Duration?)]
    }

    /// `--option console-current`: the System Console of v9.5 and later instead of the one the
    /// specs were written against (the server stays the case's release).
    public static let currentConsoleOption = "console-current"
    /// `--option mattermost-current`: every case runs against the current release (server,
    /// console and clients) instead of the release it was written for.
    public static let currentReleaseOption = "mattermost-current"

    private let onCaseFinished: (@Sendable (String, WorldSummary) -> Void)?

    /// The library, to list in a runner's libraries or in another library's `includes`.
    public init() { onCaseFinished = nil }

    /// For this package's tests: `onCaseFinished` receives each case's key and world summary.
    package init(onCaseFinished: @escaping @Sendable (String, WorldSummary) -> Void) {
        self.onCaseFinished = onCaseFinished
    }

    public var options: [StepOption] {
        PlantedFault.allCases.map { StepOption.fault($0.name, $0.summary) }
            + ConsoleFault.allCases.map { StepOption.fault($0.name, $0.summary) }
            + [StepOption(Self.currentConsoleOption, summary: "Drive the System Console of v9.5+ (\"Revoke sessions\", the longer revoke-all message)."),
               StepOption(Self.currentReleaseOption, summary: "Run every case against the current Mattermost release instead of the release it was written for (from its created date).")]
    }

    public func makeWorld(_ context: WorldContext) async throws -> MattermostWorld {
        let version = Self.version(for: context)
        var configuration = BackendConfiguration(version: version)
        configuration.signIn = .everyMethod
        // Session ids land in the report's notes: seeded, they are the same on every run and for any --jobs.
        configuration.identifierSeed = ~configuration.seed
        configuration.faults = Set(PlantedFault.allCases.filter { context.configuration.isSelected($0.name) })
        let backend = SessionBackend(clock: context.clock, configuration: configuration)
        let console: ConsoleVersion = context.configuration.isSelected(Self.currentConsoleOption) ? .current : ConsoleVersion(version)
        let consoleFaults = Set(ConsoleFault.allCases.filter { context.configuration.isSelected($0.name) })
        return MattermostWorld(backend: backend, consoleVersion: console, consoleFaults: consoleFaults, version: version,
                               testCase: context.testCase)
    }

    /// The release a case runs against: the one it was written for (`MattermostVersion.writtenFor`
    /// its created date), or the current one with `--option mattermost-current`.
    static func version(for context: WorldContext) -> MattermostVersion {
        if context.configuration.isSelected(currentReleaseOption) { return .current }
        return MattermostVersion.writtenFor(createdOn: context.testCase?.createdOn)
    }

    /// How soon after an interaction "at once" is: the REST call's own time on a real clock.
    static let atOnce: Duration = .milliseconds(250)

    public func define(_ steps: inout Steps<MattermostWorld>) {
        steps.parameter(Self.deviceParameter)
        steps.parameter(Self.methodParameter)
        steps.parameter(Self.pageParameter)
        defineSignIn(&steps)
        defineConsole(&steps)
        defineExpectations(&steps)
        defineUsersList(&steps)
        defineAccountChanges(&steps)
        defineSigningInAgain(&steps)
        defineOfflineAndOwnSessions(&steps)
        defineGuests(&steps)
        defineEmailChange(&steps)
        defineSignInMethods(&steps)
        defineDeactivation(&steps)
        defineSessionLengths(&steps)
        defineSessionSettings(&steps)
        // The export texts these definitions were written against (`stepwise run --dry-run`
        // prints a case's fingerprint): a re-export that changes them is reported as drift.
        steps.pin("MM-T938", fingerprint: "9b2d27c7b9077fd2")
        steps.pin("MM-T940", fingerprint: "72f5a06ed23dc402")
        if let onCaseFinished {
            steps.afterCase { world, step in onCaseFinished(step.caseKey, world.summary) }
        }
    }

    // MARK: Parameter types

    // Pattern text rather than `Regex` literals: Stepwise's own matcher reads it, so a run parses
    // none of them with Swift's regex parser nor runs that engine to scan for them.

    /// `{device}`: "Chrome on Windows", "Safari", "desktop app on Mac", "iOS app (Classic)", "Android".
    public static let deviceParameter = ParameterType(
        "device",
        pattern: #"(?:(?:chrome|firefox|safari|edge)(?: on (?:mac|windows|linux))?|(?:the )?desktop app(?: on (?:mac|windows|linux))?|(?:ios|android)(?: app)?(?: \((?:rn|classic)\))?)"#
    ) { text -> ClientKind in
        guard let kind = Vocabulary.device(text) else { throw StepFailure("'\(text)' is not a device Mattermost runs on") }
        return kind
    }

    /// `{method}`: "email/password", "SAML", "LDAP", "OAuth", "GitLab"...
    public static let methodParameter = ParameterType(
        "method", pattern: #"email\/password|email|username\/password|saml|ldap|oauth|gitlab|google|office 365|openid"#
    ) { text -> LoginMethod in
        guard let method = Vocabulary.loginMethods(in: text).first else { throw StepFailure("'\(text)' is not a sign-in method") }
        return method
    }

    /// `{page}`: "System Console ➜ Users", "System Console ➜ User Management ➜ Users"; the value is
    /// the path after the console.
    public static let pageParameter = ParameterType(
        "page", pattern: #"(?:the )?system console(?: ➜ (?:user management|users|environment|session lengths))*(?: page)?"#
    ) { text -> [String] in Vocabulary.consolePath(text) }
}
