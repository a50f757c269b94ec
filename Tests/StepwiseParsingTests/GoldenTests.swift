import Foundation
import StepwiseModel
import StepwiseTestSupport
import Testing
@testable import StepwiseParsing

/// The `tree` dump of real cases, one per quirk, against recorded golden files. Run with
/// `RECORD=1` to re-record after a deliberate change, then review the diff.
@Suite("Golden tree dumps")
struct GoldenTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Where an input lives: the package (`specs/`, hand-written fixtures) or the corpus in `Tests/Corpus`.
    enum Source: Sendable, CustomStringConvertible {
        case package(String)
        case corpus(String)

        var description: String {
            switch self {
            case .package(let path): path
            case .corpus(let path): "corpus/" + path
            }
        }

        var url: URL {
            switch self {
            case .package(let path): Corpus.packageRoot.appendingPathComponent(path)
            case .corpus(let path): Corpus.root.appendingPathComponent(path)
            }
        }
    }

    static let cases: [(name: String, source: Source)] = [
        ("mm-t938", .package("specs/MM-T938.md")),
        ("entities-and-step-info", .package("specs/MM-T940.md")),
        ("invalid-yaml-front-matter", .corpus("zephyr-export/smoke-tests/webapp/MM-T3052.md")),
        ("newline-in-title", .corpus("zephyr-export/smoke-tests/webapp/MM-T3100.md")),
        ("null-step-description", .corpus("zephyr-export/apps-framework/zendesk/MM-T4044.md")),
        ("blockquote-broken-by-newline", .corpus("zephyr-export/apps-framework/service-now/MM-T4028.md")),
        ("markdown-inside-html", .corpus("zephyr-export/smoke-tests/webapp/MM-T3048.md")),
        ("table-in-step", .corpus("zephyr-export/channels/channels/MM-T864.md")),
        ("zero-width-space", .corpus("zephyr-export/channels/channel-settings/MM-T4068.md")),
        ("lists-nested-four-deep", .package("Tests/StepwiseParsingTests/Golden/inputs/lists-nested-four-deep.md")),
        ("invisible-characters", .package("Tests/StepwiseParsingTests/Golden/inputs/invisible-characters.md")),
        ("gap-in-step-numbers", .corpus("zephyr-export/apps-framework/framework-and-test-apps/test-app/-prev-/MM-T4112.md")),
        ("json-call", .corpus("zephyr-export/apps-framework/framework-and-test-apps/test-app/error-test-commands/MM-T4792.json")),
        ("mattermost-call", .corpus("mm-markdown/apps-framework/framework-and-test-apps/test-app/error-test-commands/MM-T4792.md")),
        ("mattermost-mm-t938", .corpus("mm-markdown/suite/system-console/user-management/users/MM-T938.md")),
    ]

    @Test("the tree dump matches its golden file", arguments: cases.map(\.name))
    func matchesGolden(_ name: String) throws {
        let source = try #require(Self.cases.first { $0.name == name }?.source)
        let data = try #require(FileManager.default.contents(atPath: source.url.path), "cannot read \(source.url.path)")
        // The path in the dump is the short, machine-independent one.
        let dump = SpecTreeDumper.dump(SpecReader.read(bytes: [UInt8](data), path: source.description))
        let goldenURL = Self.golden.appendingPathComponent(name + ".tree")
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try Data(dump.utf8).write(to: goldenURL)
            return
        }
        let expected = try #require(
            FileManager.default.contents(atPath: goldenURL.path).map { String(decoding: $0, as: UTF8.self) },
            "no golden file \(goldenURL.lastPathComponent); record it with RECORD=1 swift test --filter GoldenTests")
        #expect(dump == expected, "tree dump of \(source) changed; review, then re-record with RECORD=1")
    }
}
