import StepwiseModel

extension Binder {
    /// One job per processor the process may use.
    public static var defaultJobs: Int { Parallel.defaultJobs }

    /// Binds every case, `jobs` at a time, and returns them in the order given: binding is pure
    /// and its cache is shared, so how many run at once changes only how long it takes.
    package func bind(_ cases: [(testCase: TestCase, caseID: String)], jobs: Int) -> [BoundCase] {
        Parallel.map(count: cases.count, jobs: jobs) { bind(cases[$0].testCase, caseID: cases[$0].caseID) }
    }
}
