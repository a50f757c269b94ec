import Foundation
import StepwiseModel
import Testing

@testable import StepwiseReporting

@Suite("The event stream's writer")
struct NDJSONReporterTests {
    @Test("every event of a recorded run is written as the bytes JSONEncoder writes for it", arguments: ["mixed-run.ndjson", "shard-2.ndjson"])
    func sameBytesAsJSONEncoder(fixture: String) throws {
        let events = try ReportFixtures.events(fixture)
        #expect(Set(events.map(\.kind)).count >= 8)
        let encoder = EventStream.makeEncoder()
        for event in events {
            let expected = String(decoding: try encoder.encode(event), as: UTF8.self)
            #expect(String(decoding: try SortedJSONEncoder.encode(event), as: UTF8.self) == expected)
        }
    }

    @Test("keys sort in byte order and strings, numbers and dates are written as JSONEncoder writes them")
    func edgeValues() throws {
        struct Sample: Encodable {
            var keys: [String: Int] = ["b": 1, "B": 2, "a10": 3, "a9": 4, "_x": 5, "é": 6, "ß": 7, "caseID": 8, "cases": 9]
            var text = "a/b \"quoted\" \\ \u{1}\u{8}\u{C}\n\r\t\u{1F}\u{7F}\u{2028} é ➜ 中文"
            var doubles: [Double] = [0, 1, -1, 0.1, 1e-7, 0.003450706, 123_456_789.123, 1e21, 12_345_678_901_234_567_168, .leastNonzeroMagnitude, 1.0 / 3, -0.0]
            var floats: [Float] = [0.1, 1, 2.5e-5]
            var integers: [Int64] = [.min, -1, 0, .max]
            var unsigned: UInt64 = .max
            var flags = [true, false]
            var date = Date(timeIntervalSince1970: 1_700_000_000.5)
            var none: String? = nil
            var nested: [[String: [Int]]] = [["x": []], [:]]
        }
        let expected = String(decoding: try EventStream.makeEncoder().encode(Sample()), as: UTF8.self)
        #expect(String(decoding: try SortedJSONEncoder.encode(Sample()), as: UTF8.self) == expected)
    }

    @Test("dates are written as JSONEncoder writes them, to the second below, across leap days, centuries and before 1970")
    func dates() throws {
        var dates = [0, -0.5, -86_400, -1e9, 951_782_400, 951_868_799.999, 1_709_164_800, 4_107_542_400, 4_102_444_800.75]
            .map(Date.init(timeIntervalSince1970:))
        dates += stride(from: -2e9, through: 4e9, by: 12_345_678.9).map(Date.init(timeIntervalSince1970:))
        let expected = String(decoding: try EventStream.makeEncoder().encode(dates), as: UTF8.self)
        #expect(String(decoding: try SortedJSONEncoder.encode(dates), as: UTF8.self) == expected)
    }

    @Test("a number JSON cannot hold is an error, as with JSONEncoder")
    func infinityIsAnError() {
        #expect(throws: EncodingError.self) { try SortedJSONEncoder.encode([Double.infinity]) }
        #expect(throws: EncodingError.self) { try EventStream.makeEncoder().encode([Double.infinity]) }
    }
}
