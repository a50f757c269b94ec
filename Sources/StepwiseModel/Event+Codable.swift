import Foundation

extension Event: Codable {
    private enum EnvelopeKeys: String, CodingKey {
        case schema, kind
    }

    public init(from decoder: any Decoder) throws {
        let envelope = try decoder.container(keyedBy: EnvelopeKeys.self)
        let kind = try envelope.decode(String.self, forKey: .kind)
        switch kind {
        case "runStarted": self = .runStarted(try RunStarted(from: decoder))
        case "diagnostic": self = .diagnostic(try DiagnosticReported(from: decoder))
        case "caseStarted": self = .caseStarted(try CaseStarted(from: decoder))
        case "stepStarted": self = .stepStarted(try StepStarted(from: decoder))
        case "itemStarted": self = .itemStarted(try ItemStarted(from: decoder))
        case "itemFinished": self = .itemFinished(try ItemFinished(from: decoder))
        case "stepFinished": self = .stepFinished(try StepFinished(from: decoder))
        case "caseFinished": self = .caseFinished(try CaseFinished(from: decoder))
        case "runFinished": self = .runFinished(try RunFinished(from: decoder))
        default: self = .unknown(kind: kind)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var envelope = encoder.container(keyedBy: EnvelopeKeys.self)
        try envelope.encode(Event.schemaVersion, forKey: .schema)
        try envelope.encode(kind, forKey: .kind)
        switch self {
        case .runStarted(let payload): try payload.encode(to: encoder)
        case .diagnostic(let payload): try payload.encode(to: encoder)
        case .caseStarted(let payload): try payload.encode(to: encoder)
        case .stepStarted(let payload): try payload.encode(to: encoder)
        case .itemStarted(let payload): try payload.encode(to: encoder)
        case .itemFinished(let payload): try payload.encode(to: encoder)
        case .stepFinished(let payload): try payload.encode(to: encoder)
        case .caseFinished(let payload): try payload.encode(to: encoder)
        case .runFinished(let payload): try payload.encode(to: encoder)
        case .unknown: break
        }
    }
}

/// Reads and writes the NDJSON event stream: one ``Event`` per line.
public enum EventStream {
    /// An encoder with the stream's conventions: sorted keys, ISO 8601 dates, no slashes escaped.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// One line of the stream, without its newline.
    public static func line(for event: Event, encoder: JSONEncoder = makeEncoder()) throws -> String {
        String(decoding: try encoder.encode(event), as: UTF8.self)
    }

    /// An error in a stream, with the line it is on.
    public struct ReadError: Error, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// Parses a whole stream. Blank lines are ignored, unknown kinds come back as ``Event/unknown(kind:)``.
    public static func events(from text: String) throws -> [Event] {
        let decoder = makeDecoder()
        var events: [Event] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                events.append(try decoder.decode(Event.self, from: Data(line.utf8)))
            } catch {
                throw ReadError(line: lineNumber, reason: "not a Stepwise event (\(error))")
            }
        }
        return events
    }
}
