extension SessionBackend {
    /// The ExpiryNotify job's period (`jobs/expirynotify/scheduler.go`: `schedFreq = 10 * time.Minute`);
    /// it is scheduled only while `ExtendSessionLengthWithActivity` is on.
    public static let expiryNotifyInterval: Duration = .seconds(600)

    // MARK: The phone app's own notification

    /// Schedules the phone app's local "Session Expired" notification for its session's expiry.
    ///
    /// - Today (`mattermost-mobile` 06ed862, `SessionManager.onAppStateChange` → `scheduleSessionNotification`
    ///   → `scheduleExpiredNotification` in `app/utils/notification/index.ts`): each time the app
    ///   goes inactive, at `expires_at`, title "Session Expired", body counting the hours from now to
    ///   the expiry (`mobile.session_expired_hrs` / `_days_hrs`); coming back to the foreground
    ///   cancels it. A 401 from its `GET users/me/sessions` logs the app out instead.
    /// - 2020-2022 apps: once after login, only when `ExtendSessionLengthWithActivity` is not on
    ///   (`entry/login.ts` of mattermost-mobile 8f10d1e, 2022; the 2020 v1 code is INFERRED to match),
    ///   body `mobile.session_expired` with the mobile length in days.
    func scheduleSessionNotification(_ record: inout ClientRecord, at instant: Duration, onLogin: Bool) {
        guard record.kind.isMobile, let token = record.token, let session = sessions[token] else { return }
        if configuration.version == .current {
            guard !onLogin else { return }
            let hours = Int(((session.expiresAt - instant) / .seconds(3600)).rounded(.up))
            let days = hours / 24, rest = hours % 24
            let site = settings.siteName
            let body: String
            if days == 0 {
                body = "Please log in to continue receiving notifications. Sessions for \(site) are configured to expire every \(rest) \(rest == 1 ? "hour" : "hours")."
            } else {
                // The app's `else if (expiresInHours === 0)` branch can never be taken after
                // `expiresInDays !== 0`, so whole days read "... and 0 hours".
                body = "Please log in to continue receiving notifications. Sessions for \(site) are configured to expire every \(days) \(days == 1 ? "day" : "days") and \(rest) \(rest == 1 ? "hour" : "hours")."
            }
            record.scheduledExpiry = (session.expiresAt, "Session Expired", body)
        } else {
            guard onLogin, !settings.extendSessionLengthWithActivity else { return }
            let days = settings.sessionLengthMobileInHours / 24
            record.scheduledExpiry = (session.expiresAt, nil,
                                      "Session Expired: Please log in to continue receiving notifications. Sessions for \(settings.siteName) are configured to expire every \(days) \(days == 1 ? "day" : "days").")
        }
    }

    /// The local notification fires: shown unless the app is in front (today's app cancels it on
    /// coming to the foreground; iOS shows no banner for the app in front) or the phone is off.
    func fireSessionNotification(_ record: inout ClientRecord, at instant: Duration) {
        guard let scheduled = record.scheduledExpiry else { return }
        record.scheduledExpiry = nil
        guard !record.state.isForeground, record.state != .poweredOff else { return }
        record.deviceNotifications.append(DeviceNotification(title: scheduled.title, body: scheduled.body, shownAt: instant, source: .local))
    }

    // MARK: The server's push

    /// Runs the ExpiryNotify job for every period due by now (`App.NotifySessionsExpired`,
    /// `app/expirynotify.go`): each mobile session that expired within the last hour and was not
    /// notified gets a push of type `session`, then `ExpiredNotify = true`. The text is
    /// `api.push_notifications.session.expired`: "Session Expired: Please log in to continue
    /// receiving notifications. Sessions for {siteName} are configured by your System Administrator
    /// to expire every {hoursCount} hour(s)." (today, hours = `SessionLengthMobileInHours`); v5
    /// counted days (`daysCount`, INFERRED wording). A phone off the network gets it when it is back.
    func runExpiryNotifyJob(upTo limit: Duration) {
        guard configuration.version.hasExtendSessionLengthWithActivity else { return }
        while nextExpiryNotifyJob <= limit {
            let instant = nextExpiryNotifyJob
            nextExpiryNotifyJob += Self.expiryNotifyInterval
            guard settings.extendSessionLengthWithActivity else { continue }
            for token in sessions.keys {
                let session = sessions[token]!
                guard session.isMobile, !session.expiredNotify, session.expiresAt < instant,
                      instant - session.expiresAt <= .seconds(3600), let device = deviceIDs[token] else { continue }
                sessions[token]!.expiredNotify = true
                let count = configuration.version == .current
                    ? "\(settings.sessionLengthMobileInHours) hour(s)" : "\(settings.sessionLengthMobileInHours / 24) day(s)"
                let push = DeviceNotification(
                    title: nil,
                    body: "Session Expired: Please log in to continue receiving notifications. Sessions for \(settings.siteName) are configured by your System Administrator to expire every \(count).",
                    shownAt: instant, source: .push)
                for index in clients.records.indices where clients.records[index].deviceID == device {
                    if clients.records[index].state.hasNetwork || clients.records[index].state == .asleep {
                        clients.records[index].deviceNotifications.append(push)
                    } else {
                        clients.records[index].pendingPushes.append(push)
                    }
                }
            }
        }
    }
}
