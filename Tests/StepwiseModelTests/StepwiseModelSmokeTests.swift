import Testing
@testable import StepwiseModel

@Suite struct StepwiseModelSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
