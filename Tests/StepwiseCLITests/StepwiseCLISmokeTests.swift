import Testing
@testable import StepwiseCLI

@Suite struct StepwiseCLISmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
