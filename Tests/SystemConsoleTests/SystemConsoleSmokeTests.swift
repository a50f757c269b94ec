import Testing
@testable import SystemConsole

@Suite struct SystemConsoleSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
