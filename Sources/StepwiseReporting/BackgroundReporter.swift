import Dispatch
import StepwiseModel
import Synchronization

/// A reporter that does its work on a queue of its own, beside the others: a report written to a
/// file (the stream kept for `--last-failed`, a JUnit or HTML file) is encoded and written while
/// the console prints. It gets the events in order, as the wrapped reporter would, and
/// ``finish()`` returns once the wrapped reporter has finished, throwing its first error.
public final class BackgroundReporter: Reporter, @unchecked Sendable {
    /// Used on `queue` only, one call after the other, in the order they were given.
    private let reporter: any Reporter
    private let queue = DispatchQueue(label: "stepwise.report")
    private let failure = Mutex<(any Error)?>(nil)

    /// `reporter`, from now on called on a queue of its own only.
    public init(_ reporter: any Reporter) {
        self.reporter = reporter
    }

    /// Hands `event` on; throws the error an earlier event met, after which no event is handed on.
    public func receive(_ event: Event) throws {
        if let error = failure.withLock({ $0 }) { throw error }
        queue.async { [self] in
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                try reporter.receive(event)
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Waits for every event handed on, then finishes the wrapped reporter.
    public func finish() throws {
        try queue.sync {
            if let error = failure.withLock({ $0 }) { throw error }
            try reporter.finish()
        }
    }
}
