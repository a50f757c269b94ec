import Clocks
import Testing
@testable import SessionBackend

@Suite struct ClientTimingTests {
    /// A backend on an immediate clock, an admin, and one client of `kind` logged in as user-1.
    func setUp(_ kind: ClientKind, seed: UInt64 = 938,
               _ configure: (inout BackendConfiguration) -> Void = { _ in }) async throws -> (SessionBackend, Cast, ClientID) {
        let backend = makeImmediateBackend(version: .v5_20) {
            $0.seed = seed
            configure(&$0)
        }
        let cast = try await Cast.make(on: backend)
        let client = try await backend.openClient(kind)
        _ = try await backend.signIn(client, username: "user-1").get()
        try await backend.setState(client, .idle)
        return (backend, cast, client)
    }

    @Test("an idle, awake client is sent to the login page within one websocket or polling cycle", arguments: ClientKind.all)
    func idleDetection(_ kind: ClientKind) async throws {
        let (backend, cast, client) = try await setUp(kind)
        try await backend.sleep(until: .seconds(95))  // timers in mid-cycle
        let revokedAt = await backend.now
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        let redirectedAt = try #require(try await backend.waitForRedirect(of: client, until: revokedAt + .seconds(120)))
        let delay = redirectedAt - revokedAt
        #expect(delay >= .zero && delay <= ClientTiming().idleDetectionBound)
        let status = try #require(await backend.status(of: client))
        #expect([.websocketReconnect, .statusPoll].contains(status.detection))
        #expect(status.token == nil && status.isOnLoginPage)
        if kind.isMobile {
            #expect(status.location == "/login" && status.banner == nil)
        } else {
            #expect(status.location == "/login?redirect_to=%2Fad-1%2Fchannels%2Ftown-square&extra=expired")
            #expect(status.banner == "Your session has expired. Please log in again.")
            #expect(status.notification == "Session Expired: Please sign in to continue receiving notifications.")
        }
    }

    @Test("over many seeds, idle detection spreads across the cycle and never passes 35 s")
    func idleSpread() async throws {
        var delays: [Duration] = []
        for seed in UInt64(1)...40 {
            let (backend, cast, client) = try await setUp(.browser(.chrome, on: .windows), seed: seed)
            try await backend.sleep(until: .seconds(400))
            _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
            let at = try #require(try await backend.waitForRedirect(of: client, until: .seconds(520)))
            delays.append(at - .seconds(400))
        }
        #expect(delays.allSatisfy { $0 <= .seconds(35) })
        #expect(delays.min()! < .seconds(10) && delays.max()! > .seconds(20))
    }

    @Test("the same seed gives the same redirect instant, another seed another")
    func determinism() async throws {
        func run(_ seed: UInt64) async throws -> Duration? {
            let (backend, cast, client) = try await setUp(.desktopApp(on: .linux), seed: seed)
            try await backend.sleep(until: .seconds(61))
            _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
            return try await backend.waitForRedirect(of: client, until: .seconds(200))
        }
        let first = try await run(7)
        #expect(first != nil)
        #expect(try await run(7) == first)
        #expect(try await run(8) != first)
    }

    @Test("switching channel after the revoke redirects at once, remembering the page")
    func interaction() async throws {
        let (backend, cast, client) = try await setUp(.browser(.edge, on: .windows))
        #expect(await backend.interact(client, .switchChannel(to: "off-topic")).failure == nil)
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        let revokedAt = await backend.now
        #expect(await backend.interact(client, .post("hello")).failure?.statusCode == 401)
        let status = try #require(await backend.status(of: client))
        #expect(status.redirectedAt == revokedAt && status.detection == .interaction)
        #expect(status.location == "/login?redirect_to=%2Fad-1%2Fchannels%2Foff-topic&extra=expired")
    }

    @Test("a computer asleep at the revoke notices a few seconds after waking, not before")
    func asleep() async throws {
        let (backend, cast, client) = try await setUp(.browser(.safari, on: .mac))
        try await backend.setState(client, .asleep)
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        #expect(try await backend.waitForRedirect(of: client, until: .seconds(3600)) == nil)
        let wokeAt = await backend.now
        try await backend.setState(client, .idle)
        let at = try #require(try await backend.waitForRedirect(of: client, until: wokeAt + .seconds(60)))
        let timing = ClientTiming()
        #expect(at - wokeAt <= timing.networkResumeDelay.upperBound + timing.websocketReconnectDelay.upperBound)
        #expect(await backend.status(of: client)?.banner == "Your session has expired. Please log in again.")
    }

    @Test("a phone locked before the revoke notices when unlocked", arguments: [ClientState.screenLocked, .background])
    func lockedPhone(_ state: ClientState) async throws {
        let (backend, cast, client) = try await setUp(.mobileApp(.android, .classic))
        try await backend.setState(client, state)
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        #expect(try await backend.waitForRedirect(of: client, until: .seconds(3600)) == nil)
        let unlockedAt = await backend.now
        try await backend.setState(client, .active)
        let at = try #require(try await backend.waitForRedirect(of: client, until: unlockedAt + .seconds(60)))
        #expect(at - unlockedAt <= ClientTiming().mobileForegroundResyncDelay.upperBound)
        #expect(await backend.status(of: client)?.location == "/login")
    }

    @Test("a phone locked after the revoke is logged out by the inactive session check")
    func lockAfterRevoke() async throws {
        let (backend, cast, client) = try await setUp(.mobileApp(.iOS, .reactNative))
        try await backend.sleep(until: .seconds(1))
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        try await backend.setState(client, .screenLocked)
        let status = try #require(await backend.status(of: client))
        #expect(status.detection == .inactiveCheck && status.redirectedAt == .seconds(1))
    }

    @Test("without websocket invalidation an idle client finds out from the status poll, within 60 s")
    func pollOnly() async throws {
        let (backend, cast, client) = try await setUp(.browser(.firefox, on: .linux)) { $0.websocketInvalidatedOnRevoke = false }
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        let at = try #require(try await backend.waitForRedirect(of: client, until: .seconds(120)))
        #expect(at <= .seconds(60))
        #expect(await backend.status(of: client)?.detection == .statusPoll)
    }

    @Test("a redirected client logs back in and lands on the page it was on")
    func logBackIn() async throws {
        let (backend, cast, client) = try await setUp(.browser(.chrome, on: .linux))
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        _ = try await backend.waitForRedirect(of: client, until: .seconds(120))
        _ = try await backend.signIn(client, username: "user-1").get()
        let status = try #require(await backend.status(of: client))
        #expect(status.location == "/ad-1/channels/town-square" && status.redirectedAt == nil && status.banner == nil)
        #expect(await backend.interact(client, .openMenu).failure == nil)
    }

    @Test("sleeping a phone or locking a computer is refused")
    func invalidStates() async throws {
        let backend = makeImmediateBackend(version: .v5_20)
        let phone = try await backend.openClient(.mobileApp(.iOS, .classic))
        let laptop = try await backend.openClient(.desktopApp(on: .mac))
        await #expect(throws: SimulationError.self) { try await backend.setState(phone, .asleep) }
        await #expect(throws: SimulationError.self) { try await backend.setState(laptop, .screenLocked) }
    }

    @Test("on a test clock nothing happens until the clock moves")
    func testClock() async throws {
        let (backend, clock) = makeBackend(version: .v5_20)
        let cast = try await Cast.make(on: backend)
        let client = try await backend.openClient(.browser(.chrome, on: .mac))
        _ = try await backend.signIn(client, username: "user-1").get()
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        #expect(await backend.status(of: client)?.redirectedAt == nil)
        await clock.advance(by: .seconds(60))
        let status = try #require(await backend.status(of: client))
        #expect(status.redirectedAt != nil && status.redirectedAt! <= .seconds(60))
    }

    @Test("awaitingRedirect names the clients not yet on the login page and the earliest timer among them")
    func awaitingRedirect() async throws {
        let (backend, clock) = makeBackend(version: .v5_20)
        let cast = try await Cast.make(on: backend)
        let chrome = try await backend.openClient(.browser(.chrome, on: .mac))
        let phone = try await backend.openClient(.mobileApp(.iOS, .reactNative))
        for client in [chrome, phone] { _ = try await backend.signIn(client, username: "user-1").get() }
        let before = await backend.awaitingRedirect(among: [chrome, phone])
        #expect(before.clients == [chrome, phone])
        let timers = [await backend.nextEventInstant(of: chrome), await backend.nextEventInstant(of: phone)].compactMap { $0 }
        #expect(before.nextEvent == timers.min())
        _ = try await backend.revokeAllSessions(userID: cast.user.id, token: cast.adminToken).get()
        await backend.interact(chrome, .switchChannel(to: "off-topic"))
        let after = await backend.awaitingRedirect(among: [chrome, phone])
        #expect(after.clients == [phone])
        #expect(after.nextEvent == (await backend.nextEventInstant(of: phone)))
        await clock.advance(by: .seconds(120))
        let later = await backend.awaitingRedirect(among: [chrome, phone])
        #expect(later.clients.isEmpty && later.nextEvent == nil)
        // A client the backend never opened is not waited for.
        #expect(await backend.awaitingRedirect(among: [ClientID(value: 99)]).clients.isEmpty)
    }

    @Test("clients are listed in the order they were opened; an id never given out has no status")
    func clientOrder() async throws {
        let backend = makeImmediateBackend()
        let kinds: [ClientKind] = [.mobileApp(.android, .classic), .browser(.firefox, on: .linux), .desktopApp(on: .windows)]
        var opened: [ClientID] = []
        for kind in kinds { opened.append(try await backend.openClient(kind)) }
        #expect(await backend.allClients().map(\.id) == opened)
        #expect(await backend.allClients().map(\.kind) == kinds)
        #expect(await backend.status(of: ClientID(value: 0)) == nil)
        #expect(await backend.status(of: ClientID(value: 4)) == nil)
        await #expect(throws: SimulationError.self) { try await backend.setState(ClientID(value: 4), .idle) }
    }
}
