import Testing
@testable import MattermostSteps

@Suite struct MattermostStepsSmokeTests {
    @Test("the module links") func links() { #expect(Bool(true)) }
}
