import Foundation
import Testing

@testable import StepwiseModel

@Suite("Event stream")
struct EventStreamTests {
    static let location = SourceLocation(file: "specs/MM-T938.md", line: 22)

    static let plan = CasePlan(
        key: "MM-T938", title: "Users - Revoke a user's sessions", folder: ["Suite", "Users"], format: .zephyrMarkdown,
        location: location,
        steps: [
            StepPlan(
                stepID: "1", number: "1", location: location,
                items: [
                    ItemPlan(
                        itemID: "1.i1", kind: .instruction, text: "Log on", context: ["Mobile"], location: location,
                        binding: .matched(.init(expression: "log on", location: SourceLocation(file: "Steps.swift", line: 9))))
                ])
        ])

    static let events: [Event] = [
        .runStarted(
            .init(
                runID: "r1", startedAt: Date(timeIntervalSince1970: 1_700_000_000), tool: "stepwise 0.1.0", cases: 1,
                jobs: 2, clock: .virtual, strict: true)),
        .caseStarted(.init(runID: "r1", caseID: "MM-T938", attempt: 1, plan: plan, at: 0.001)),
        .itemFinished(
            .init(
                caseID: "MM-T938", stepID: "1", itemID: "1.i1", attempt: 1, status: .failed,
                at: Timing(wall: 0.002, virtual: 29.7), duration: Timing(wall: 0.001, virtual: 29.7),
                message: "still logged in", notes: ["Chrome on Mac: redirected after 7.4 s"])),
        .runFinished(
            .init(
                runID: "r1", status: .failed, counts: ["failed": 1], flaky: 0, duration: Timing(wall: 0.01, virtual: 29.7),
                exitCode: 1)),
    ]

    @Test("every event is one line with the schema version and its kind, and reads back the same")
    func roundTrip() throws {
        let lines = try Self.events.map { try EventStream.line(for: $0) }
        for (line, event) in zip(lines, Self.events) {
            #expect(!line.contains("\n"))
            #expect(line.contains("\"schema\":1"))
            #expect(line.contains("\"kind\":\"\(event.kind)\""))
        }
        #expect(try EventStream.events(from: lines.joined(separator: "\n") + "\n") == Self.events)
    }

    @Test("a kind this version does not know is kept as unknown, not an error")
    func unknownKinds() throws {
        let events = try EventStream.events(from: #"{"schema":2,"kind":"attachmentAdded","name":"x"}"# + "\n\n")
        #expect(events == [.unknown(kind: "attachmentAdded")])
    }

    @Test("a line that is not an event is reported with its line number")
    func badLine() {
        #expect {
            _ = try EventStream.events(from: "\nnot json\n")
        } throws: { error in
            (error as? EventStream.ReadError)?.line == 2
        }
    }

    @Test("a case is named by its key and title, as CI tools show it; a location as file:line:column")
    func names() {
        #expect(Self.plan.displayName == "MM-T938: Users - Revoke a user's sessions")
        #expect(SourceLocation(file: "a.md", line: 3, column: 7).description == "a.md:3:7")
    }

    @Test("the run's clock is written by its stable name, and a name no version wrote is an error")
    func clockNames() throws {
        let started = Event.RunStarted(
            runID: "r", startedAt: Date(timeIntervalSince1970: 0), tool: "t", cases: 0, jobs: 1, clock: .real, strict: false)
        let line = try EventStream.line(for: .runStarted(started))
        #expect(line.contains(#""clock":"real""#))
        #expect(ClockKind.allCases.map(\.rawValue) == ["virtual", "real", "mixed"])
        #expect(ClockKind.runnable == [.virtual, .real])
        #expect(throws: (any Error).self) {
            try EventStream.events(from: line.replacingOccurrences(of: #""clock":"real""#, with: #""clock":"sundial""#))
        }
    }
}
