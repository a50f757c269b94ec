import StepwiseModel

extension SpecReader {
    /// Reads every path, `jobs` files at a time, and returns the results in the order of `paths`.
    ///
    /// Each file is read exactly as ``read(path:)`` reads it; only the order in which files are
    /// read changes, never what comes back. With `jobs <= 1`, or a single path, no thread is started.
    public static func read(paths: [String], jobs: Int) -> [SpecFile] {
        map(count: paths.count, jobs: jobs) { read(path: paths[$0]) }
    }

    /// Reads spec bytes already in memory, `jobs` at a time, in the order given; each is read as
    /// ``read(bytes:path:)`` reads it.
    public static func read(contents: [(path: String, bytes: [UInt8])], jobs: Int) -> [SpecFile] {
        map(count: contents.count, jobs: jobs) { read(bytes: contents[$0].bytes, path: contents[$0].path) }
    }

    /// How many files to read at once by default: one per processor the process may use.
    public static var defaultJobs: Int { Parallel.defaultJobs }

    /// ``Parallel/orderedMap(count:jobs:_:_:)`` over spec files: libxml2 and cmark-gfm set up
    /// their globals once, before any worker starts, so no two threads race to do it.
    static func orderedMap<Result: Sendable>(
        count: Int, jobs: Int, _ transform: @escaping @Sendable (Int) -> Result, _ body: (Result) -> Void
    ) {
        prepareForThreads(count: count, jobs: jobs)
        Parallel.orderedMap(count: count, jobs: jobs, transform, body)
    }

    /// ``Parallel/map(count:jobs:_:)`` over spec files, set up as ``orderedMap(count:jobs:_:_:)`` is:
    /// for callers that want every result at once, with no result handed over file by file.
    static func map<Result: Sendable>(count: Int, jobs: Int, _ transform: @escaping @Sendable (Int) -> Result) -> [Result] {
        prepareForThreads(count: count, jobs: jobs)
        return Parallel.map(count: count, jobs: jobs, transform)
    }

    private static func prepareForThreads(count: Int, jobs: Int) {
        guard Parallel.workers(count: count, jobs: jobs) > 1 else { return }
        HTMLParser.prepareForThreads()
        MarkdownConverter.prepareForThreads()
    }
}
