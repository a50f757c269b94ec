import SessionBackend

/// The webapp's "Direct Messages" list (the `+` next to Direct Messages in the LHS), which the
/// built-in fakes do not model: every user of the server, the active ones first by username, then
/// the deactivated ones, each labelled "Deactivated".
///
/// It is the team's own model of that screen over the backend's public user list, so its planted
/// fault is the team's too: with ``sessionsFault`` it takes a user with no session for a
/// deactivated one, as a list built from session data would, and a user just reactivated (whose
/// sessions deactivation revoked) is filed at the bottom with the label.
struct DirectMessagesList {
    struct Row: Equatable {
        var username: String
        /// "Deactivated", or `nil` for a user in the normal spot.
        var label: String?
    }

    /// `--fault dm-list-sessionless-deactivated`.
    static let sessionsFault = "dm-list-sessionless-deactivated"
    static let sessionsFaultSummary =
        "The Direct Messages list takes a user with no session (as one just reactivated is) for deactivated: listed last, labelled Deactivated."

    var rows: [Row]

    /// The list as `token`'s user opens it now.
    static func open(_ backend: SessionBackend, token: String, faulty: Bool) async throws(AppError) -> DirectMessagesList {
        let users = try await backend.usersForReporting(pageSize: 100, page: nil, token: token).get()
        var active: [String] = []
        var deactivated: [String] = []
        for user in users {
            let looksDeactivated = faulty ? await backend.storedSessions(ofUser: user.id).isEmpty : user.isDeactivated
            if looksDeactivated { deactivated.append(user.username) } else { active.append(user.username) }
        }
        return DirectMessagesList(rows: active.sorted().map { Row(username: $0) } + deactivated.sorted().map { Row(username: $0, label: "Deactivated") })
    }

}
