import Testing
@testable import SessionBackend

@Suite struct IdentifierSeedTests {
    /// A user signed in on a phone: a user id, a session id, a token, a CSRF token and a device id.
    func identifiers(seed: UInt64?) async throws -> [String] {
        let backend = makeImmediateBackend { $0.identifierSeed = seed }
        let user = await backend.createUser(NewUser(username: "ann"))
        let phone = try await backend.openClient(.mobileApp(.iOS, .reactNative))
        let login = try await backend.signIn(phone, username: "ann").get()
        let session = try #require(await backend.storedSessions(ofUser: user.id).first)
        return [user.id, login.token, session.id, session.props["csrf"] ?? "", session.deviceID]
    }

    @Test("with an identifier seed, two backends hand out the same ids, tokens and device ids")
    func seededIsRepeatable() async throws {
        let first = try await identifiers(seed: 7)
        #expect(try await identifiers(seed: 7) == first)
        #expect(try await identifiers(seed: 8) != first)
        #expect(Set(first).count == first.count)
    }

    @Test("without one, ids come from the secure generator and differ between backends")
    func unseededIsRandom() async throws {
        #expect(try await identifiers(seed: nil) != identifiers(seed: nil))
    }
}
