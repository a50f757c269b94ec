import StepwiseBinding
import StepwiseModel
import StepwiseRunner
import Testing

@Suite("Checks that record")
struct RecordingChecksTests {
    /// Three devices that reach the login page after 5 s, after 12 s, and never.
    static let devices: [(name: String, redirectedAt: Duration?)] = [("Chrome on Mac", .seconds(5)), ("Safari on iPhone", .seconds(12)), ("Edge on Windows", nil)]

    @Test("eventually over each device records one outcome per device in one shared window, and the step goes on after a failure")
    func eachDevice() async throws {
        let (code, events) = await run([makeCase("T-1", [([], ["every device is on the login page within 30 seconds"])])]) { steps in
            steps.check("every device is on the login page within {int} seconds") { (_, step, seconds: Int) in
                let times = try await step.eventually(
                    each: Self.devices, within: .seconds(seconds), every: .seconds(1), "the login page", label: { $0.name }
                ) { device in device.redirectedAt.map { step.elapsed >= $0 } ?? false }
                step.note("times: \(times.map { $0.map(DurationRange.format) ?? "never" })")
            }
        }
        #expect(code == RunOutcome.failed)
        let item = try #require(events.finishedItems.first)
        #expect(item.message == "Edge on Windows: still waiting for the login page after 30 s (checked every 1 s)")
        #expect(item.notes == ["times: [\"5 s\", \"12 s\", \"never\"]"])
        // One window for all three: 30 s of the case's time, not 5 + 12 + 30.
        #expect(abs(item.duration.virtual - 30) < 0.001)
        #expect(item.failureLocation?.file.hasSuffix("RecordingChecksTests.swift") == true)
    }

    @Test("eventually over each device passes when every device gets there, as soon as the last one does")
    func eachDevicePasses() async throws {
        let (code, events) = await run([makeCase("T-1", [([], ["every device is on the login page"])])]) { steps in
            steps.check("every device is on the login page") { _, step in
                try await step.eventually(each: Self.devices.dropLast(), within: .seconds(30), every: .seconds(1), label: { $0.name }) { device in
                    step.elapsed >= device.redirectedAt!
                }
            }
        }
        #expect(code == RunOutcome.passed)
        #expect(abs((events.finishedItems.first?.duration.virtual ?? 0) - 12) < 0.001)
    }

    @Test("a single eventually records its failure rather than throwing it, so the check goes on to look at the rest")
    func singleRecords() async throws {
        let (_, events) = await run([makeCase("T-1", [([], ["the redirect happens within 10 seconds"])])]) { steps in
            steps.check("the redirect happens within {int} seconds") { (_, step, seconds: Int) in
                let waited = try await step.eventually(within: .seconds(seconds), every: .seconds(1), "the redirect") { false }
                step.note("waited: \(waited.map(DurationRange.format) ?? "in vain")")
            }
        }
        let item = try #require(events.finishedItems.first)
        #expect(item.status == .failed)
        #expect(item.message == "still waiting for the redirect after 10 s (checked every 1 s)")
        #expect(item.notes == ["waited: in vain"])
    }

    @Test("several failures in one item read as the first in full, how many more, and each of the others as a note")
    func severalFailures() async throws {
        let (_, events) = await run([makeCase("T-1", [([], ["every session is revoked"])])]) { steps in
            steps.check("every session is revoked") { _, step in
                step.note("3 devices looked at")
                for device in ["Chrome on Mac", "Safari on iPhone", "Edge on Windows"] {
                    step.expect(false, "\(device) still has a valid session")
                }
            }
        }
        let item = try #require(events.finishedItems.first)
        #expect(item.status == .failed)
        #expect(item.message == "Chrome on Mac still has a valid session (and 2 more, in the notes)")
        #expect(item.notes == ["3 devices looked at", "✘ Safari on iPhone still has a valid session", "✘ Edge on Windows still has a valid session"])
    }

    @Test("failures recorded before a definition throws are kept, before the error that stopped it")
    func recordedThenThrown() async throws {
        let (_, events) = await run([makeCase("T-1", [([], ["every session is revoked"])])]) { steps in
            steps.check("every session is revoked") { _, step in
                step.fail("Chrome on Mac still has a valid session")
                throw StepFailure("the server is down")
            }
        }
        let item = try #require(events.finishedItems.first)
        #expect(item.message == "Chrome on Mac still has a valid session (and 1 more, in the notes)")
        #expect(item.notes == ["✘ the server is down"])
    }
}
