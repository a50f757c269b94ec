import Foundation
import StepwiseModel

/// Which cases `run` takes: `--key`, `--label`, `--name`, `--priority`, `--folder` and `--status`
/// (OR within one, AND across them, case ignored but for `--name`), the failures of the last run
/// with `--last-failed`, then `--shard i/n` round-robin in plan order.
struct CaseFilter {
    /// Keys, each possibly a glob (`MM-T93*`, `MM-T9?8`).
    var keys: [String] = []
    var labels: [LabelExpression] = []
    /// Regular expressions searched for in the title.
    var names: [Regex<AnyRegexOutput>] = []
    var priorities: [String] = []
    var folders: [String] = []
    var statuses: [String] = []
    /// The keys to keep (`--last-failed`), when only some are wanted.
    var only: Set<String>?
    /// `(index, count)` for `--shard index/count`, counted from 1.
    var shard: (index: Int, count: Int)?

    /// Reads `--shard`'s `i/n`, two plain decimal numbers; `nil` when it is not of that form with 1 ≤ i ≤ n.
    static func shard(_ text: String) -> (index: Int, count: Int)? {
        guard let match = text.wholeMatch(of: /([0-9]{1,9})\/([0-9]{1,9})/), let index = Int(match.1), let count = Int(match.2),
            count >= 1, (1...count).contains(index)
        else { return nil }
        return (index, count)
    }

    /// Whether `key` is matched by `pattern`, ignoring case: `*` stands for any run of characters
    /// and `?` for one; every other character is itself.
    static func key(_ key: String, matches pattern: String) -> Bool {
        let text = Array(key.lowercased()), glob = Array(pattern.lowercased())
        // The classic two-pointer glob match: linear but for backtracking to the last `*`.
        var (t, g) = (0, 0)
        var star: (glob: Int, text: Int)?
        while t < text.count {
            if g < glob.count, glob[g] == "?" || (glob[g] != "*" && glob[g] == text[t]) {
                t += 1
                g += 1
            } else if g < glob.count, glob[g] == "*" {
                star = (g, t)
                g += 1
            } else if let last = star {
                star = (last.glob, last.text + 1)
                (g, t) = (last.glob + 1, last.text + 1)
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }

    func select(_ cases: [TestCase]) -> [TestCase] {
        func has(_ wanted: [String], _ value: String?) -> Bool {
            wanted.isEmpty || wanted.contains { $0.caseInsensitiveCompare(value ?? "") == .orderedSame }
        }
        let needles = folders.map { wanted in
            wanted.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "/").lowercased()
        }
        let selected = cases.filter { testCase in
            (keys.isEmpty || keys.contains { Self.key(testCase.key, matches: $0) })
                && has(priorities, testCase.priority) && has(statuses, testCase.status)
                && (labels.isEmpty || labels.contains { $0.matches(testCase.labels) })
                && (names.isEmpty || names.contains { testCase.title.contains($0) })
                && (needles.isEmpty || needles.contains { needle in
                    testCase.folder.joined(separator: "/").lowercased().contains(needle)
                })
                && (only.map { $0.contains(testCase.key) } ?? true)
        }
        guard let shard else { return selected }
        return selected.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
    }
}
