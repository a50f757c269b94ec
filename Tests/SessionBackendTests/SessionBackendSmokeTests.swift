import Testing
@testable import SessionBackend

@Suite struct SessionBackendSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
