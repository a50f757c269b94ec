import Foundation
import MattermostSteps
import SessionBackend
import StepwiseBinding
import StepwiseModel
import SystemConsole
import Testing

@Suite("MM-T938 and MM-T940 over the Mattermost fakes")
struct MattermostStepsTests {
    @Test("all ten specs pass under --strict with every item run, none manual or undefined")
    func greenRun() async throws {
        let run = try await SpecRun.run(SpecRun.allKeys)
        #expect(run.outcome == .passed)
        let items = run.itemsFinished
        // MM-T938, MM-T940, MM-T924, MM-T928, MM-T932, MM-T936, MM-T944, MM-T1016, MM-T2568, MM-T4048.
        let perCase: [Int] = [7, 11, 2, 3, 5, 7, 7, 7, 1, 7]
        #expect(items.count == perCase.reduce(0, +))
        for item in items {
            #expect(item.status == .passed, "\(item.caseID) \(item.itemID): \(item.status) \(item.message ?? "")")
        }
        for bound in run.bound {
            for item in bound.steps.flatMap(\.items) {
                #expect(item.staticStatus == nil, "\(bound.caseID) \(item.plan.itemID) is \(String(describing: item.staticStatus))")
            }
        }
    }

    @Test("every redirect time is reported on the item and inside the window the text states")
    func redirectNotes() async throws {
        let run = try await SpecRun.run(["MM-T938"])
        let e1 = try #require(run.itemsFinished.first { $0.itemID == "1.e1" })
        let redirects = e1.notes.filter { $0.contains(": redirected to /login") }
        #expect(redirects.count == 10)
        #expect(e1.notes.contains { $0.contains("Chrome on Mac (idle), samuel.email by email/password: redirected to /login?redirect_to=%2Fad-1%2Fchannels%2Ftown-square&extra=expired after ") })
        let e2 = try #require(run.itemsFinished.first { $0.itemID == "1.e2" })
        #expect(e2.notes.filter { $0.contains("at once when the user") }.count == 3)
        let summary = try #require(run.summaries["MM-T938"])
        let untouched = summary.redirects.filter { !summary.interactionLabels.contains($0.device) }
        #expect(untouched.count == 7)
        for (device, after) in summary.redirects {
            let after = try #require(after, "\(device) was never redirected")
            #expect(after <= .milliseconds(37_500), "\(device) took \(after)")
        }
        // The run spans the idle clients' window on virtual time.
        let finished = try #require(run.events.compactMap { if case .caseFinished(let c) = $0 { c } else { nil } }.first)
        #expect(finished.duration.virtual > 20 && finished.duration.virtual < 60)
    }

    @Test("the variants the text names are all exercised: devices, browsers, postures, methods")
    func variants() async throws {
        let run = try await SpecRun.run(["MM-T938", "MM-T940"])
        for key in ["MM-T938", "MM-T940"] {
            let summary = try #require(run.summaries[key])
            var browsers: Set<Browser> = []
            var systems: Set<DesktopOS> = []
            var phones: Set<String> = []
            var desktopApps = 0
            for kind in summary.kinds {
                switch kind {
                case .browser(let browser, let os): browsers.insert(browser); systems.insert(os)
                case .desktopApp(let os): desktopApps += 1; systems.insert(os)
                case .mobileApp(let os, let generation): phones.insert("\(os.rawValue) \(generation.rawValue)")
                }
            }
            #expect(browsers == Set(Browser.allCases), "\(key)")
            #expect(systems == [.mac, .windows], "\(key)")
            #expect(desktopApps == 2, "\(key)")
            #expect(phones == ["iOS RN", "iOS Classic", "Android RN", "Android Classic"], "\(key)")
            #expect(Set(summary.postures) == ["idle", "asleep", "unlocked", "screen locked"], "\(key)")
            #expect(Set(summary.methods) == ["email/password", "SAML", "LDAP", "OAuth (GitLab)"], "\(key)")
        }
        let interacting = try #require(run.summaries["MM-T938"]).interactions
        #expect(interacting.contains { $0.isMobile } && interacting.contains { !$0.isMobile })
        #expect(try #require(run.summaries["MM-T940"]).interactions.isEmpty, "MM-T940 expects logouts without interaction")
    }

    struct Catch: Sendable, CustomTestStringConvertible {
        /// The fault's `--fault` name: the backend's or the console's.
        var fault: String
        var caseID: String
        var itemID: String
        var itemText: String
        var message: String
        var testDescription: String { fault }
        var stepID: String { String(itemID.prefix { $0 != "." }) }

        init(fault: PlantedFault, caseID: String, itemID: String, itemText: String, message: String) {
            self.init(name: fault.name, caseID: caseID, itemID: itemID, itemText: itemText, message: message)
        }

        init(fault: ConsoleFault, caseID: String, itemID: String, itemText: String, message: String) {
            self.init(name: fault.name, caseID: caseID, itemID: itemID, itemText: itemText, message: message)
        }

        private init(name: String, caseID: String, itemID: String, itemText: String, message: String) {
            (self.fault, self.caseID, self.itemID, self.itemText, self.message) = (name, caseID, itemID, itemText, message)
        }

        /// The run's first failure of the case is this item, with this text and message.
        func expectCaught(by run: SpecRun) throws {
            let failure = try #require(run.firstFailure(of: caseID))
            #expect(failure.stepID == stepID)
            #expect(failure.itemID == itemID)
            #expect(run.text(of: caseID, item: failure.itemID) == itemText)
            let message = try #require(failure.message)
            #expect(message.contains(self.message), "\(message)")
        }
    }

    static let catches: [Catch] = [
        Catch(fault: .revokeLeavesMobileSessions, caseID: "MM-T938", itemID: "1.e1",
              itemText: "Other users' sessions are all revoked; user is redirected to login page, either:",
              message: "iOS RN app (unlocked), samuel.ldap by LDAP still has a valid session 0 s after Revoke Sessions: GET /api/v4/users/me returned 200"),
        Catch(fault: .sessionCacheNotInvalidated, caseID: "MM-T938", itemID: "1.e1",
              itemText: "Other users' sessions are all revoked; user is redirected to login page, either:",
              message: "Chrome on Mac (idle), samuel.email by email/password still has a valid session 0 s after Revoke Sessions: GET /api/v4/users/me returned 200"),
        Catch(fault: .idleClientsNeverNotice, caseID: "MM-T938", itemID: "1.e1",
              itemText: "Other users' sessions are all revoked; user is redirected to login page, either:",
              message: "Chrome on Mac (idle), samuel.email by email/password is still on /ad-1/channels/town-square 60 s after the revoke: never sent to the login page"),
        Catch(fault: .loginAfterRevokeFails, caseID: "MM-T938", itemID: "1.e4",
              itemText: "Other user can successfully log back in (test on at least one)",
              message: "samuel.email could not log back in on Chrome on Mac (idle) by email/password"),
        Catch(fault: .consoleRevokesWrongUser, caseID: "MM-T938", itemID: "1.e1",
              itemText: "Other users' sessions are all revoked; user is redirected to login page, either:",
              message: "sarah.ellis, who was not chosen, lost the session on Chrome on Linux 0 s after Revoke Sessions (GET /api/v4/users/me returned 401): the wrong user's sessions were revoked"),
        Catch(fault: .nonAdminCanRevokeAdmin, caseID: "MM-T938", itemID: "1.i3",
              itemText: "Find the other user you've logged in with multiple sessions ➜ user drop-down ➜ Revoke Sessions",
              message: "a user manager (uma.manager, not a system admin) can act on system admin sysadmin: the System Admin drop-down is enabled"),
        Catch(fault: .cancelStillRevokes, caseID: "MM-T940", itemID: "1.i5",
              itemText: "Click on Cancel in the message and check if no sessions are deactivated.",
              message: "Chrome on Mac (idle), samuel.email by email/password lost its session although nothing was confirmed: GET /api/v4/users/me returned 401"),
        Catch(fault: .usersListCountStuck, caseID: "MM-T924", itemID: "1.e1",
              itemText: "Can page through several pages of users, count at top changes appropriately, can page backward as well",
              message: "the count at the top read \"1 - 50 users of 125 total\" where \"51 - 100 users of 125 total\" was due"),
        Catch(fault: .duplicateEmailAccepted, caseID: "MM-T928", itemID: "1.e2",
              itemText: "Email address already in use: \"This email is already taken. Please choose another.\"",
              message: "the admin's address showed no message, not \"This email is already taken. Please choose another.\""),
        Catch(fault: .passwordResetKeepsOldPassword, caseID: "MM-T932", itemID: "1.e1",
              itemText: "After step 2: Log out other user, old pwd doesn't work, new one does",
              message: "the old password still signs in after the password was changed"),
        Catch(fault: .ownPasswordSkipsCurrentCheck, caseID: "MM-T936", itemID: "1.i5",
              itemText: "Click Save, observe error \"Please enter your current password.\"",
              message: "not \"Please enter your current password.\""),
        Catch(fault: .deactivationNotBroadcast, caseID: "MM-T944", itemID: "1.e1",
              itemText: "DM channel immediately changes to archive icon in LHS",
              message: "right after Deactivate, Chrome on Mac (idle)'s LHS still shows @dana.dm with the avatar, not the archive icon"),
        Catch(fault: .mobileSessionLengthIgnored, caseID: "MM-T1016", itemID: "1.e1",
              itemText: "Session expiry notification received on both Android and iOS",
              message: "received no session expiry notification 1 d 10 min after signing in (its session expires 30 d after sign-in)"),
        Catch(fault: .extendOffOnNewInstall, caseID: "MM-T2568", itemID: "1.e1",
              itemText: "\"ServiceSettings.ExtendSessionLengthWithActivity\" is true for new installation",
              message: "ServiceSettings.ExtendSessionLengthWithActivity is false on a new installation of v5.24, not true"),
        Catch(fault: .sessionNotExtendedOnActivity, caseID: "MM-T4048", itemID: "1.e1",
              itemText: "User session should not have expired at the 24th hour mark due to the post made in step 3.",
              message: "the session had expired: Android RN app (unlocked) signed in, posted at 0 s and 15 min, checked 1 d 15 min after signing in"),
        Catch(fault: .sessionExtendedWhenDisabled, caseID: "MM-T4048", itemID: "2.e1",
              itemText: "User session should have expired at the 24th hour mark even with a user activity of post made in step 3.",
              message: "the session had not expired: Android RN app (unlocked) signed in, posted at 0 s and 15 min, checked 1 d 15 min after signing in, with \"Extend session length with activity\" off"),
    ]

    @Test("every planted fault turns a spec red at the item that catches it", arguments: catches)
    func faultIsCaught(_ expected: Catch) async throws {
        let run = try await SpecRun.run([expected.caseID], options: [expected.fault])
        #expect(run.outcome == .failed)
        try expected.expectCaught(by: run)
        // Nothing before the catching item failed.
        let before = run.itemsFinished.prefix { $0.itemID != expected.itemID }
        #expect(before.allSatisfy { $0.status == .passed })
    }

    @Test("every fault of the backend and of the console is offered as a --fault option, with its summary")
    func faultOptions() {
        let options = MattermostSteps().options
        for fault in PlantedFault.allCases {
            #expect(options.contains(StepOption.fault(fault.name, fault.summary)))
        }
        for fault in ConsoleFault.allCases {
            #expect(options.contains(StepOption.fault(fault.name, fault.summary)))
        }
        #expect(options.contains { $0.name == MattermostSteps.currentConsoleOption && $0.kind == .option })
    }

    @Test("the current console's longer revoke-all message fails MM-T940's quoted text")
    func currentConsoleDrift() async throws {
        let run = try await SpecRun.run(["MM-T940"], options: [MattermostSteps.currentConsoleOption])
        #expect(run.outcome == .failed)
        let failure = try #require(run.firstFailure(of: "MM-T940"))
        #expect(failure.itemID == "1.e1")
        #expect(failure.message?.contains("including your session") == true)
    }

    @Test("two runs of MM-T938 report the same notes, session ids included")
    func repeatableNotes() async throws {
        let first = try await SpecRun.run(["MM-T938"]).itemsFinished.map(\.notes)
        let second = try await SpecRun.run(["MM-T938"]).itemsFinished.map(\.notes)
        #expect(first.joined().contains { $0.contains("session ") })
        #expect(first == second)
    }
}
