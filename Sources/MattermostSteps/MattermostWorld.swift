import SessionBackend
import StepwiseBinding
import StepwiseModel
import SystemConsole

/// The world of one Mattermost case: the server, the clients signed in to it, the admin's System
/// Console, and what the case saw happen, all on the case's clock.
///
/// A team's library over this world (see `docs/running.md`, "Libraries that build on each other")
/// reaches the fakes and the devices the built-in phrases signed in through the public members.
public final class MattermostWorld {
    /// The in-memory Mattermost server of the case, on the case's clock.
    public let backend: SessionBackend
    let consoleVersion: ConsoleVersion
    /// The planted faults every System Console of the case is opened with.
    let consoleFaults: Set<ConsoleFault>
    /// Every account's password.
    public let password = "Passw0rd!"
    /// The Mattermost release the case runs against (the one it was written for, by default).
    let version: MattermostVersion
    /// The case as exported (its steps' Step Info holds procedures some expectations refer to).
    let testCase: TestCase?

    /// The device the System Console is open on when it is not the admin's first one ("Open an
    /// additional tab or browser (logged in as same user) and go to System Console").
    var consoleDevice: Device?
    /// The user a case acts on in the console when it is not one of the test user's accounts.
    var subject: User?
    /// Passwords: the one a case set for the subject, and each login attempt made since.
    var newPassword: String?
    var loginAttempts: [(which: String, result: Result<LoginResponse, AppError>)] = []
    /// Users located by sign-in method ("locate users who have as their signin method:").
    var methodUsers: [String] = []
    /// The subject's email before and after the admin changed it.
    var emailChange: (old: String, new: String)?
    /// A phone switched off or in airplane mode, since when, and when it came back.
    var offline: (device: Device, since: Duration)?
    var backOnline: Duration?
    /// The admin's browsers beyond the first ("Log in as system admin on at least two browsers").
    var adminDevices: [Device] = []
    /// The device someone last logged out of, with the token it had before ("After logging out, ...").
    var loggedOut: Device?
    /// The step number after which a check is made ("After step 2: ...").
    var stepsDone: Set<String> = []
    /// A DM the case opened: its channel and the browser showing it.
    var dm: (channelID: String, device: Device, partner: User)?
    /// When the DM partner was deactivated, and the sidebar of the DM's browser right then.
    var deactivation: (instant: Duration, sidebar: [SidebarEntry])?
    /// The device the last "open a DM" or sign-in on a phone made current: posts go there.
    var activeDevice: Device?
    /// Phones signed in by the session-length phrases, and the instants of their posts.
    var phones: [Device] = []
    var posts: [Duration] = []
    /// The sign-in instant of the session the activity phrases watch (the phones', or the browser
    /// a "Login, ..." signed in).
    var phoneLogin: Duration?
    /// "All platforms": the devices "Log in to the same server via LDAP, SSO and on mobile" signed in.
    var platforms: [Device] = []
    /// The devices the activity phrases act on: "all platforms" once signed in, else the current one.
    var activityDevices: [Device] { platforms.isEmpty ? activeDevice.map { [$0] } ?? [] : platforms }
    /// Session Lengths fields set since the last check of them, and each field's value before the
    /// case first changed it ("Set back to original setting").
    var fieldsSet: [(label: String, value: String)] = []
    var originalValues: [String: String] = [:]
    /// The value "Set the following to 1 day:" gives the labels listed after it.
    var pendingValue: String?
    /// The users list's counts as each page showed them, and how many pages Next and Previous moved.
    var pagesSeen: [String] = []
    var pagedForward = 0
    var pagedBack = 0
    /// The item whose setting changes are saved as they are made ("At system admin console, disable ...").
    var saveAfterSetting: String?
    /// Whether the item's own procedure already ran (Step Info procedures run once per step).
    var proceduresRun: Set<String> = []

    /// The test user's accounts by sign-in method: a Mattermost account has one auth service, so
    /// "log them in using any method (email/password, SAML, LDAP, OAuth)" takes one account per method.
    var accounts: [(method: LoginMethod, user: User)] = []
    /// The test user's devices, in the order they were signed in.
    public internal(set) var devices: [Device] = []
    /// Devices of people the case does not act on, whose sessions must survive a per-user revoke.
    var bystanders: [Device] = []
    /// The admin account and the browser it signed in on, once a phrase made them.
    public internal(set) var admin: User?
    /// The browser the admin signed in on, once a phrase signed them in.
    public internal(set) var adminDevice: Device?
    /// The System Console the admin opened, once a phrase opened it.
    public internal(set) var console: SystemConsole?
    /// Rows found for the test user's accounts, by username.
    var foundRows: [String: Int] = [:]
    /// Whether a user manager's view of the admin row was checked (once per case).
    var checkedDropDownGate = false

    /// Every confirmation the console showed, in order.
    var modals: [ConfirmationModal] = []
    /// What was revoked and when.
    var revoke: Revoke?
    /// Token probes made right after Cancel was clicked in a confirmation.
    var afterCancel: [Probe]?
    /// How the clients noticed the revoke, once watched.
    var watch: RedirectWatch?
    /// The item whose first phrase made the admin the subject of the next ones ("Even the current
    /// system admin's session should also be deactivated and user should be redirected ...").
    var adminSubjectItem: String?

    struct Revoke {
        enum Scope: Equatable {
            case users([String])
            case everyone
        }

        var scope: Scope
        /// The backend instant of the first revoke.
        var instant: Duration
        /// The danger button that was clicked.
        var confirmLabel: String
    }

    /// What `GET /api/v4/users/me` answered for a device's original token.
    struct Probe {
        var device: Device
        var statusCode: Int
        var errorID: String?
    }

    init(backend: SessionBackend, consoleVersion: ConsoleVersion, consoleFaults: Set<ConsoleFault>, version: MattermostVersion,
         testCase: TestCase?) {
        self.backend = backend
        self.consoleVersion = consoleVersion
        self.consoleFaults = consoleFaults
        self.version = version
        self.testCase = testCase
    }

    // MARK: People

    /// The admin account, created on first use.
    public func adminUser() async -> User {
        if let admin { return admin }
        let user = await backend.createUser(
            NewUser(username: "sysadmin", password: password, roles: [.systemUser, .systemAdmin], firstName: "Sys", lastName: "Admin"))
        admin = user
        return user
    }

    /// The test user's account for `method`, created on first use ("samuel.email", "samuel.saml"...).
    public func account(for method: LoginMethod) async -> User {
        if let found = accounts.first(where: { $0.method == method }) { return found.user }
        let suffix: String =
            switch method {
            case .emailPassword: "email"
            case .usernamePassword: "username"
            case .ldap: "ldap"
            case .saml: "saml"
            case .oauth(let service): service.rawValue
            }
        let user = await backend.createUser(
            NewUser(username: "samuel.\(suffix)", password: password, authService: method.authService,
                    firstName: "Samuel", lastName: "Tester", nickname: "sam"))
        accounts.append((method, user))
        return user
    }

    /// Someone the case does not act on: sarah.ellis on Chrome on Linux, whose row follows the test
    /// user's in the list.
    func addBystander() async throws {
        guard bystanders.isEmpty else { return }
        let user = await backend.createUser(NewUser(username: "sarah.ellis", password: password, firstName: "Sarah", lastName: "Ellis"))
        let device = try await signIn(user, on: .browser(.chrome, on: .linux), method: .emailPassword, posture: .awake, behaviour: .untouched)
        bystanders.append(device)
    }

    // MARK: Devices

    /// Opens a client of `kind`, signs `user` in with `method`, and puts it in `posture`.
    public func signIn(_ user: User, on kind: ClientKind, method: LoginMethod, posture: Device.Posture,
                behaviour: Device.Behaviour) async throws -> Device {
        let client: ClientID
        do { client = try await backend.openClient(kind) } catch { throw StepFailure(error.message) }
        let response: LoginResponse
        switch await backend.signIn(client, username: user.username, password: password, method: method) {
        case .success(let value): response = value
        case .failure(let error):
            throw StepFailure("\(user.username) could not sign in on \(kind) by \(method): \(error.statusCode) \(error.id): \(error.message)")
        }
        let state: ClientState =
            switch posture {
            case .awake, .unlocked: .idle
            case .asleep: .asleep
            case .screenLocked: .screenLocked
            }
        do { try await backend.setState(client, state) } catch { throw StepFailure(error.message) }
        return Device(client: client, kind: kind, username: user.username, method: method, posture: posture,
                      behaviour: behaviour, token: response.token, sessionID: response.sessionID)
    }

    /// `GET /api/v4/users/me` with the device's original token.
    func probe(_ device: Device) async -> Probe {
        switch await backend.getUser("me", token: device.token) {
        case .success: Probe(device: device, statusCode: 200, errorID: nil)
        case .failure(let error): Probe(device: device, statusCode: error.statusCode, errorID: error.id)
        }
    }

    /// Seconds since the revoke, for messages: "45 s after Revoke Sessions".
    func sinceRevoke() async -> String {
        guard let revoke else { return "" }
        let action = revoke.scope == .everyone ? "Revoke All Sessions" : "Revoke Sessions"
        return "\(DurationRange.format(await backend.now - revoke.instant)) after \(action)"
    }

    /// The open System Console, or a failure that says how to open it.
    public func requireConsole() throws -> SystemConsole {
        guard let console else {
            throw StepFailure("nobody has opened the System Console yet: log in as system admin and go to System Console ➜ Users first")
        }
        return console
    }

    func requireRevoke() throws -> Revoke {
        guard let revoke else { throw StepFailure("no sessions were revoked yet in this case") }
        return revoke
    }

    /// What a test sees of the world once the case is over.
    var summary: MattermostSteps.WorldSummary {
        MattermostSteps.WorldSummary(
            kinds: devices.map(\.kind), postures: devices.map(\.posture.rawValue), methods: devices.map(\.method.description),
            interactions: watch?.observations.filter { $0.interactedAt != nil }.map(\.device.kind) ?? [],
            interactionLabels: Set(watch?.observations.filter { $0.interactedAt != nil }.map(\.device.label) ?? []),
            redirects: watch?.observations.map { ($0.device.label, $0.noticedAfter) } ?? [])
    }
}
