import MattermostSteps
import SessionBackend
import StepwiseModel
import Testing

/// A run models the release each case was written for; `--option mattermost-current` the current
/// one; the items whose outcome differs say so.
@Suite("the release a run models")
struct VersionOptionTests {
    /// An expectation whose outcome differs between the release a case was written for and today's:
    /// the item the default run notes it on, and the item the current release fails with its message.
    struct Difference: Sendable, CustomTestStringConvertible {
        var key: String
        var notedAt: String
        var note: String
        var failsAt: String
        var failure: String
        var testDescription: String { "\(key) \(notedAt)" }
    }

    static let differences: [Difference] = [
        Difference(key: "MM-T936", notedAt: "1.e1", note: "Your password must be 8-72 characters long.",
                   failsAt: "1.e1", failure: "the open form showed \"Your password must be 8-72 characters long.\""),
        Difference(key: "MM-T928", notedAt: "1.e2", note: "An account with that email already exists.",
                   failsAt: "1.e2", failure: "showed \"An account with that email already exists.\""),
        Difference(key: "MM-T938", notedAt: "1.e3", note: "on current (main) an idle tab never notices by itself",
                   failsAt: "1.e1", failure: "60 s after the revoke: never sent to the login page"),
        Difference(key: "MM-T944", notedAt: "1.e2", note: "New messages cannot be posted.",
                   failsAt: "1.e2", failure: "You are viewing an archived channel with a deactivated user. New messages cannot be posted."),
        Difference(key: "MM-T1016", notedAt: "1.i3", note: "on current (main) Session Lengths counts hours",
                   failsAt: "1.i3", failure: "has no \"Session length for mobile apps (days):\": the page has \"Session Length Mobile (hours):\""),
    ]

    @Test("by default, the items whose outcome differs on today's release carry a version-difference note", arguments: differences)
    func notes(_ difference: Difference) async throws {
        let run = try await SpecRun.run([difference.key])
        #expect(run.outcome == .passed)
        let finished = try #require(run.itemsFinished.first { $0.itemID == difference.notedAt })
        #expect(finished.notes.contains { $0.contains("version difference") && $0.contains(difference.note) }, "\(finished.notes)")
    }

    @Test("with --option mattermost-current, the out-of-date expectations fail with today's behaviour", arguments: differences)
    func current(_ difference: Difference) async throws {
        let run = try await SpecRun.run([difference.key], options: [MattermostSteps.currentReleaseOption])
        #expect(run.outcome == .failed)
        let failure = try #require(run.firstFailure(of: difference.key))
        #expect(failure.itemID == difference.failsAt)
        #expect(failure.message?.contains(difference.failure) == true, "\(failure.message ?? "")")
    }

    @Test("cases whose expectations hold on both releases pass under --option mattermost-current too")
    func unchanged() async throws {
        let run = try await SpecRun.run(["MM-T924", "MM-T932", "MM-T2568"], options: [MattermostSteps.currentReleaseOption])
        #expect(run.outcome == .passed)
    }
}
