import Foundation
import StepwiseModel

/// Zephyr Scale's automation "custom format" (`--format zephyr`): `{"version": 1, "executions": […]}`
/// with one execution per case, as the official Zephyr Scale JUnit integration writes it, either
/// as the JSON file or, when the output path ends in `.zip`, as the zip the upload endpoint takes
/// (`zephyrscale_result.json` inside).
///
/// - `result` is `Passed` or `Failed`, the two values SmartBear's own integration writes: passed →
///   `Passed`, failed → `Failed`. Every other case is left out of the upload, in strict runs too:
///   an undefined or ambiguous case stopped at its binding and a manual or skipped one never ran,
///   so none of them says anything about the product, and recording them as `Failed` would put
///   unautomated cases into the test cycle as failures. The format documents no "not executed"
///   value (an unknown `result` is stored as some other status), so leaving them out is the
///   only honest choice: they stay "Not Executed" in the cycle if it already holds them.
/// - `testCase` has the `key` when the case's key looks like a Zephyr Scale key (`PROJ-T123`),
///   else its `name` (for matching by name or `autoCreateTestCases`).
/// - `source` is the spec's `file:line`.
/// - Nothing else: the format has no step results or durations (fields some uploaders add are
///   not in the official model and may be ignored).
///
/// Stepwise never uploads: the user's CI step posts the zip (see the README).
enum ZephyrReport {
    /// The file name Zephyr Scale's own tools use inside the zip.
    static let fileName = "zephyrscale_result.json"

    struct Container: Hashable, Sendable, Codable {
        var version = 1
        var executions: [Execution]
    }

    struct Execution: Hashable, Sendable, Codable {
        var source: String
        var result: String
        var testCase: TestCase?
    }

    struct TestCase: Hashable, Sendable, Codable {
        var key: String?
        var name: String?
    }

    static func container(_ run: RunRecord) -> Container {
        Container(
            executions: run.cases.compactMap { record in
                let result: String
                switch record.status {
                case .passed: result = "Passed"
                case .failed: result = "Failed"
                case .ambiguous, .undefined, .manual, .skipped: return nil
                }
                let testCase = isZephyrKey(record.key) ? TestCase(key: record.key) : TestCase(name: record.title)
                return Execution(
                    source: "\(record.location.file):\(record.location.line)", result: result, testCase: testCase)
            })
    }

    static func json(_ run: RunRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(container(run))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    static func zip(_ run: RunRecord) throws -> Data {
        var archive = StoredZip(modified: run.startedAt ?? Date(timeIntervalSince1970: 315_532_800))
        archive.add(fileName, try json(run))
        return archive.data
    }

    /// `PROJ-T123`: a project key (a letter, then letters, digits or `_`), `-T`, a number.
    static func isZephyrKey(_ key: String) -> Bool {
        key.wholeMatch(of: /[A-Z][A-Z0-9_]*-T[0-9]+/) != nil
    }
}

extension ZephyrReport {
    /// The reporter: a `.zip` path gets the zip, anything else the JSON.
    static func reporter(destination: ReportDestination) -> any Reporter {
        if case .path(let path) = destination, path.lowercased().hasSuffix(".zip") {
            return DocumentReporter(destination: destination, render: zip)
        }
        return DocumentReporter(destination: destination, render: json)
    }
}
