extension SessionBackend {
    /// Opens a client: a browser tab, the desktop app or the mobile app, not logged in yet.
    /// `channel` is the page it will show once logged in.
    public func openClient(_ kind: ClientKind, channel: String = "/ad-1/channels/town-square") throws(SimulationError) -> ClientID {
        guard kind.isValid else { throw SimulationError(message: "\(kind) does not exist: Safari runs only on a Mac") }
        let id = ClientID(value: nextClientNumber)
        nextClientNumber += 1
        // One generator per client, so one client's timers never shift another's.
        let generator = SeededGenerator(seed: configuration.seed &+ UInt64(id.value) &* 0x9E37_79B9_7F4A_7C15)
        var deviceID = ""
        if let platform = kind.pushPlatform {
            deviceID = platform + ":" + (0..<4).map { _ in hex64(identifiers.next()) }.joined()
        }
        clients[id] = ClientRecord(id: id, kind: kind, generator: generator, deviceID: deviceID, path: channel, location: "/login")
        return id
    }

    /// Signs a client in with any method. `mfaCode` `nil` means the user reads the code from their
    /// authenticator app when the account has MFA; pass "" to leave the field empty.
    @discardableResult
    public func signIn(_ client: ClientID, username: String, password: String = "Passw0rd!",
                       method: LoginMethod = .emailPassword, mfaCode: String? = nil) -> Result<LoginResponse, AppError> {
        catchUpClients()
        guard var record = clients[client] else { return .failure(.notFound(newRequestID())) }
        let userID = userIDsByUsername[username.lowercased()]
        let code = mfaCode ?? userID.flatMap { currentMFACode(for: $0.description) } ?? ""
        let result = logIn(username: username, password: password, method: method, from: record.kind,
                           deviceID: record.deviceID, mfaCode: code)
        if case .success(let response) = result {
            record.token = MattermostID(response.token)
            record.userID = MattermostID(response.user.id)
            record.location = record.path
            record.banner = nil
            record.notification = nil
            record.redirectedAt = nil
            record.detection = nil
            record.state = .active
            record.deviceNotifications = []
            startTimers(&record, at: now, resyncAfter: nil)
            scheduleSessionNotification(&record, at: now, onLogin: true)
            clients[client] = record
        }
        return result
    }

    /// A snapshot of the client as of now (its timers have run up to the clock's reading).
    public func status(of client: ClientID) -> ClientStatus? {
        catchUpClients()
        return clients[client].map(badged)
    }

    /// Every client, in the order they were opened.
    public func allClients() -> [ClientStatus] {
        catchUpClients()
        return clients.records.map(badged)
    }

    /// The client's status with the desktop app's session-expired badge, the version's sign.
    func badged(_ record: ClientRecord) -> ClientStatus {
        var status = record.status
        if case .desktopApp = record.kind, record.token == nil, record.banner == ClientRecord.sessionExpiredBanner {
            status.badge = configuration.version == .current ? "!" : "•"
        }
        return status
    }

    /// The user does something in the client: a REST call with its session. A sleeping computer
    /// is woken and a locked phone unlocked first. A 401 logs the client out at once.
    @discardableResult
    public func interact(_ client: ClientID, _ interaction: Interaction) -> Result<Void, AppError> {
        catchUpClients()
        guard let state = clients[client]?.state else { return .failure(.notFound(newRequestID())) }
        if !state.isForeground { try? setState(client, .active) }
        guard var record = clients[client], let token = record.token else { return .failure(.sessionExpired(newRequestID())) }
        record.state = .active
        guard validSession(token: token, at: now) != nil else {
            record.forceLogout(at: now, by: .interaction, mobileLocation: configuration.clientTiming.mobileLogoutLocation)
            clients[client] = record
            return .failure(.sessionExpired(newRequestID()))
        }
        switch interaction {
        case .switchChannel(let channel):
            let team = record.path.split(separator: "/").first.map(String.init) ?? "ad-1"
            record.path = "/\(team)/channels/\(channel)"
            record.location = record.path
            recordActivity(token: token, at: now)  // view channel
        case .post:
            recordActivity(token: token, at: now)  // create post
        case .openMenu:
            break  // a GET: not activity
        }
        clients[client] = record
        return .success(())
    }

    /// Puts a client in a state: `asleep` for computers, `screenLocked` or `background` for
    /// phones, `active` or `idle` for either (waking, unlocking, foregrounding).
    public func setState(_ client: ClientID, _ state: ClientState) throws(SimulationError) {
        catchUpClients()
        guard var record = clients[client] else { throw SimulationError(message: "no such client: \(client)") }
        if state == .asleep && record.kind.isMobile {
            throw SimulationError(message: "\(record.kind) is a phone: lock its screen or background the app instead of sleeping it")
        }
        if (state == .screenLocked || state == .background) && !record.kind.isMobile {
            throw SimulationError(message: "\(record.kind) is not a phone: put the computer to sleep instead")
        }
        let previous = record.state
        record.state = state
        defer { clients[client] = record }
        if state.hasNetwork && !record.pendingPushes.isEmpty {
            record.deviceNotifications += record.pendingPushes
            record.pendingPushes = []
        }
        guard record.token != nil, previous != state else { return }
        let timing = configuration.clientTiming
        let instant = now
        switch (previous.isForeground, state) {
        case (true, .active), (true, .idle):
            break
        case (_, .offline), (_, .poweredOff), (true, .asleep):
            record.stopTimers()  // no network (or nothing running): the socket dies, no timer reaches the server
        case (false, .screenLocked), (false, .background):
            break
        case (true, _):
            // Going inactive: the app checks its sessions, stops polling and closes the socket 15 s later.
            record.nextPoll = nil
            record.nextResync = nil
            record.socketCloseAt = instant + timing.mobileBackgroundSocketClose
            if timing.mobileInactiveSessionCheck && !configuration.has(.idleClientsNeverNotice),
               let token = record.token, validSession(token: token, at: instant) == nil {
                record.forceLogout(at: instant, by: .inactiveCheck, mobileLocation: timing.mobileLogoutLocation)
            } else {
                scheduleSessionNotification(&record, at: instant, onLogin: false)
            }
        case (false, _):
            if configuration.version == .current && record.kind.isMobile { record.scheduledExpiry = nil }  // cancelAllSessionNotifications
            if record.kind.isMobile {
                let delay = record.generator.duration(in: timing.mobileForegroundResyncDelay)
                // A phone switched on again starts the app cold: its entry sync makes REST calls (INFERRED).
                let resync = timing.mobileForegroundResync || previous == .poweredOff
                startTimers(&record, at: instant, resyncAfter: resync ? (delay, .foreground) : nil)
            } else {
                let delay = record.generator.duration(in: timing.networkResumeDelay)
                    + record.generator.duration(in: timing.websocketReconnectDelay)
                startTimers(&record, at: instant, resyncAfter: (delay, .websocketReconnect))
            }
        }
    }

    /// The user logs out from the client's menu (`POST /users/logout`, no session-expired banner).
    public func logOut(_ client: ClientID) {
        catchUpClients()
        guard var record = clients[client] else { return }
        _ = logout(token: record.token?.description)
        record.userLogout(at: now)
        clients[client] = record
    }

    /// What the webapp does after the admin revoked their own sessions (`emitUserLoggedOutEvent`):
    /// a user-initiated logout to the login page.
    public func userLoggedOut(_ client: ClientID) { logOut(client) }

    /// The next instant one of the client's timers fires, if any runs.
    public func nextEventInstant(of client: ClientID) -> Duration? {
        catchUpClients()
        return clients[client]?.nextEvent
    }

    /// Of `ids`, the clients not yet sent to the login page, and the earliest instant one of their
    /// timers fires: what a tester watching those screens waits for, read in one catch-up (where
    /// ``status(of:)`` and ``nextEventInstant(of:)`` catch up once per client).
    public func awaitingRedirect(among ids: [ClientID]) -> (clients: [ClientID], nextEvent: Duration?) {
        catchUpClients()
        var waiting: [ClientID] = []
        var next: Duration?
        for id in ids {
            guard let record = clients[id], record.redirectedAt == nil else { continue }
            waiting.append(id)
            if let event = record.nextEvent { next = min(next ?? event, event) }
        }
        return (waiting, next)
    }

    /// Runs every client's timers up to the clock's reading (the accessors do this themselves).
    public func pump() { catchUpClients() }

    /// Sleeps on the backend's clock from one client timer to the next until the client has been
    /// sent to the login page or `deadline` (an instant since the backend's origin) has come.
    /// Returns the instant of the redirect.
    public func waitForRedirect(of client: ClientID, until deadline: Duration) async throws -> Duration? {
        try await waitForRedirects(of: [client], until: deadline)[client]
    }

    /// `waitForRedirect` for several clients at once; the result has an entry per redirected client.
    public func waitForRedirects(of ids: [ClientID], until deadline: Duration) async throws -> [ClientID: Duration] {
        while true {
            catchUpClients()
            var redirected: [ClientID: Duration] = [:]
            var next = deadline
            for id in ids {
                guard let record = clients[id] else { continue }
                if let instant = record.redirectedAt {
                    redirected[id] = instant
                } else if record.token != nil, let event = record.nextEvent, event > now {
                    next = min(next, event)
                }
            }
            if redirected.count == ids.count || now >= deadline { return redirected }
            try await timeline.sleep(until: next)
        }
    }

    // MARK: The event loop

    func startTimers(_ record: inout ClientRecord, at instant: Duration, resyncAfter resync: (Duration, Detection)?) {
        record.stopTimers()
        guard !configuration.has(.idleClientsNeverNotice) else { return }
        let timing = configuration.clientTiming
        // Random phases stand for the moment each client connected and started its interval timers.
        if let interval = timing.statusPollInterval {
            record.nextPoll = instant + record.generator.duration(in: .zero ... interval)
        }
        if let (delay, reason) = resync {
            record.nextResync = instant + delay
            record.resyncReason = reason
        } else {
            record.nextPing = instant + record.generator.duration(in: .zero ... timing.websocketPingInterval)
        }
    }

    /// Fires every client timer due by now, in time order per client. Clients never affect each
    /// other, and the server's state has not changed since the last catch-up (every mutation
    /// catches up first), so firing late gives the same answers as firing on time.
    func catchUpClients() {
        let limit = now
        guard !clients.isEmpty else { return }
        // Each record is read and changed where it is stored (reading one through the table
        // copies it): every accessor catches up, and a copy taken out and put back costs a
        // record's worth of copying and retains per client.
        for index in clients.records.indices { catchUp(&clients.records[index], to: limit) }
        if nextExpiryNotifyJob <= limit { runExpiryNotifyJob(upTo: limit) }
    }

    /// Fires the record's timers due by `limit`, in time order, while it has a session.
    func catchUp(_ record: inout ClientRecord, to limit: Duration) {
        while record.token != nil, let instant = record.nextEvent, instant <= limit {
            fire(&record, at: instant)
        }
    }

    func fire(_ record: inout ClientRecord, at instant: Duration) {
        guard let token = record.token else { return record.stopTimers() }
        let timing = configuration.clientTiming
        if record.scheduledExpiry?.fireAt == instant {
            fireSessionNotification(&record, at: instant)
        } else if record.socketCloseAt == instant {
            record.socketCloseAt = nil
            record.nextPing = nil
        } else if record.nextResync == instant {
            record.nextResync = nil
            guard validSession(token: token, at: instant) != nil else { return record.forceLogout(at: instant, by: record.resyncReason, mobileLocation: configuration.clientTiming.mobileLogoutLocation) }
            record.nextPing = instant + timing.websocketPingInterval
        } else if record.nextPoll == instant {
            guard validSession(token: token, at: instant) != nil else { return record.forceLogout(at: instant, by: .statusPoll, mobileLocation: configuration.clientTiming.mobileLogoutLocation) }
            record.nextPoll = timing.statusPollInterval.map { instant + $0 }
        } else if record.nextPing == instant {
            // A revoked session's socket answers pings with a 401 once it is invalidated; the
            // client drops it and reconnects, and the reconnect's REST sync meets the 401.
            if !configuration.websocketInvalidatedOnRevoke || isLive(token: token, at: instant) {
                record.nextPing = instant + timing.websocketPingInterval
            } else {
                record.nextPing = nil
                if record.state.isForeground {
                    record.nextResync = instant + record.generator.duration(in: timing.websocketReconnectDelay)
                    record.resyncReason = .websocketReconnect
                }
            }
        }
    }

    /// A read-only validity check (a ping does not count as activity).
    func isLive(token: MattermostID, at instant: Duration) -> Bool {
        if let session = sessions[token] { return !isExpired(session, at: instant) }
        if let cached = staleCache[token] { return instant < cached.cachedUntil && !isExpired(cached, at: instant) }
        return false
    }
}

func hex64(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
