import Dispatch
import Foundation
import StepwiseModel
import Synchronization

extension Binder {
    /// One job per processor the process may use.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Binds every case, `jobs` at a time, and returns them in the order given: binding is pure
    /// and its cache is shared, so how many run at once changes only how long it takes.
    package func bind(_ cases: [(testCase: TestCase, caseID: String)], jobs: Int) -> [BoundCase] {
        let workers = min(max(jobs, 1), cases.count)
        guard workers > 1 else { return cases.map { bind($0.testCase, caseID: $0.caseID) } }
        // Workers take the next unbound case, so one long case never leaves the others idle.
        let next = Atomic<Int>(0)
        let done = Mutex<[(index: Int, bound: BoundCase)]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var local: [(index: Int, bound: BoundCase)] = []
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < cases.count else { break }
                local.append((index, bind(cases[index].testCase, caseID: cases[index].caseID)))
            }
            done.withLock { $0.append(contentsOf: local) }
        }
        return done.withLock { results in results.sorted { $0.index < $1.index }.map(\.bound) }
    }
}
