import Foundation
import StepwiseTestSupport

/// The repository these tests run the built executables in, and its specs.
enum Repository {
    static let root = Corpus.packageRoot

    static func specPath(_ key: String) -> String { root.appendingPathComponent("specs/\(key).md").path }
}
