/// An interaction a user makes in a client; each is a REST call with the client's session.
public enum Interaction: Hashable, Sendable {
    /// Switch to a channel of the current team (`GET /channels/{id}/posts`, view channel).
    case switchChannel(to: String)
    /// Post a message (`POST /posts`).
    case post(String)
    /// Open a menu that loads data (`GET /users/me/...`).
    case openMenu
}
