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
        if outputs.contains("") { throw UsageError("--output is empty: give a file path, or - for standard output") }
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
        var seen: [String: ReportRequest] = [:]
        for request in requests {
            guard case .path(let path) = request.destination else { continue }
            let key = canonical(path)
            if let earlier = seen[key] {
                throw UsageError(
                    "the \(earlier.format.rawValue) and \(request.format.rawValue) reports both go to \(path): "
                        + "one would overwrite the other; give each its own path")
            }
            seen[key] = request
        }
        let toStandardOutput = requests.filter { $0.destination == .standardOutput }
        if toStandardOutput.count > 1 {
            throw UsageError(
                "only one report can go to standard output (\(toStandardOutput.map(\.format.rawValue).joined(separator: ", "))); "
                    + "give the others a path, such as --format junit:out/junit.xml")
        }
        return requests
    }
}

/// A path as the file system sees it, so `a.json`, `./a.json` and a symlink to it compare equal.
private func canonical(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    let lexical = SpecPath.lexical(absolute)
    let target = (try? AtomicFile.writableTarget(lexical)) ?? lexical
    return URL(fileURLWithPath: target).resolvingSymlinksInPath().path
}

extension ReportRequest: CustomStringConvertible {
    /// `junit report to out/junit.xml`, as a message names it.
    var description: String {
        switch destination {
        case .standardOutput: "\(format.rawValue) report to standard output"
        case .path(let path): "\(format.rawValue) report to \(path)"
        }
    }

    /// Turns away, before anything is read, a destination that can never take the report: for a
    /// report of one file anything but a regular file (or a symlink to one, which is written
    /// through) or nothing yet — a directory, a device such as `/dev/null`, a FIFO, a socket; for
    /// Allure's directory of results, standard output or anything but a directory.
    func checkDestination() throws {
        guard case .path(let path) = destination else {
            if format == .allure {
                throw UsageError("the allure format writes a directory of files: give it one with --format allure:DIR or --output DIR")
            }
            return
        }
        if format == .allure {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw UsageError("cannot write the \(description): it is not a directory, and Allure results are a directory")
            }
            return
        }
        do {
            _ = try AtomicFile.writableTarget(path)
        } catch let error as ReporterError {
            throw UsageError("cannot write the \(description): \(error.message.replacingOccurrences(of: "cannot write \(path): ", with: ""))")
        }
    }
}

/// A command-line mistake found after parsing; exits 64 with the message.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    /// The whole text to print when it is more than a sentence (compiler-style, with a caret).
    private var located: String?

    init(_ description: String) { self.description = description }

    init(_ description: String, located: String) {
        self.description = description
        self.located = located
    }

    /// What standard error shows.
    var printed: String { located ?? "error: \(description)" }
}
