import Foundation
import MattermostSteps
import SessionBackend
import StepwiseBinding
import StepwiseModel
import StepwiseParsing
import StepwiseRunner
import Synchronization

/// Runs the repository's specs through the binder and runner in-process, collecting the events
/// and each case's world summary.
struct SpecRun {
    var events: [Event] = []
    var outcome: RunOutcome?
    var summaries: [String: MattermostSteps.WorldSummary] = [:]
    var bound: [BoundCase] = []

    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The ten cases in specs/.
    static let allKeys = ["MM-T924", "MM-T928", "MM-T932", "MM-T936", "MM-T938", "MM-T940", "MM-T944", "MM-T1016", "MM-T2568", "MM-T4048"]

    static func specPath(_ key: String) -> String { packageRoot.appendingPathComponent("specs/\(key).md").path }

    static func run(_ keys: [String], options: Set<String> = []) async throws -> SpecRun {
        try await run(paths: keys.map(specPath), options: options, strict: true)
    }

    /// Runs the spec files at `paths` (strict or not: a non-strict run leaves unbound items undefined).
    static func run(paths: [String], options: Set<String> = [], strict: Bool) async throws -> SpecRun {
        let collected = Mutex<[String: MattermostSteps.WorldSummary]>([:])
        let library = MattermostSteps { key, summary in collected.withLock { $0[key] = summary } }
        let binder = Binder(libraries: [library])
        var run = SpecRun()
        var testCases: [TestCase] = []
        for path in paths {
            let spec = SpecReader.read(path: path)
            guard let testCase = spec.testCase else { throw SpecRunError(message: "\(path) did not parse: \(spec.diagnostics)") }
            testCases.append(testCase)
        }
        let plan = binder.plan(testCases)
        run.bound = plan.cases
        // The wall-clock limit is a safety net against hangs: generous here, so that a test run
        // sharing two cores with a build never turns a slow item into a failure.
        let runner = Runner(
            plan: plan,
            options: RunOptions(
                exitCode: { _ in 0 },
                itemTimeout: .seconds(120), configuration: RunConfiguration(selectedOptions: options), strict: strict))
        var events: [Event] = []
        run.outcome = await runner.run { events.append($0) }
        run.events = events
        run.summaries = collected.withLock { $0 }
        return run
    }

    var itemsFinished: [Event.ItemFinished] {
        events.compactMap { if case .itemFinished(let item) = $0 { item } else { nil } }
    }

    /// The first failed item of a case.
    func firstFailure(of caseID: String) -> Event.ItemFinished? {
        itemsFinished.first { $0.caseID == caseID && $0.status == .failed }
    }

    /// The text of an item by its plan id ("1.e1").
    func text(of caseID: String, item itemID: String) -> String? {
        bound.first { $0.caseID == caseID }?.steps.flatMap(\.items).first { $0.plan.itemID == itemID }?.plan.text
    }
}

struct SpecRunError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
