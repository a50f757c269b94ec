import Foundation
import StepwiseReporting

/// One `--format` value: a format and where it writes (`junit:out/junit.xml`), standard output
/// when no path is given and no `--output` pairs with it.
struct ReportRequest: Hashable {
    var format: ReportFormat
    var destination: ReportDestination

    /// Pairs `--format` values with `--output` values in order: the n-th `--output` goes to the
    /// n-th `--format` written without a path.
    static func parse(formats: [String], outputs: [String]) throws -> [ReportRequest] {
        var outputs = outputs[...]
        var requests: [ReportRequest] = []
        for value in formats.isEmpty ? ["console"] : formats {
            // Empty pieces are kept so that "" and ":PATH" are named as an unknown format, not indexed past.
            let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let format = ReportFormat(rawValue: parts[0].lowercased()) else {
                throw UsageError(
                    "unknown format '\(parts[0])'; use one of \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if parts.count == 2, !parts[1].isEmpty {
                // `-` is standard output here as with --output, never a file named "-".
                requests.append(ReportRequest(format: format, destination: parts[1] == "-" ? .standardOutput : .path(parts[1])))
            } else if let output = outputs.popFirst() {
                requests.append(ReportRequest(format: format, destination: output == "-" ? .standardOutput : .path(output)))
            } else {
                requests.append(ReportRequest(format: format, destination: .standardOutput))
            }
        }
        if !outputs.isEmpty { throw UsageError("there are more --output paths than --format values without a path") }
        let toStandardOutput = requests.filter { $0.destination == .standardOutput }
        if toStandardOutput.count > 1 {
            throw UsageError(
                "only one report can go to standard output (\(toStandardOutput.map(\.format.rawValue).joined(separator: ", "))); "
                    + "give the others a path, such as --format junit:out/junit.xml")
        }
        return requests
    }
}

extension ReportRequest: CustomStringConvertible {
    /// `junit report to out/junit.xml`, as a message names it.
    var description: String {
        switch destination {
        case .standardOutput: "\(format.rawValue) report to standard output"
        case .path(let path): "\(format.rawValue) report to \(path)"
        }
    }

    /// Turns away, before anything is read, a destination that can never take the report: a
    /// directory for a report of one file, or standard output or a file for Allure's directory of results.
    func checkDestination() throws {
        guard case .path(let path) = destination else {
            if format == .allure {
                throw UsageError("the allure format writes a directory of files: give it one with --format allure:DIR or --output DIR")
            }
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        if format == .allure, !isDirectory.boolValue {
            throw UsageError("cannot write the \(description): it is a file, and Allure results are a directory")
        }
        if format != .allure, isDirectory.boolValue {
            throw UsageError("cannot write the \(description): it is a directory; name a file in it")
        }
    }
}

/// A command-line mistake found after parsing; exits 64 with the message.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
