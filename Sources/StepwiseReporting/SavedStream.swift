import Foundation
import StepwiseModel

/// An NDJSON event stream saved by `--format ndjson`, read back for `stepwise render` and `stepwise merge`.
public enum SavedStream {
    /// A stream that cannot be read, pointing at the bad line like a compiler does.
    public struct ReadError: Error, CustomStringConvertible {
        public var diagnostic: Diagnostic
        /// The offending line, for the caret.
        public var sourceLine: String?

        public var description: String { diagnostic.rendered(sourceLine: sourceLine) }
    }

    /// Reads a stream from a file, or from standard input when `path` is `-`.
    public static func read(path: String) throws -> [Event] {
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
    /// as ``Event/unknown(kind:)``.
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
            do {
                if events.isEmpty { try checkSchema(of: line, decoder: decoder) }
                events.append(try decoder.decode(Event.self, from: Data(line.utf8)))
            } catch let error as UnreadableSchema {
                throw ReadError(
                    diagnostic: Diagnostic(
                        .error, "the event stream is schema \(error.schema); this Stepwise reads schema \(Event.schemaVersion)",
                        at: SourceLocation(file: path, line: index + 1),
                        hint: "render it with the Stepwise version that wrote it, or a newer one", code: .streamSchema),
                    sourceLine: String(line))
            } catch {
                throw ReadError(
                    diagnostic: Diagnostic(
                        .error, "not a Stepwise event: \(reason(error))",
                        at: SourceLocation(file: path, line: index + 1),
                        hint: "every line must be one JSON event with `schema` and `kind`, as `--format ndjson` writes",
                        code: .streamInvalid),
                    sourceLine: String(line))
            }
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

    /// A stream from a Stepwise with a newer, incompatible schema: its events would be misread.
    private struct UnreadableSchema: Error {
        var schema: Int
    }

    private struct Envelope: Decodable {
        var schema: Int?
    }

    /// The first event's schema decides for the stream: one run writes one schema.
    private static func checkSchema(of line: Substring, decoder: JSONDecoder) throws {
        guard let schema = try? decoder.decode(Envelope.self, from: Data(line.utf8)).schema,
            schema > Event.schemaVersion
        else { return }
        throw UnreadableSchema(schema: schema)
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
