/// A user's membership of the server's one team or of its town-square channel, as
/// `GET /api/v4/teams/{team_id}/members/{user_id}` (and the channel's) sends it: the roles string
/// is built from the scheme flags (`team_guest` / `team_user` + ` team_admin`, and `channel_...`).
public struct Membership: Hashable, Sendable {
    /// The membership's roles, such as "team_user team_admin", built from the scheme flags.
    public let roles: String
    /// Whether the member is there as a guest (`scheme_guest`).
    public let schemeGuest: Bool
    /// Whether the member is there as a member (`scheme_user`).
    public let schemeUser: Bool
    /// Whether the member is an admin of the team or channel (`scheme_admin`).
    public let schemeAdmin: Bool

    /// Whether the membership gives the team's or channel's admin permissions (team settings,
    /// managing members' roles): only `scheme_admin` does.
    public var isAdmin: Bool { schemeAdmin }
}

extension SessionBackend {
    // MARK: Licence and guest accounts

    /// `POST /api/v4/license` (`api4/system.go addLicense`): needs `manage_system` (403 otherwise).
    /// The fake's licence is an Enterprise one, with guest accounts.
    public func addLicense(token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard has(.manageSystem, session) else { return .failure(permissionError(session, .manageSystem)) }
            isLicensed = true
            return .success(StatusOK())
        }
    }

    // MARK: Team and channel admins

    /// `PUT /api/v4/teams/{team_id}/members/{user_id}/schemeRoles` and the channel's
    /// (`api4/team.go updateTeamMemberSchemeRoles`, `api4/channel.go updateChannelMemberSchemeRoles`):
    /// makes the user team admin or channel admin (or not). Needs `manage_system` here (the admin's
    /// `manage_team_roles` / `manage_channel_roles`; the user manager's route is not modelled).
    public func setSchemeAdmin(userID: String, team: Bool, isAdmin: Bool, token: String?) -> Result<Membership, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard let target = MattermostID(userID), users[target] != nil else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            guard has(.manageSystem, session) else { return .failure(permissionError(session, .manageSystem)) }
            if team {
                if isAdmin { teamAdmins.insert(target) } else { teamAdmins.remove(target) }
            } else {
                if isAdmin { channelAdmins.insert(target) } else { channelAdmins.remove(target) }
            }
            return .success(membership(of: target, team: team))
        }
    }

    /// The user's team (or town-square) membership now.
    public func membership(userID: String, team: Bool) -> Membership? {
        guard let id = MattermostID(userID), users[id] != nil else { return nil }
        return membership(of: id, team: team)
    }

    func membership(of user: MattermostID, team: Bool) -> Membership {
        let prefix = team ? "team" : "channel"
        let guest = guestMemberships.contains(user)
        let admin = team ? teamAdmins.contains(user) : channelAdmins.contains(user)
        var roles = guest ? "\(prefix)_guest" : "\(prefix)_user"
        if admin { roles += " \(prefix)_admin" }
        return Membership(roles: roles, schemeGuest: guest, schemeUser: !guest, schemeAdmin: admin)
    }

    // MARK: Demote and promote

    /// `POST /api/v4/users/{user_id}/demote` (`api4/user.go demoteUserToGuest`), in the handler's
    /// order: no licence → 501 `api.team.demote_user_to_guest.license.error`;
    /// `GuestAccountsSettings.Enable` off → 501 `api.team.demote_user_to_guest.disabled.error`; the
    /// caller needs `demote_to_guest` (ancillary of `sysconsole_write_user_management_users`) else
    /// 403, and `manage_system` for a system admin; a guest already → 501
    /// `api.user.demote_user_to_guest.already_guest.app_error`. Then `SqlUserStore.DemoteUserToGuest`:
    /// `system_user` becomes `system_guest`, `system_admin` is dropped, and every team and channel
    /// membership gets `SchemeUser=false, SchemeAdmin=false, SchemeGuest=true` (no more team or
    /// channel admin). `app/user.go DemoteUserToGuest` revokes no session: it marks each session
    /// `is_guest` (`UpdateSessionsIsGuest`); today's code also rewrites the sessions' roles
    /// (`Session().UpdateRoles`), v5's left them as they were until the next login; then the
    /// websocket `user_updated` event.
    public func demoteToGuest(userID: String, token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        guard isLicensed else { return .failure(notImplemented("api.team.demote_user_to_guest.license.error", "Your license does not support guest accounts")) }
        guard settings.enableGuestAccounts else { return .failure(notImplemented("api.team.demote_user_to_guest.disabled.error", "Guest accounts are disabled.")) }
        return authenticate(token).flatMap { session in
            guard has(.demoteToGuest, session) else { return .failure(permissionError(session, .demoteToGuest)) }
            guard let target = MattermostID(userID), let user = users[target] else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            if user.isSystemAdmin && !has(.manageSystem, session) { return .failure(permissionError(session, .manageSystem)) }
            if user.isGuest {
                return .failure(notImplemented("api.user.demote_user_to_guest.already_guest.app_error",
                                               "Unable to convert the user to guest because is already a guest."))
            }
            users[target]!.roles = user.roles.compactMap { $0 == .systemUser ? .systemGuest : $0 == .systemAdmin ? nil : $0 }
            users[target]!.updateAt = timeline.milliseconds(at: now)
            teamAdmins.remove(target)
            channelAdmins.remove(target)
            guestMemberships.insert(target)
            markSessions(of: target, guest: true)
            broadcastUserUpdated(target)
            return .success(StatusOK())
        }
    }

    /// `POST /api/v4/users/{user_id}/promote` (`api4/user.go promoteGuestToUser`): needs
    /// `promote_guest`; a user who is no guest → 501 `api.user.promote_guest_to_user.no_guest.app_error`.
    /// `SqlUserStore.PromoteGuestToUser`: `system_guest` becomes `system_user`, memberships
    /// `SchemeUser=true, SchemeGuest=false` (admin flags stay off); sessions marked `is_guest` false.
    public func promoteGuestToUser(userID: String, token: String?) -> Result<StatusOK, AppError> {
        catchUpClients()
        return authenticate(token).flatMap { session in
            guard has(.promoteGuest, session) else { return .failure(permissionError(session, .promoteGuest)) }
            guard let target = MattermostID(userID), let user = users[target] else { return .failure(.invalidURLParam("user_id", newRequestID())) }
            guard user.isGuest else {
                return .failure(notImplemented("api.user.promote_guest_to_user.no_guest.app_error",
                                               "Unable to convert the guest to regular user because is not a guest."))
            }
            users[target]!.roles = user.roles.map { $0 == .systemGuest ? .systemUser : $0 }
            users[target]!.updateAt = timeline.milliseconds(at: now)
            guestMemberships.remove(target)
            markSessions(of: target, guest: false)
            broadcastUserUpdated(target)
            return .success(StatusOK())
        }
    }

    /// `UpdateSessionsIsGuest`: every session of the user keeps going, marked `is_guest`; today's
    /// server also gives them the user's new roles, v5's kept the roles they were made with.
    func markSessions(of user: MattermostID, guest: Bool) {
        let roles = internRoles(users[user]!.rolesString)
        for token in tokensByUser[user] ?? [] {
            sessions[token]?.isGuest = guest
            if configuration.version == .current { sessions[token]?.roleSet = roles }
        }
    }

    func notImplemented(_ id: String, _ message: String) -> AppError {
        AppError(id: id, message: message, requestID: newRequestID(), statusCode: 501)
    }
}
