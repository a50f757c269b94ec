import Dispatch
import Foundation
import Synchronization

extension SpecReader {
    /// Reads every path, `jobs` files at a time, and returns the results in the order of `paths`.
    ///
    /// Each file is read exactly as ``read(path:)`` reads it; only the order in which files are
    /// read changes, never what comes back. With `jobs <= 1`, or a single path, no thread is started.
    public static func read(paths: [String], jobs: Int) -> [SpecFile] {
        parallelMap(count: paths.count, jobs: jobs) { read(path: paths[$0]) }
    }

    /// Reads spec bytes already in memory, `jobs` at a time, in the order given; each is read as
    /// ``read(bytes:path:)`` reads it.
    public static func read(contents: [(path: String, bytes: [UInt8])], jobs: Int) -> [SpecFile] {
        parallelMap(count: contents.count, jobs: jobs) { read(bytes: contents[$0].bytes, path: contents[$0].path) }
    }

    /// How many files to read at once by default: one per processor the process may use.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `(0..<count).map(transform)` on up to `jobs` threads.
    private static func parallelMap(count: Int, jobs: Int, _ transform: @Sendable (Int) -> SpecFile) -> [SpecFile] {
        let workers = min(max(jobs, 1), count)
        guard workers > 1 else { return (0..<count).map(transform) }
        // libxml2 and cmark-gfm set up their globals once, before any worker starts, so no two
        // threads race to do it.
        HTMLParser.prepareForThreads()
        MarkdownConverter.prepareForThreads()
        // Workers take the next unread index, so one slow file never leaves the others idle.
        let next = Atomic<Int>(0)
        let done = Mutex<[(index: Int, file: SpecFile)]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var local: [(index: Int, file: SpecFile)] = []
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < count else { break }
                local.append((index, transform(index)))
            }
            done.withLock { $0.append(contentsOf: local) }
        }
        return done.withLock { results in results.sorted { $0.index < $1.index }.map(\.file) }
    }
}
