import Testing
@testable import StepwiseBinding

@Suite struct StepwiseBindingSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
