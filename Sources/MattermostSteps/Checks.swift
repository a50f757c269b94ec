import StepwiseBinding

/// Collects the failures of a check that looks at many devices, so the item fails once with a
/// message that reads well: the first failure in full and how many more there are, each of the
/// others in the item's notes.
final class Checks {
    private let step: StepContext
    private var failures: [(message: String, fileID: String, line: Int)] = []

    init(_ step: StepContext) { self.step = step }

    func expect(_ condition: Bool, _ message: @autoclosure () -> String, fileID: String = #fileID, line: Int = #line) {
        if !condition { fail(message(), fileID: fileID, line: line) }
    }

    func fail(_ message: String, fileID: String = #fileID, line: Int = #line) {
        failures.append((message, fileID, line))
    }

    /// Records the failures on the step: one failure, plus a note for each after the first.
    func report() {
        guard let first = failures.first else { return }
        for other in failures.dropFirst() { step.note("✘ \(other.message)") }
        let more = failures.count > 1 ? " (and \(failures.count - 1) more, in the notes)" : ""
        step.fail(first.message + more, fileID: first.fileID, line: first.line)
    }
}
