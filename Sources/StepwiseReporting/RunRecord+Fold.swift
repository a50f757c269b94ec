import Foundation
import StepwiseModel

extension RunRecord {
    /// Folds events into a ``RunRecord`` one at a time, so a reporter can show progress while it builds.
    ///
    /// A case's later attempt replaces its earlier one (the earlier outcome is kept in
    /// ``CaseRecord/earlierAttempts``). Events for cases or items the fold has not seen start
    /// are ignored rather than trusted, so a truncated or shuffled stream still folds.
    public struct Fold: Sendable {
        private var run = RunRecord()
        private var cases: [String: CaseRecord] = [:]
        private var firstSeen: [String] = []
        private var finished: Event.RunFinished?

        /// A fold of no events yet.
        public init() {}

        /// Folds the next event of the stream into the record.
        public mutating func apply(_ event: Event) {
            switch event {
            case .runStarted(let started):
                run.runID = started.runID
                run.startedAt = started.startedAt
                run.tool = started.tool
                run.clock = started.clock
                run.jobs = started.jobs
                run.strict = started.strict
                run.plannedCases = started.cases
            case .diagnostic(let reported):
                run.diagnostics.append(reported)
            case .caseStarted(let started):
                caseStarted(started)
            case .stepStarted(let started):
                updateStep(started.caseID, started.stepID, attempt: started.attempt) { $0.startedAt = started.at }
            case .itemStarted(let started):
                updateItem(started.caseID, started.stepID, started.itemID, attempt: started.attempt) {
                    $0.startedAt = started.at
                }
            case .itemFinished(let done):
                updateItem(done.caseID, done.stepID, done.itemID, attempt: done.attempt) { item in
                    item.status = done.status
                    item.duration = done.duration
                    item.message = done.message
                    item.failureLocation = done.failureLocation
                    item.notes = done.notes
                    if item.startedAt == nil {
                        item.startedAt = done.at - done.duration
                    }
                }
            case .stepFinished(let done):
                updateStep(done.caseID, done.stepID, attempt: done.attempt) { step in
                    step.status = done.status
                    step.duration = done.duration
                    if step.startedAt == nil {
                        step.startedAt = done.at - done.duration
                    }
                }
            case .caseFinished(let done):
                guard cases[done.caseID]?.attempt == done.attempt else { return }
                cases[done.caseID]?.status = done.status
                cases[done.caseID]?.flaky = done.flaky
                cases[done.caseID]?.duration = done.duration
                cases[done.caseID]?.message = done.message
                cases[done.caseID]?.isFinished = true
            case .runFinished(let done):
                finished = done
            case .unknown:
                break
            }
        }

        /// The run as folded so far.
        public var record: RunRecord {
            var result = run
            // The runner emits each case's block in plan order, so the order cases first start in
            // is the plan's; sorting IDs (keys such as `MM-T940`) would put them in text order.
            result.cases = firstSeen.compactMap { cases[$0] }
            if let finished {
                result.status = finished.status
                result.duration = finished.duration
                result.exitCode = finished.exitCode
                result.isComplete = true
            } else {
                result.status = Status.combining(result.cases.map(\.status))
                result.duration = result.cases.reduce(Timing.zero) {
                    Timing(wall: $0.wall + $1.duration.wall, virtual: $0.virtual + $1.duration.virtual)
                }
            }
            return result
        }

        /// The clock the run uses (`virtual` or `real`), read without building the whole ``record``.
        public var clock: ClockKind { run.clock }

        /// How many cases the run plans, from `runStarted`.
        public var plannedCases: Int { run.plannedCases }

        /// The case as folded so far, such as when its `caseFinished` has just been applied.
        public func caseRecord(_ caseID: String) -> CaseRecord? { cases[caseID] }

        private mutating func caseStarted(_ started: Event.CaseStarted) {
            let previous = cases[started.caseID]
            if let previous, previous.attempt > started.attempt { return }
            if previous == nil { firstSeen.append(started.caseID) }
            var earlier = previous?.earlierAttempts ?? []
            if let previous, previous.attempt < started.attempt {
                earlier.append(
                    AttemptRecord(
                        attempt: previous.attempt, status: previous.status, startedAt: previous.startedAt,
                        duration: previous.duration,
                        message: previous.message))
            }
            let plan = started.plan
            cases[started.caseID] = CaseRecord(
                caseID: started.caseID, key: plan.key, title: plan.title, folder: plan.folder, labels: plan.labels,
                priority: plan.priority, specStatus: plan.status, format: plan.format, location: plan.location,
                status: .skipped, attempt: started.attempt, flaky: false, startedAt: started.at, duration: .zero,
                message: nil, earlierAttempts: earlier,
                steps: plan.steps.map { step in
                    StepRecord(
                        stepID: step.stepID, number: step.number, call: step.call, location: step.location,
                        status: .skipped, startedAt: nil, duration: .zero,
                        items: step.items.map { item in
                            ItemRecord(
                                itemID: item.itemID, kind: item.kind, text: item.text, context: item.context,
                                location: item.location, binding: item.binding, status: .skipped, startedAt: nil,
                                duration: .zero, message: nil, failureLocation: nil, notes: [])
                        })
                },
                isFinished: false)
        }

        // Mutates in place through the dictionary, so a step's arrays are not copied per event.
        private mutating func updateStep(
            _ caseID: String, _ stepID: String, attempt: Int, _ change: (inout StepRecord) -> Void
        ) {
            guard let index = stepIndex(caseID, stepID, attempt: attempt) else { return }
            cases[caseID]?.steps[index].apply(change)
        }

        private mutating func updateItem(
            _ caseID: String, _ stepID: String, _ itemID: String, attempt: Int, _ change: (inout ItemRecord) -> Void
        ) {
            guard let index = stepIndex(caseID, stepID, attempt: attempt),
                let item = cases[caseID]?.steps[index].items.firstIndex(where: { $0.itemID == itemID })
            else { return }
            cases[caseID]?.steps[index].items[item].apply(change)
        }

        /// The step's index, when the event is for the case's current attempt.
        private func stepIndex(_ caseID: String, _ stepID: String, attempt: Int) -> Int? {
            guard let record = cases[caseID], record.attempt == attempt else { return nil }
            return record.steps.firstIndex { $0.stepID == stepID }
        }
    }
}

extension StepRecord {
    fileprivate mutating func apply(_ change: (inout StepRecord) -> Void) { change(&self) }
}

extension ItemRecord {
    fileprivate mutating func apply(_ change: (inout ItemRecord) -> Void) { change(&self) }
}
