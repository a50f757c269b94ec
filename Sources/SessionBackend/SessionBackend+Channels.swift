/// A direct-message channel between two users (group and public channels are not modelled).
struct ChannelRecord: Sendable {
    let id: MattermostID
    /// The two members, in the order the channel was made.
    let members: [MattermostID]
    var postCount = 0
}

/// A DM as a client's left-hand sidebar shows it.
public struct SidebarEntry: Hashable, Sendable {
    /// The DM channel's id.
    public let channelID: String
    /// The other member's username.
    public let teammate: String
    /// Whether the sidebar shows the archive icon instead of the teammate's avatar: the client knows
    /// the teammate is deactivated (`sidebar_direct_channel.tsx`: `icon-archive-outline` when
    /// `teammate.delete_at`).
    public let showsArchiveIcon: Bool
}

/// What replaces a channel's message box (or the RHS reply box), if anything.
public struct PostBox: Hashable, Sendable {
    /// `nil`: the box is there and accepts messages.
    public let replacement: String?
    /// Whether the user can type a message.
    public var acceptsMessages: Bool { replacement == nil }
}

extension SessionBackend {
    /// Opens (or finds) the DM channel between two users (`POST /api/v4/channels/direct`).
    @discardableResult
    public func directChannel(between first: String, and second: String) -> String? {
        guard let a = MattermostID(first), let b = MattermostID(second), users[a] != nil, users[b] != nil else { return nil }
        if let found = channels.values.first(where: { Set($0.members) == Set([a, b]) }) { return found.id.description }
        let channel = ChannelRecord(id: .random(using: &identifiers), members: [a, b])
        channels[channel.id] = channel
        return channel.id.description
    }

    /// The client shows a channel: the center pane and the RHS reply box belong to it, and the
    /// server records a view-channel (activity).
    @discardableResult
    public func view(channel channelID: String, in client: ClientID) -> Result<Void, AppError> {
        catchUpClients()
        guard let id = MattermostID(channelID), let channel = channels[id] else { return .failure(.notFound(newRequestID())) }
        guard var record = clients[client], let me = record.userID else { return .failure(.sessionExpired(newRequestID())) }
        let teammate = channel.members.first { $0 != me } ?? me
        record.channelID = id
        record.path = "/\(record.team)/messages/@\(users[teammate]?.username ?? "")"
        record.location = record.path
        learnProfile(teammate, in: &record)
        clients[client] = record
        return interact(client, .switchChannel(to: "@" + (users[teammate]?.username ?? "")))
    }

    /// The user types a message in the client's current channel and sends it (`POST /api/v4/posts`).
    /// A DM whose other member is deactivated (as the client knows) has no message box.
    @discardableResult
    public func post(_ message: String, in client: ClientID) -> Result<Void, AppError> {
        catchUpClients()
        if let box = postBox(of: client), !box.acceptsMessages {
            return .failure(AppError(id: "client.post_box.replaced", message: box.replacement ?? "", requestID: newRequestID(), statusCode: 0))
        }
        let result = interact(client, .post(message))
        if case .success = result, let id = clients[client]?.channelID { channels[id]?.postCount += 1 }
        return result
    }

    /// The DMs in the client's sidebar, with the icons the client's copy of each profile gives.
    public func sidebar(of client: ClientID) -> [SidebarEntry] {
        catchUpClients()
        guard let record = clients[client], let me = record.userID else { return [] }
        return channels.values.filter { $0.members.contains(me) }.sorted { $0.id.description < $1.id.description }.map { channel in
            let teammate = channel.members.first { $0 != me } ?? me
            return SidebarEntry(channelID: channel.id.description, teammate: users[teammate]?.username ?? "",
                                showsArchiveIcon: record.knownDeactivated.contains(teammate))
        }
    }

    /// The center channel's message box of the client's current channel (`nil`: not in a channel).
    /// A DM with a user the client knows is deactivated shows the version's archived message:
    /// `create_post.deactivated` "You are viewing an archived channel with a deactivated user." in
    /// the 2020 webapp (`channel_view.jsx`), today `channelView.archivedChannelWithDeactivatedUser`
    /// "You are viewing an archived channel with a <b>deactivated user</b>. New messages cannot be
    /// posted." plus a "Close Channel" button (`channel_view.tsx`).
    public func postBox(of client: ClientID) -> PostBox? {
        box(of: client, current: Self.deactivatedDMMessage(configuration.version))
    }

    /// The RHS reply box of the client's current channel: `create_post.deactivated` in the thread
    /// viewer; the 2020 text as in the center, today "You are viewing an archived channel with a
    /// **deactivated user**. New messages cannot be posted." (several `rhs_thread` versions).
    public func replyBox(of client: ClientID) -> PostBox? {
        box(of: client, current: Self.deactivatedDMMessage(configuration.version))
    }

    /// The text replacing a DM's message boxes once the other member is deactivated, as plain text
    /// (see `postBox(of:)`).
    public static func deactivatedDMMessage(_ version: MattermostVersion) -> String {
        version == .current
            ? "You are viewing an archived channel with a deactivated user. New messages cannot be posted."
            : "You are viewing an archived channel with a deactivated user."
    }

    func box(of client: ClientID, current text: String) -> PostBox? {
        catchUpClients()
        guard let record = clients[client], let me = record.userID, let id = record.channelID, let channel = channels[id] else { return nil }
        let teammate = channel.members.first { $0 != me } ?? me
        return PostBox(replacement: record.knownDeactivated.contains(teammate) ? text : nil)
    }

    /// The client reloads the page: it fetches every profile again.
    public func reload(_ client: ClientID) {
        catchUpClients()
        guard var record = clients[client] else { return }
        for channel in channels.values where record.userID.map(channel.members.contains) == true {
            for member in channel.members { learnProfile(member, in: &record) }
        }
        clients[client] = record
    }

    func learnProfile(_ user: MattermostID, in record: inout ClientRecord) {
        if users[user]?.deleteAt ?? 0 != 0 { record.knownDeactivated.insert(user) } else { record.knownDeactivated.remove(user) }
    }

    /// The websocket `user_updated` event (`sendUpdatedUserEvent`), delivered at once to every
    /// client whose socket is up (logged in, awake and online).
    func broadcastUserUpdated(_ user: MattermostID) {
        for index in clients.records.indices where clients.records[index].token != nil && clients.records[index].state.hasNetwork {
            learnProfile(user, in: &clients.records[index])
        }
    }
}
