import MattermostSteps
import SessionBackend
import StepwiseModel
import Testing

/// A run models the release each case was written for; `--option mattermost-current` the current
/// one; the items whose outcome differs say so.
@Suite("the release a run models")
struct VersionOptionTests {
    @Test("by default, the items whose outcome differs on today's release carry a version-difference note", arguments: [
        ("MM-T936", "1.e1", "Your password must be 8-72 characters long."),
        ("MM-T928", "1.e2", "An account with that email already exists."),
        ("MM-T938", "1.e3", "on current (main) an idle tab never notices by itself"),
        ("MM-T944", "1.e2", "New messages cannot be posted."),
        ("MM-T1016", "1.i3", "on current (main) Session Lengths counts hours"),
    ])
    func notes(_ key: String, _ item: String, _ text: String) async throws {
        let run = try await SpecRun.run([key])
        #expect(run.outcome == .passed)
        let finished = try #require(run.itemsFinished.first { $0.itemID == item })
        #expect(finished.notes.contains { $0.contains("version difference") && $0.contains(text) }, "\(finished.notes)")
    }

    @Test("with --option mattermost-current, the out-of-date expectations fail with today's behaviour", arguments: [
        ("MM-T936", "1.e1", "the open form showed \"Your password must be 8-72 characters long.\""),
        ("MM-T928", "1.e2", "showed \"An account with that email already exists.\""),
        ("MM-T938", "1.e1", "60 s after the revoke: never sent to the login page"),
        ("MM-T944", "1.e2", "You are viewing an archived channel with a deactivated user. New messages cannot be posted."),
        ("MM-T1016", "1.i3", "has no \"Session length for mobile apps (days):\": the page has \"Session Length Mobile (hours):\""),
    ])
    func current(_ key: String, _ item: String, _ message: String) async throws {
        let run = try await SpecRun.run([key], options: [MattermostSteps.currentReleaseOption])
        #expect(run.outcome == .failed)
        let failure = try #require(run.firstFailure(of: key))
        #expect(failure.itemID == item)
        #expect(failure.message?.contains(message) == true, "\(failure.message ?? "")")
    }

    @Test("cases whose expectations hold on both releases pass under --option mattermost-current too")
    func unchanged() async throws {
        let run = try await SpecRun.run(["MM-T924", "MM-T932", "MM-T2568"], options: [MattermostSteps.currentReleaseOption])
        #expect(run.outcome == .passed)
    }
}
