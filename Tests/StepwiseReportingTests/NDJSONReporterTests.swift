import Foundation
import StepwiseModel
import Testing

@testable import StepwiseReporting

@Suite("The event stream's writer")
struct NDJSONReporterTests {
    @Test("every event of a recorded run is written as the bytes JSONEncoder writes for it", arguments: ["mixed-run.ndjson", "shard-2.ndjson"])
    func sameBytesAsJSONEncoder(fixture: String) throws {
        let events = try ReportFixtures.events(fixture)
        #expect(Set(events.map(\.kind)).count >= 8)
        let encoder = EventStream.makeEncoder()
        for event in events {
            let expected = String(decoding: try encoder.encode(event), as: UTF8.self)
            #expect(String(decoding: try event.jsonLine(), as: UTF8.self) == expected)
        }
    }

    /// Every kind of event, with each optional field set and left out, each kind of binding, and
    /// strings, numbers and dates that need care.
    static var everyShapeOfEvent: [Event] {
        let here = SourceLocation(file: "specs/MM-T1 \"é\".md", line: 3, column: 7)
        let definition = SourceLocation(file: "Steps/Sign in.swift", line: 42)
        let bindings: [BindingInfo] = [
            .matched(.init(expression: "sign in as {word}", location: definition, arguments: ["admin"])),
            .matched(
                .init(
                    expression: "open the page", location: definition, arguments: [],
                    phrases: [.init(expression: "open", location: definition), .init(expression: "the page", location: here)])),
            .manual(.init(expression: "look at it", location: definition)),
            .undefined(snippet: "steps.action(\"tap \\\"OK\\\"\") { world, step in\n}"),
            .ambiguous([.init(expression: "a", location: definition), .init(expression: "b", location: here)]),
            .ambiguous([]),
        ]
        let items = bindings.enumerated().map { index, binding in
            ItemPlan(
                itemID: "1.i\(index + 1)", kind: index % 2 == 0 ? .instruction : .expectation, text: "tab\there/there ➜ 中文",
                context: index == 0 ? [] : ["Given", "the \u{1} line"], location: here, binding: binding)
        }
        let plan = CasePlan(
            key: "MM-T1", title: "Sign in", folder: ["Suite", "Users"], labels: ["a", "b"], priority: "High", status: nil,
            format: .mattermostMarkdown, location: here,
            steps: [
                StepPlan(stepID: "1", number: "1", call: CaseCall(key: "MM-T2", name: "Setup"), location: here, items: items),
                StepPlan(stepID: "2", number: "2", call: CaseCall(key: "MM-T3"), location: here, items: []),
                StepPlan(stepID: "3", number: "3", location: here, items: Array(items.prefix(1))),
            ])
        let unlisted = CasePlan(key: "MM-T4", title: "", format: .zephyrJSON, location: here, steps: [])
        let timing = Timing(wall: 0.003450706, virtual: 30)
        let diagnostics = [
            Diagnostic(.error, "no definition covers \"x\"", at: here, hint: "write one", code: .runNothingSelected),
            Diagnostic(.note, "a note", at: nil),
        ]
        return [
            .runStarted(.init(runID: "r", startedAt: Date(timeIntervalSince1970: 1_700_000_000.5), tool: "stepwise 1", cases: 2, jobs: 1, clock: .virtual, strict: true)),
            .runStarted(.init(runID: "r", startedAt: Date(timeIntervalSince1970: -86_400), tool: "", cases: 0, jobs: 8, clock: .real, strict: false)),
            .diagnostic(.init(runID: "r", caseID: "MM-T1", diagnostic: diagnostics[0], sourceLine: "| 1 | x |")),
            .diagnostic(.init(runID: "r", diagnostic: diagnostics[1])),
            .caseStarted(.init(runID: "r", caseID: "MM-T1", attempt: 1, plan: plan, at: 0.1)),
            .caseStarted(.init(runID: "r", caseID: "MM-T4", attempt: 2, plan: unlisted, at: 1e-7)),
            .stepStarted(.init(caseID: "MM-T1", stepID: "1", attempt: 1, at: timing)),
            .itemStarted(.init(caseID: "MM-T1", stepID: "1", itemID: "1.i1", attempt: 1, at: .zero)),
            .itemFinished(
                .init(
                    caseID: "MM-T1", stepID: "1", itemID: "1.i1", attempt: 1, status: .failed, at: timing, duration: timing,
                    message: "expected 200, got 401", failureLocation: definition, notes: ["one", "two \\ three"])),
            .itemFinished(.init(caseID: "MM-T1", stepID: "1", itemID: "1.e1", attempt: 1, status: .passed, at: timing, duration: .zero)),
            .stepFinished(.init(caseID: "MM-T1", stepID: "1", attempt: 1, status: .skipped, at: timing, duration: timing)),
            .caseFinished(.init(caseID: "MM-T1", attempt: 1, status: .failed, flaky: true, willRetry: true, at: 123_456_789.123, duration: timing, message: "m")),
            .caseFinished(.init(caseID: "MM-T1", attempt: 2, status: .passed, at: 0, duration: timing)),
            .runFinished(.init(runID: "r", status: .failed, counts: ["passed": 1, "failed": 2, "ambiguous": 0], flaky: 1, duration: timing, exitCode: 2)),
            .runFinished(.init(runID: "r", status: .passed, counts: [:], flaky: 0, duration: .zero, exitCode: 0)),
            .unknown(kind: "laterKind"),
        ]
    }

    @Test("every kind of event, each optional field set and unset and each kind of binding, is written as JSONEncoder writes it")
    func everyShapeAsJSONEncoder() throws {
        let encoder = EventStream.makeEncoder()
        for event in Self.everyShapeOfEvent {
            let expected = String(decoding: try encoder.encode(event), as: UTF8.self)
            #expect(String(decoding: try event.jsonLine(), as: UTF8.self) == expected)
        }
    }

    @Test("an event holding a number JSON cannot hold is an error, as with JSONEncoder")
    func eventWithInfinityIsAnError() {
        let event = Event.stepStarted(.init(caseID: "c", stepID: "1", attempt: 1, at: Timing(wall: .infinity, virtual: 0)))
        #expect(throws: EncodingError.self) { try event.jsonLine() }
        #expect(throws: EncodingError.self) { try EventStream.makeEncoder().encode(event) }
    }

    @Test("keys sort in byte order and strings, numbers and dates are written as JSONEncoder writes them")
    func edgeValues() throws {
        let text = "a/b \"quoted\" \\ \u{1}\u{8}\u{C}\n\r\t\u{1F}\u{7F}\u{2028} é ➜ 中文"
        let counts = ["b": 1, "B": 2, "a10": 3, "a9": 4, "_x": 5, "é": 6, "ß": 7, "caseID": 8, "cases": 9, text: .min, "max": .max]
        let doubles: [Double] = [
            0, 1, -1, 0.1, 1e-7, 0.003450706, 123_456_789.123, 1e21, 12_345_678_901_234_567_168, .leastNonzeroMagnitude, 1.0 / 3, -0.0,
        ]
        var events: [Event] = [.runFinished(.init(runID: text, status: .passed, counts: counts, flaky: -1, duration: .zero, exitCode: .min))]
        for (wall, virtual) in zip(doubles, doubles.reversed()) {
            events.append(.stepStarted(.init(caseID: text, stepID: "1", attempt: .max, at: Timing(wall: wall, virtual: virtual))))
        }
        let encoder = EventStream.makeEncoder()
        for event in events {
            #expect(String(decoding: try event.jsonLine(), as: UTF8.self) == String(decoding: try encoder.encode(event), as: UTF8.self))
        }
    }

    @Test("a character to escape is found at every offset of a long string, and high bytes never pass for one")
    func escapesAtEveryOffset() throws {
        let encoder = EventStream.makeEncoder()
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "é", "➜", "\u{7F}", " "] {
            for offset in 0..<20 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "ü", count: 9) + "x"
                let event = Event.runStarted(
                    .init(runID: text, startedAt: Date(timeIntervalSince1970: 0), tool: "t", cases: 1, jobs: 1, clock: .virtual, strict: false))
                #expect(String(decoding: try event.jsonLine(), as: UTF8.self) == String(decoding: try encoder.encode(event), as: UTF8.self))
            }
        }
    }

    @Test("dates are written as JSONEncoder writes them, to the second below, across leap days, centuries and before 1970")
    func dates() throws {
        var dates = [0, -0.5, -86_400, -1e9, 951_782_400, 951_868_799.999, 1_709_164_800, 4_107_542_400, 4_102_444_800.75]
            .map(Date.init(timeIntervalSince1970:))
        dates += stride(from: -2e9, through: 4e9, by: 12_345_678.9).map(Date.init(timeIntervalSince1970:))
        let encoder = EventStream.makeEncoder()
        for date in dates {
            let event = Event.runStarted(.init(runID: "r", startedAt: date, tool: "t", cases: 1, jobs: 1, clock: .virtual, strict: false))
            #expect(String(decoding: try event.jsonLine(), as: UTF8.self) == String(decoding: try encoder.encode(event), as: UTF8.self))
        }
    }
}
