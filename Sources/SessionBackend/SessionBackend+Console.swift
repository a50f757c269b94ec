extension SessionBackend {
    /// Sleeps on the backend's clock until `instant` (measured from the backend's creation), so
    /// other fakes (the console's search debounce) share its time.
    public func sleep(until instant: Duration) async throws { try await timeline.sleep(until: instant) }

    /// The permissions the holder of `token` has (what the webapp learns from the user's roles),
    /// or `nil` for an invalid session.
    public func permissions(token: String) -> Set<Permission>? {
        guard let key = MattermostID(token), let session = sessions[key] ?? staleCache[key] else { return nil }
        return permissions(of: session)
    }

    /// A page in the client met a 401 (`forceLogoutIfNecessary`): the client goes to the login page.
    public func clientReceivedUnauthorized(_ client: ClientID) {
        catchUpClients()
        guard var record = clients[client], record.token != nil else { return }
        record.forceLogout(at: now, by: .interaction, mobileLocation: configuration.clientTiming.mobileLogoutLocation)
        clients[client] = record
    }
}
