import SessionBackend
import StepwiseBinding

/// How each device noticed a revoke: the case's clock runs from one client timer (or one planned
/// user action) to the next, as a tester watching the screens would see it, until every device is
/// on the login page or the deadline passes.
///
/// The tester looks at dormant devices after ``lookAfter``: a sleeping computer is woken, a locked
/// phone unlocked. Users who interact do so ``interactAfter`` the revoke, before any client timer
/// can plausibly have noticed for them.
struct RedirectWatch {
    static let lookAfter: Duration = .seconds(10)
    static let interactAfter: Duration = .milliseconds(500)
    /// How long to watch: Mattermost's own end-to-end test of an idle tab waits one minute.
    static let deadline: Duration = .seconds(60)
    /// The shortest move of the clock while watching (see `run`).
    static let stride: Duration = .seconds(2)

    struct Observation {
        var device: Device
        /// When the tester woke or unlocked it, since the revoke.
        var wokenAt: Duration?
        /// When its user interacted while still signed in, since the revoke.
        var interactedAt: Duration?
        /// Since the revoke; `nil` if it never went to the login page.
        var redirectedAfter: Duration?
        var detection: Detection?
        var location: String
        var banner: String?

        /// Time from when the device could see the server again to the redirect.
        var noticedAfter: Duration? {
            redirectedAfter.map { $0 - (wokenAt ?? .zero) }
        }

        /// "redirected to /login?redirect_to=...&extra=expired after 7.4 s (websocket reconnect)".
        var summary: String {
            guard let after = redirectedAfter else {
                return "\(device.fullLabel): still on \(location), never sent to the login page"
            }
            var text = "\(device.fullLabel): redirected to \(location)"
            if let interactedAt, detection == .interaction {
                text += " at once when the user \(Self.describe(device.behaviour)), \(DurationRange.format(interactedAt)) after the revoke"
            } else if let wokenAt {
                let how = device.posture == .asleep ? "woken" : "unlocked"
                text += " after \(DurationRange.format(after)) (\(how) after \(DurationRange.format(wokenAt)), "
                    + "noticed \(DurationRange.format(after - wokenAt)) later by \(Self.describe(detection)))"
            } else {
                text += " after \(DurationRange.format(after)) (\(Self.describe(detection)))"
            }
            return text
        }

        static func describe(_ behaviour: Device.Behaviour) -> String {
            switch behaviour {
            case .untouched: "did nothing"
            case .interacts(.switchChannel): "switched channels"
            case .interacts(.post): "posted a message"
            case .interacts(.openMenu): "opened a menu"
            }
        }

        static func describe(_ detection: Detection?) -> String {
            switch detection {
            case .interaction: "a user action"
            case .statusPoll: "the status poll"
            case .websocketReconnect: "websocket reconnect"
            case .inactiveCheck: "the session check on going inactive"
            case .foreground: "the foreground resync"
            case .userAction: "the user's own logout"
            case nil: "unknown"
            }
        }
    }

    var observations: [Observation]
    var withInteractions: Bool

    /// Watches `devices` from the revoke on, moving the case's clock through `step`.
    static func run(_ devices: [Device], world: MattermostWorld, revokeInstant: Duration, interactions: Bool,
                    step: StepContext) async throws -> RedirectWatch {
        let backend = world.backend
        var observations = devices.map { Observation(device: $0, location: "") }
        var pendingActions: [(index: Int, at: Duration)] = []
        for (index, device) in devices.enumerated() {
            if device.posture.isDormant {
                pendingActions.append((index, revokeInstant + lookAfter))
            } else if interactions, case .interacts = device.behaviour {
                pendingActions.append((index, revokeInstant + interactAfter))
            }
        }
        let end = revokeInstant + deadline
        let clients = devices.map(\.client)
        while true {
            let now = await backend.now
            // Actions due now, then who is still signed in.
            for action in pendingActions where action.at <= now {
                let device = devices[action.index]
                let offset = now - revokeInstant
                if device.posture.isDormant {
                    do { try await backend.setState(device.client, .idle) } catch { throw StepFailure(error.message) }
                    observations[action.index].wokenAt = offset
                } else if case .interacts(let interaction) = device.behaviour,
                          await backend.status(of: device.client)?.isOnLoginPage == false {
                    await backend.interact(device.client, interaction)
                    observations[action.index].interactedAt = offset
                }
            }
            pendingActions.removeAll { $0.at <= now }
            let (waiting, nextEvent) = await backend.awaitingRedirect(among: clients)
            let earliest = min(end, nextEvent ?? end)
            guard !waiting.isEmpty, now < end else { break }
            // The backend fires every timer due by the time it is next asked, at its own instant, so
            // the clock need not stop at each one: strides of at least `stride` keep the number of
            // clock advances small, while user actions still happen at their exact instants.
            var next = min(end, max(earliest, now + stride))
            for action in pendingActions { next = min(next, action.at) }
            try await step.advance(by: max(next - now, .milliseconds(1)))
        }
        for (index, device) in devices.enumerated() {
            guard let status = await backend.status(of: device.client) else { continue }
            observations[index].location = status.location
            observations[index].banner = status.banner
            observations[index].detection = status.detection
            observations[index].redirectedAfter = status.redirectedAt.map { $0 - revokeInstant }
        }
        return RedirectWatch(observations: observations, withInteractions: interactions)
    }
}
