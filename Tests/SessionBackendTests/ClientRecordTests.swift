import Testing

@testable import SessionBackend

@Suite("A client's record")
struct ClientRecordTests {
    @Test("its status names the session and the user it holds now, after every change of either")
    func statusFollowsTokenAndUser() {
        var record = ClientRecord(
            id: ClientID(value: 1), kind: .browser(.chrome, on: .mac), generator: SeededGenerator(seed: 7), deviceID: "d",
            path: "ad-1/channels/town-square", location: "/login")
        #expect(record.status.token == nil && record.status.userID == nil)
        let (token, user, other) = (MattermostID.random(), MattermostID.random(), MattermostID.random())
        record.token = token
        record.userID = user
        #expect(record.status.token == token.description)
        #expect(record.status.userID == user.description)
        record.token = other
        #expect(record.status.token == other.description)
        record.token = nil
        #expect(record.status.token == nil)
        #expect(record.status.userID == user.description)
    }
}
