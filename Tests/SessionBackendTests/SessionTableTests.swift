@testable import SessionBackend
import Testing

/// The Sessions table's packed rows and token index.
@Suite struct SessionTableTests {
    static func record(_ number: UInt64) -> SessionRecord {
        let id = MattermostID(high: number, low: 1)
        return SessionRecord(id: id, token: MattermostID(high: number, low: 2), userID: MattermostID(high: 7, low: 7),
                             createAt: .seconds(number), expiresAt: .seconds(number) + .seconds(100 * 365 * 86_400),
                             lastActivityAt: .milliseconds(1500), roleSet: 0, kind: nil, isMobile: false, isSaml: false,
                             isOAuthUser: false, isGuest: false, csrf: id, cachedUntil: .seconds(600))
    }

    @Test("removing a row moves the last one into its place and every other token still finds its own row")
    func removalKeepsTheIndex() {
        var table = SessionTable()
        for number in 1...5 { table[Self.record(UInt64(number)).token] = Self.record(UInt64(number)) }
        #expect(table.removeValue(forKey: Self.record(2).token)?.createAt == .seconds(2))
        #expect(table.removeValue(forKey: Self.record(2).token) == nil)
        table[Self.record(5).token] = nil
        #expect(table.count == 3)
        for number in [1, 3, 4] { #expect(table[Self.record(UInt64(number)).token]?.createAt == .seconds(Int64(number))) }
        #expect(table[Self.record(5).token] == nil)
        #expect(Set(table.keys) == Set([1, 3, 4].map { Self.record(UInt64($0)).token }))
    }

    @Test("a record keeps its instants to the nanosecond, a 100-year expiry included, in 112 bytes")
    func compactRecord() {
        var record = Self.record(3)
        #expect(record.expiresAt == .seconds(3 + 100 * 365 * 86_400))
        #expect(record.lastActivityAt == .milliseconds(1500))
        record.cachedUntil = .nanoseconds(1_234_567_891)
        #expect(record.cachedUntil == .nanoseconds(1_234_567_891))
        #expect(MemoryLayout<SessionRecord>.stride <= 112)
    }
}
