import Foundation
import StepwiseModel

/// The whole run as one JSON document (`--format json`).
///
/// The document is a ``RunRecord`` with three more fields: `schema` (``RunRecord/schemaVersion``),
/// `counts` (cases per final status) and `flaky`. Keys are sorted and dates are ISO 8601, so
/// the same stream always gives the same bytes. Readers should ignore keys they do not know.
enum JSONReport {
    static func render(_ run: RunRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(Document(run: run))
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Reads a document back, checking its schema version.
    static func read(_ data: Data) throws -> RunRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        struct Envelope: Decodable { var schema: Int }
        let schema = try decoder.decode(Envelope.self, from: data).schema
        guard schema == RunRecord.schemaVersion else {
            throw ReporterError(
                message: "JSON report schema \(schema) is not supported (this build reads \(RunRecord.schemaVersion))")
        }
        return try decoder.decode(RunRecord.self, from: data)
    }

    private struct Document: Encodable {
        var run: RunRecord

        enum Keys: String, CodingKey { case schema, counts, flaky }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(RunRecord.schemaVersion, forKey: .schema)
            let counts = Dictionary(uniqueKeysWithValues: run.counts.map { ($0.key.rawValue, $0.value) })
            try container.encode(counts, forKey: .counts)
            try container.encode(run.flakyCount, forKey: .flaky)
            try run.encode(to: encoder)
        }
    }
}
