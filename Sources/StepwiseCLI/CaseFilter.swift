import Foundation
import StepwiseModel

/// Which cases `run` takes: `--key`, `--label`, `--priority`, `--folder` and `--status` (OR within
/// one, AND across them, case ignored), then `--shard i/n` round-robin in plan order.
struct CaseFilter: Sendable {
    var keys: [String] = []
    var labels: [String] = []
    var priorities: [String] = []
    var folders: [String] = []
    var statuses: [String] = []
    /// `(index, count)` for `--shard index/count`, counted from 1.
    var shard: (index: Int, count: Int)?

    /// Reads `--shard`'s `i/n`; `nil` when it is not of that form with 1 ≤ i ≤ n.
    static func shard(_ text: String) -> (index: Int, count: Int)? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
        return (parts[0], parts[1])
    }

    func select(_ cases: [TestCase]) -> [TestCase] {
        func has(_ wanted: [String], _ value: String?) -> Bool {
            wanted.isEmpty || wanted.contains { $0.caseInsensitiveCompare(value ?? "") == .orderedSame }
        }
        let needles = folders.map { wanted in
            wanted.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "/").lowercased()
        }
        let selected = cases.filter { testCase in
            has(keys, testCase.key) && has(priorities, testCase.priority) && has(statuses, testCase.status)
                && (labels.isEmpty || testCase.labels.contains { has(labels, $0) })
                && (needles.isEmpty || needles.contains { needle in
                    testCase.folder.joined(separator: "/").lowercased().contains(needle)
                })
        }
        guard let shard else { return selected }
        return selected.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
    }
}
