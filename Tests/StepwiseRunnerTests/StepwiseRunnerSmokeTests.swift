import Testing
@testable import StepwiseRunner

@Suite struct StepwiseRunnerSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
