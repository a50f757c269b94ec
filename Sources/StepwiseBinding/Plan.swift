import StepwiseModel

/// What will run: every case bound, in the order it runs and is reported, with its ID; every
/// diagnostic found reading and binding; and the libraries' worlds and hooks.
///
/// Binding makes it (``Binder/plan(_:diagnostics:jobs:)``) and the runner executes it: it is the one
/// value that crosses from binding to running, so the runner never asks the binder anything.
public struct Plan: Sendable {
    /// The cases in plan order, each with an ID unique in the plan.
    public let cases: [BoundCase]
    /// Every diagnostic, as found: those handed in (reading, filters) first, then the step
    /// libraries', then each case's in plan order.
    public let diagnostics: [PlanDiagnostic]
    /// The step libraries in the order given: world factories and hooks. An invocation's
    /// ``Invocation/library`` indexes this.
    package let libraries: [LoadedLibrary]

    /// Every option and fault the libraries declare.
    public var options: [StepOption] { libraries.flatMap(\.options).uniquedByName }

    package init(cases: [BoundCase], diagnostics: [PlanDiagnostic], libraries: [LoadedLibrary]) {
        self.cases = cases
        self.diagnostics = diagnostics
        self.libraries = libraries
    }
}

/// A diagnostic of a plan, with the case it concerns when it concerns one.
public struct PlanDiagnostic: Hashable, Sendable {
    /// The problem, compiler-style, with its location and code.
    public var diagnostic: Diagnostic
    /// The ``BoundCase/caseID`` of the case, or `nil` for a problem of a file or a library.
    public var caseID: String?

    /// A diagnostic, of the case with that ID or of no case.
    public init(_ diagnostic: Diagnostic, caseID: String? = nil) {
        self.diagnostic = diagnostic
        self.caseID = caseID
    }
}

extension Binder {
    /// Binds `testCases` in the order given into a plan.
    ///
    /// This is where case IDs are made: a case's key, and `KEY#2`, `KEY#3`… for a key that comes
    /// again, so that each case is told apart in events and reports.
    ///
    /// - Parameters:
    ///   - testCases: the cases as read, in the order they run.
    ///   - given: problems found before binding (unreadable specs, filters), kept first.
    ///   - jobs: how many cases to bind at once (by default one per processor); never changes the plan.
    public func plan(_ testCases: [TestCase], diagnostics given: [Diagnostic] = [], jobs: Int = Binder.defaultJobs) -> Plan {
        var seen: [String: Int] = [:]
        let identified = testCases.map { testCase -> (testCase: TestCase, caseID: String) in
            let count = seen[testCase.key, default: 0] + 1
            seen[testCase.key] = count
            return (testCase, count == 1 ? testCase.key : "\(testCase.key)#\(count)")
        }
        let cases = bind(identified, jobs: jobs)
        let diagnostics =
            given.map { PlanDiagnostic($0) } + self.diagnostics.map { PlanDiagnostic($0) }
            + cases.flatMap { bound in bound.diagnostics.map { PlanDiagnostic($0, caseID: bound.caseID) } }
        return Plan(cases: cases, diagnostics: diagnostics, libraries: libraries)
    }
}
