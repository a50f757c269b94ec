import Foundation
import StepwiseModel
@testable import StepwiseReporting
import StepwiseTestSupport
import Testing

/// Recorded event streams and golden reports, found beside this file.
enum ReportFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func url(_ name: String) -> URL {
        directory.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    static func events(_ name: String) throws -> [Event] {
        try EventStream.events(from: text(name))
    }

    static func run(_ name: String) throws -> RunRecord {
        RunRecord(events: try events(name))
    }

    /// Compares `actual` with `Golden/<name>`, or writes it there when `RECORD=1`.
    static func expectGolden(
        _ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = directory.appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8), "no golden file \(name): record it with RECORD=1",
            sourceLocation: sourceLocation)
        #expect(
            actual == expected, "\(name) differs from its golden file (re-record with RECORD=1 if intended)",
            sourceLocation: sourceLocation)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stepwise-reporting-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a program and returns its exit status and combined output, or `nil` when it is not installed.
    static func runTool(_ name: String, _ arguments: [String]) async throws -> (status: Int32, output: String)? {
        guard let path = ChildProcess.find(name) else { return nil }
        let result = try await ChildProcess.run(path, arguments)
        return (result.status, result.standardOutput + result.standardError)
    }
}

extension Reporter {
    /// Feeds a whole stream, as the run command does.
    func consume(_ events: [Event]) throws {
        for event in events { try receive(event) }
        try finish()
    }
}
