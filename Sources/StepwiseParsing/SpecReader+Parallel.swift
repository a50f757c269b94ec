import Dispatch
import Foundation
import Synchronization

extension SpecReader {
    /// Reads every path, `jobs` files at a time, and returns the results in the order of `paths`.
    ///
    /// Each file is read exactly as ``read(path:)`` reads it; only the order in which files are
    /// read changes, never what comes back. With `jobs <= 1`, or a single path, no thread is started.
    public static func read(paths: [String], jobs: Int) -> [SpecFile] {
        var files: [SpecFile] = []
        files.reserveCapacity(paths.count)
        orderedMap(count: paths.count, jobs: jobs, { read(path: paths[$0]) }) { files.append($0) }
        return files
    }

    /// Reads spec bytes already in memory, `jobs` at a time, in the order given; each is read as
    /// ``read(bytes:path:)`` reads it.
    public static func read(contents: [(path: String, bytes: [UInt8])], jobs: Int) -> [SpecFile] {
        var files: [SpecFile] = []
        files.reserveCapacity(contents.count)
        orderedMap(count: contents.count, jobs: jobs, { read(bytes: contents[$0].bytes, path: contents[$0].path) }) {
            files.append($0)
        }
        return files
    }

    /// How many files to read at once by default: one per processor the process may use.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Calls `transform` for every index on up to `jobs` threads of its own and hands the results
    /// to `body` on the calling thread in index order, each as soon as it and those before it are
    /// done: the caller writes output while the workers read on. Workers keep at most a bounded
    /// number of results ahead of `body`, so memory stays flat over any number of files.
    static func orderedMap<Result: Sendable>(
        count: Int, jobs: Int, _ transform: @escaping @Sendable (Int) -> Result, _ body: (Result) -> Void
    ) {
        let workers = min(max(jobs, 1), count)
        guard workers > 1 else {
            for index in 0..<count { body(transform(index)) }
            return
        }
        // libxml2 and cmark-gfm set up their globals once, before any worker starts, so no two
        // threads race to do it.
        HTMLParser.prepareForThreads()
        MarkdownConverter.prepareForThreads()
        let window = workers * 32
        let state = OrderedResults<Result>(count: count, window: window)
        for _ in 0..<workers {
            Thread.detachNewThread {
                // Workers take the next unread index, so one slow file never leaves the others idle.
                while let index = state.nextIndex() { state.store(transform(index), at: index) }
            }
        }
        for index in 0..<count { body(state.take(index)) }
    }
}

/// The results of ``SpecReader/orderedMap(count:jobs:_:_:)`` between the workers and the caller.
///
/// `@unchecked Sendable`: every stored property is read and written only with `condition` locked.
private final class OrderedResults<Result: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var slots: [Result?]
    private var next = 0
    private var taken = 0
    private let count: Int
    private let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        slots = Array(repeating: nil, count: count)
    }

    /// The next index to work on, waiting while the workers are a full window ahead; `nil` when all are taken.
    func nextIndex() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count, next >= taken + window { condition.wait() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ result: Result, at index: Int) {
        condition.lock()
        slots[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// The result at `index`, waiting until it is there; its slot is freed.
    func take(_ index: Int) -> Result {
        condition.lock()
        defer { condition.unlock() }
        while slots[index] == nil { condition.wait() }
        let result = slots[index]!
        slots[index] = nil
        taken = index + 1
        condition.broadcast()
        return result
    }
}
