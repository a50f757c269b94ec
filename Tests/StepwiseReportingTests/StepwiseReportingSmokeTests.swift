import Testing
@testable import StepwiseReporting

@Suite struct StepwiseReportingSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
