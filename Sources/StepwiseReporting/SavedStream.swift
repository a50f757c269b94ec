import Foundation
import StepwiseModel

/// An NDJSON event stream saved by `--format ndjson`, read back for `stepwise render` and `stepwise merge`.
public enum SavedStream {
    /// A stream that cannot be read, pointing at the bad line like a compiler does.
    public struct ReadError: Error, CustomStringConvertible {
        /// The problem, with the stream's path and line, the line itself and a caret.
        public var diagnostic: Diagnostic
        /// The offending line, for the caret.
        public var sourceLine: String?

        public var description: String { diagnostic.rendered(sourceLine: sourceLine) }
    }

    /// Reads a stream from a file, or from standard input when `path` is `-`.
    public static func read(path: String) throws -> [Event] {
        var isDirectory: ObjCBool = false
        if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ReadError(
                diagnostic: Diagnostic(
                    .error, "\(path) is a directory, not an event stream", at: nil,
                    hint: "pass the file written by `stepwise run --format ndjson --output FILE`",
                    code: .streamUnreadable),
                sourceLine: nil)
        }
        let data: Data
        do {
            data =
                path == "-"
                ? FileHandle.standardInput.readDataToEndOfFile()
                : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReadError(
                diagnostic: Diagnostic(
                    .error, "cannot read the event stream: \(error.localizedDescription)", at: nil,
                    hint:
                        "pass a file written by `stepwise run --format ndjson --output FILE`, or - for standard input",
                    code: .streamUnreadable),
                sourceLine: nil)
        }
        return try events(from: data, path: path == "-" ? "<stdin>" : path)
    }

    /// Parses a stream; `path` names it in errors. Blank lines are ignored, unknown kinds are kept
    /// as ``/StepwiseModel/Event/unknown(kind:)``. Every line must carry `"schema": 1` (the number, not `"1"`); a
    /// stream must hold at least one event and at most one run: a second `runStarted` (two
    /// streams concatenated) is refused at its line, as its counts and exit code would be mixed
    /// with the first run's.
    public static func events(from data: Data, path: String) throws -> [Event] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(
                diagnostic: Diagnostic(
                    .error, "the event stream is not UTF-8 text", at: SourceLocation(file: path, line: 1),
                    code: .streamEncoding),
                sourceLine: nil)
        }
        let decoder = EventStream.makeDecoder()
        var events: [Event] = []
        // Lines end at LF bytes: as Characters, CRLF is one grapheme that never equals "\n", so a
        // stream that went through a Windows editor or git's autocrlf would be one long line.
        for (index, bytes) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            var line = Substring(bytes)
            if line.hasSuffix("\r") { line = line.dropLast() }
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            /// A problem with this line: located at it, and quoting it.
            func problem(_ message: String, hint: String, code: DiagnosticCode) -> ReadError {
                ReadError(
                    diagnostic: Diagnostic(.error, message, at: SourceLocation(file: path, line: index + 1), hint: hint, code: code),
                    sourceLine: String(line))
            }
            do {
                try checkSchema(of: line)
                let event = try decoder.decode(Event.self, from: Data(line.utf8))
                if case .runStarted = event, events.contains(where: { if case .runStarted = $0 { true } else { false } }) {
                    throw problem(
                        "a second run starts here: this file holds two event streams one after the other",
                        hint: "keep each run's stream in its own file, and join them with `stepwise merge a.ndjson b.ndjson`",
                        code: .streamInvalid)
                }
                events.append(event)
            } catch let error as ReadError {
                throw error
            } catch let error as UnreadableSchema {
                let hint = error.schema.map { $0 > Event.schemaVersion }  == true
                    ? "render it with the Stepwise version that wrote it, or a newer one"
                    : "every event line carries \"schema\": \(Event.schemaVersion), as `--format ndjson` writes it"
                throw problem(error.message, hint: hint, code: .streamSchema)
            } catch {
                throw problem(
                    "not a Stepwise event: \(reason(error))",
                    hint: "every line must be one JSON event with `schema` and `kind`, as `--format ndjson` writes",
                    code: .streamInvalid)
            }
        }
        guard !events.isEmpty else {
            throw ReadError(
                diagnostic: Diagnostic(
                    .error, "the event stream is empty", at: SourceLocation(file: path, line: 1),
                    hint: "pass the file written by `stepwise run --format ndjson --output FILE`", code: .streamInvalid),
                sourceLine: nil)
        }
        return events
    }

    /// Writes any report of a saved run: the same bytes `stepwise run` would have written.
    public static func render(
        _ events: [Event], format: ReportFormat, destination: ReportDestination, options: ReporterOptions = .init()
    ) throws {
        let reporter = try Reporters.make(format, destination: destination, options: options)
        for event in events { try reporter.receive(event) }
        try reporter.finish()
    }

    /// A line whose `schema` this Stepwise cannot read: missing, not a number, or another version.
    private struct UnreadableSchema: Error {
        var schema: Int?
        var message: String
    }

    /// Each line's `schema` must be exactly this version: a line of another version, or one that
    /// is not an event, would be misread.
    private static func checkSchema(of line: Substring) throws {
        // Invalid JSON is left to the decoder, which says what is wrong with it.
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return }
        guard let value = object["schema"] else {
            throw UnreadableSchema(schema: nil, message: "the event has no `schema`")
        }
        struct Envelope: Decodable { var schema: Int }
        guard let schema = try? JSONDecoder().decode(Envelope.self, from: Data(line.utf8)).schema, !(value is String) else {
            throw UnreadableSchema(schema: nil, message: "`schema` is \(describe(value)), not the number \(Event.schemaVersion)")
        }
        guard schema == Event.schemaVersion else {
            throw UnreadableSchema(
                schema: schema, message: "the event stream is schema \(schema); this Stepwise reads schema \(Event.schemaVersion)")
        }
    }

    private static func describe(_ value: Any) -> String {
        if let text = value as? String { return "the string \"\(text)\"" }
        if value is NSNull { return "null" }
        // Foundation on Linux hands true and 1 back alike; the decoder has already told them apart.
        return "a boolean or a fraction"
    }

    private static func reason(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            // Valid JSON with a value the event cannot hold, such as an unknown status.
            return "unexpected value at `\(path(context.codingPath))`: \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.underlyingError.map { "invalid JSON (\($0.localizedDescription))" } ?? "invalid JSON"
        case .keyNotFound(let key, let context): return "missing `\(path(context.codingPath + [key]))`"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at `\(path(context.codingPath))`: \(context.debugDescription)"
        @unknown default: return "\(decoding)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
