import StepwiseModel

/// Several reporters fed from one stream, such as the console plus JUnit and HTML files in one run.
///
/// Every reporter gets every event and its ``Reporter/finish()`` even when another one fails, so
/// one unwritable report does not cost the others; the first error is thrown at the end.
public final class ReporterGroup: Reporter {
    private let reporters: [any Reporter]
    private var failed: [Int: any Error] = [:]

    /// A group feeding `reporters`, in that order.
    public init(_ reporters: [any Reporter]) {
        self.reporters = reporters
    }

    /// Each reporter that failed so far, by its index in the group, in that order, with its error.
    public var failures: [(index: Int, error: any Error)] {
        failed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public func receive(_ event: Event) throws {
        for (index, reporter) in reporters.enumerated() where failed[index] == nil {
            do {
                try reporter.receive(event)
            } catch {
                failed[index] = error
            }
        }
    }

    public func finish() throws {
        for (index, reporter) in reporters.enumerated() where failed[index] == nil {
            do {
                try reporter.finish()
            } catch {
                failed[index] = error
            }
        }
        if let first = failed.keys.min(), let error = failed[first] { throw error }
    }
}
