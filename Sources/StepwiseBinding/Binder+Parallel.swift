import StepwiseModel

extension Binder {
    /// One job per processor the process may use.
    public static var defaultJobs: Int { Parallel.defaultJobs }

    /// Binds every case, `jobs` at a time, and returns them in the order given: binding is pure
    /// and its cache is shared, so how many run at once changes only how long it takes.
    package func bind(_ cases: [(testCase: TestCase, caseID: String)], jobs: Int) -> [BoundCase] {
        // About one entry per item (fewer where texts repeat): room for them all up front.
        cache.reserve(cases.reduce(0) { $0 + $1.testCase.steps.reduce(0) { $0 + $1.instructions.count + $1.expectations.count } })
        return Parallel.map(count: cases.count, jobs: jobs) { bind(cases[$0].testCase, caseID: cases[$0].caseID) }
    }
}
