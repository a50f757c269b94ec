import Foundation
import StepwiseModel
@testable import StepwiseParsing

/// The shared corpus of real exports, read-only: `../shared/corpus` beside the package, or under
/// `$STEPWISE_SHARED`.
enum Corpus {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var shared: URL {
        if let override = ProcessInfo.processInfo.environment["STEPWISE_SHARED"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    static var root: URL { shared.appendingPathComponent("corpus") }

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }

    /// Every file under `folder` with this extension, in path order.
    static func files(in folder: String, withExtension ext: String) -> [String] {
        let base = root.appendingPathComponent(folder).path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let entry = enumerator.nextObject() as? String {
            if entry.hasSuffix("." + ext) { paths.append(base + "/" + entry) }
        }
        return paths.sorted()
    }

    /// Whitespace of every kind collapsed to one space, ends trimmed: the comparison the
    /// acceptance criteria name. A text that is only whitespace (an image-only field) is no text.
    static func collapsed(_ text: String?) -> String? {
        guard let text else { return nil }
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return collapsed.isEmpty ? nil : collapsed
    }

    /// Characters Markdown uses as delimiters and escapes.
    static let delimiters: Set<Character> = ["_", "*", "\\", "`", "[", "]", "<", ">"]

    /// The visible characters other than Markdown delimiters, whitespace dropped.
    static func visible(_ text: String?) -> String? {
        guard let text else { return nil }
        let kept = text.filter { !$0.isWhitespace && !delimiters.contains($0) }
        return kept.isEmpty ? nil : kept
    }

    /// Only the words, lower-cased: what the text says, whatever its formatting.
    static func words(_ text: String?) -> [String] {
        (text ?? "").lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
