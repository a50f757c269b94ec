import Testing
@testable import StepwiseParsing

@Suite struct StepwiseParsingSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
