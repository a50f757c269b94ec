import StepwiseModel

/// What a definition gets besides its world: the item it runs for, its sub-items, the case's clock,
/// and a place to record notes and failures.
///
/// A context lives for one item (or one hook) inside one case; do not keep it.
public final class StepContext {
    /// The item's text as written in the export.
    public let text: String
    /// The key of the case, such as `MM-T938`.
    public let caseKey: String
    /// The instruction, when an action runs.
    public let instruction: Instruction?
    /// The expectation, when a check runs.
    public let expectation: Expectation?
    /// The values the expression captured, in order (`Int`, `String`, `[String]`, `Duration`, ``DurationRange``...).
    public let arguments: [any Sendable]
    /// How the run was asked to behave: the selected options and faults, and the clock.
    public let configuration: RunConfiguration
    let clockControl: ClockControl

    package private(set) var issues: [StepFailure] = []
    package private(set) var notes: [String] = []

    package init(
        text: String, caseKey: String, instruction: Instruction? = nil, expectation: Expectation? = nil,
        arguments: [any Sendable] = [], configuration: RunConfiguration, clock: ClockControl
    ) {
        self.text = text
        self.caseKey = caseKey
        self.instruction = instruction
        self.expectation = expectation
        self.arguments = arguments
        self.configuration = configuration
        self.clockControl = clock
    }

    /// The texts of the nested items: an instruction's variants ("Mobile apps can have screen
    /// locked or not") or an expectation's sub-items, depth first.
    public var subItems: [String] {
        if let instruction { return StepContextTexts.flatten(instruction.subItems) }
        if let expectation { return StepContextTexts.flatten(expectation.subItems) }
        return []
    }

    /// Lines attached to the instruction, such as "Examples: Mac, Windows, iOS".
    public var instructionNotes: [String] { instruction?.notes ?? [] }

    /// The case's clock, for fakes and for code that needs to sleep on the case's time.
    public var clock: any Clock<Duration> { clockControl.clock }

    /// Time on the case's clock since the case started.
    public var elapsed: Duration { clockControl.elapsed() }

    /// The captured value at `index` as `T`, or a failure naming what it is.
    public func argument<T>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard arguments.indices.contains(index) else {
            throw StepFailure(message: "the expression captured \(arguments.count) value(s), not \(index + 1)", location: nil)
        }
        guard let value = arguments[index] as? T else {
            throw StepFailure(
                message: "argument \(index + 1) is \(Swift.type(of: arguments[index])), not \(T.self)", location: nil)
        }
        return value
    }

    /// Adds a line to the item's report ("Chrome on Mac: redirected after 7.4 s").
    public func note(_ line: String) { notes.append(line) }

    /// Records a failure and goes on; the item fails when it ends.
    public func fail(_ message: String, fileID: String = #fileID, line: Int = #line) {
        issues.append(StepFailure(message, fileID: fileID, line: line))
    }

    /// Records a failure when `condition` is false.
    public func expect(
        _ condition: Bool, _ message: @autoclosure () -> String, fileID: String = #fileID, line: Int = #line
    ) {
        if !condition { fail(message(), fileID: fileID, line: line) }
    }

    /// Moves the case's time on: instantly on the virtual clock (running every timer due on the
    /// way, in order), by sleeping on the real one. A negative duration fails the item at the
    /// caller's line (time never runs back), rather than stopping the whole run.
    public func advance(by duration: Duration, fileID: String = #fileID, line: Int = #line) async throws {
        guard duration >= .zero else {
            throw StepFailure("the case's clock cannot move back (advance by \(duration))", fileID: fileID, line: line)
        }
        try await clockControl.advance(duration)
    }

    /// Polls `condition` until it holds, moving the case's clock on by `interval` between polls,
    /// and returns the time it took. When `deadline` passes first it records a failure (the item
    /// fails when it ends, the step goes on) and returns `nil`.
    ///
    /// Use the upper bound the text states: "after ~2-30 seconds" polls for up to 30 s. `what`
    /// names what is awaited, as in "still waiting for the redirect after 30 s".
    @discardableResult
    public func eventually(
        within deadline: Duration, every interval: Duration = .milliseconds(100), _ what: String = "the condition",
        fileID: String = #fileID, line: Int = #line, _ condition: () async throws -> Bool
    ) async throws -> Duration? {
        try await eventually(
            each: [()], within: deadline, every: interval, what, label: { _ in nil }, fileID: fileID, line: line
        ) { _ in try await condition() }[0]
    }

    /// `eventually` for several subjects at once (each device, each user) over one window of the
    /// case's time: polls every subject still waiting at each tick, and records one outcome per
    /// subject: the time it took, or a failure naming it ("Chrome on Mac: still waiting for the
    /// redirect after 30 s"). Returns the times in the subjects' order, `nil` for those that never
    /// held. Several failures make one failed item whose message reads as a summary.
    @discardableResult
    public func eventually<Subject>(
        each subjects: [Subject], within deadline: Duration, every interval: Duration = .milliseconds(100),
        _ what: String = "the condition", label: (Subject) -> String? = { "\($0)" },
        fileID: String = #fileID, line: Int = #line, _ condition: (Subject) async throws -> Bool
    ) async throws -> [Duration?] {
        guard interval > .zero else {
            throw StepFailure("eventually(every:) needs a positive interval, not \(interval)", fileID: fileID, line: line)
        }
        var results = [Duration?](repeating: nil, count: subjects.count)
        var waiting = Array(subjects.indices)
        let start = elapsed
        while true {
            let waited = elapsed - start
            var still: [Int] = []
            for index in waiting {
                if try await condition(subjects[index]) { results[index] = waited } else { still.append(index) }
            }
            waiting = still
            if waiting.isEmpty { return results }
            if waited >= deadline { break }
            try await advance(by: min(interval, deadline - waited))
        }
        let window = "after \(DurationRange.format(deadline)) (checked every \(DurationRange.format(interval)))"
        for index in waiting {
            let subject = label(subjects[index]).map { "\($0): " } ?? ""
            fail("\(subject)still waiting for \(what) \(window)", fileID: fileID, line: line)
        }
        return results
    }

    /// How the item ends when its definitions recorded failures, or threw `thrown` after
    /// recording some: the message is the first failure in full, saying how many more there are;
    /// each of the others becomes a note (`✘ …`) after the item's own notes. `nil` when nothing failed.
    package func summary(thrown: StepFailure? = nil) -> (failure: StepFailure, notes: [String])? {
        let failures = issues + (thrown.map { [$0] } ?? [])
        guard let first = failures.first else { return nil }
        let more = failures.count > 1 ? " (and \(failures.count - 1) more, in the notes)" : ""
        return (StepFailure(message: first.message + more, location: first.location), failures.dropFirst().map { "✘ \($0.message)" })
    }
}
