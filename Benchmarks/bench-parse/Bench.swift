import CCmarkGFM
import Dispatch
import Foundation
import Synchronization
import StepwiseParsing

/// Reads every `zephyr-export/**/*.md` of the corpus in one process and prints MB/s: Stepwise's
/// reader (front matter, structure, every HTML block through libxml2, the model, instructions
/// and expectations) against cmark-gfm alone with the table extension on the same bytes, on one
/// thread and on two. On two, both sides are scheduled alike: each thread takes the next file,
/// reads it and frees what it made, as the commands do (their work on a file runs on the thread
/// that read it). `read(contents:jobs:)`, which hands every model back to be freed afterwards
/// on one thread, is measured beside them.
/// Each figure is a median over the runs, of the wall clock and, in parentheses, of the CPU time
/// the process used, which shared load disturbs less.
///
/// Usage: bench-parse [CORPUS] [RUNS]   (default Tests/Corpus, the corpus in the repository; 9 runs)
@main
struct Bench {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let corpus = arguments.first ?? "Tests/Corpus"
        let runs = arguments.dropFirst().first.flatMap { Int($0) } ?? 9
        let root = corpus + "/zephyr-export"
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            FileHandle.standardError.write(Data("bench-parse: no corpus at \(root)\n".utf8))
            exit(1)
        }
        var paths: [String] = []
        while let entry = enumerator.nextObject() as? String {
            if entry.hasSuffix(".md") { paths.append(root + "/" + entry) }
        }
        paths.sort()
        // Files are read once, up front: the figures measure parsing, not the disk.
        let files: [(path: String, bytes: [UInt8])] = paths.compactMap { path in
            FileManager.default.contents(atPath: path).map { (path, [UInt8]($0)) }
        }
        let totalBytes = files.reduce(0) { $0 + $1.bytes.count }
        print("bench-parse: \(files.count) files, \(totalBytes) bytes, \(runs) runs each (median)")

        cmark_gfm_core_extensions_ensure_registered()
        let jobs = 2
        var baseline = Figures()
        var stepwise = Figures()
        var baselineParallel = Figures()
        var stepwiseParallel = Figures()
        var stepwiseAllAtOnce = Figures()
        var checksum = 0
        // All one-thread rounds first: threads leave the allocator in another state (more arenas,
        // fragmented heap), which slows cmark-gfm's many small allocations more than Stepwise's.
        for _ in 0..<runs {
            baseline.add(measure(totalBytes) { checksum &+= cmarkAlone(files) })
            stepwise.add(measure(totalBytes) { checksum &+= stepwiseReader(files) })
        }
        for _ in 0..<runs {
            baselineParallel.add(measure(totalBytes) { checksum &+= cmarkParallel(files, jobs: jobs) })
            stepwiseParallel.add(measure(totalBytes) { checksum &+= stepwiseParallelReader(files, jobs: jobs) })
            stepwiseAllAtOnce.add(measure(totalBytes) { checksum &+= stepwiseAllAtOnceReader(files, jobs: jobs) })
        }
        func line(_ label: String, _ figures: Figures) -> String {
            String(format: "%@ %7.1f MB/s   (%6.1f MB per CPU second)", label, figures.wall, figures.cpu)
        }
        func ratio(_ label: String, _ subject: Figures, _ base: Figures) -> String {
            String(format: "%@ %7.2fx   (CPU %.2fx)", label, subject.wall / base.wall, subject.cpu / base.cpu)
        }
        print(line("cmark-gfm alone (parse + tables), 1 job:  ", baseline))
        print(line("stepwise SpecReader (full model), 1 job:  ", stepwise))
        print(ratio("ratio stepwise / cmark-gfm, 1 job each:   ", stepwise, baseline))
        print(line("cmark-gfm alone, \(jobs) jobs:                  ", baselineParallel))
        print(line("stepwise SpecReader, \(jobs) jobs:              ", stepwiseParallel))
        print(ratio("ratio stepwise \(jobs) jobs / cmark-gfm 1 job:  ", stepwiseParallel, baseline))
        print(ratio("ratio stepwise \(jobs) jobs / cmark-gfm \(jobs) jobs: ", stepwiseParallel, baselineParallel))
        print(line("stepwise read(contents:jobs: \(jobs)), all kept: ", stepwiseAllAtOnce))
        print(ratio("ratio of that / cmark-gfm \(jobs) jobs:          ", stepwiseAllAtOnce, baselineParallel))
        if checksum == 42 { print("") }  // keeps the work observable
    }

    /// Throughput over the runs of one side: the median of the wall-clock figures, and the
    /// median of the figures per second of CPU time the process used (all its threads), which
    /// other processes on a shared machine disturb less than the wall clock.
    struct Figures {
        var walls: [Double] = []
        var cpus: [Double] = []
        mutating func add(_ figure: (wall: Double, cpu: Double)) {
            walls.append(figure.wall)
            cpus.append(figure.cpu)
        }
        var wall: Double { Bench.median(walls) }
        var cpu: Double { Bench.median(cpus) }
    }

    /// MB/s of wall-clock time and MB per second of the process's CPU time while `body` runs.
    static func measure(_ bytes: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
        let clock = ContinuousClock()
        let cpuBefore = processCPUSeconds()
        let elapsed = clock.measure(body)
        let cpu = processCPUSeconds() - cpuBefore
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let megabytes = Double(bytes) / 1_000_000
        return (megabytes / seconds, megabytes / cpu)
    }

    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func cmarkAlone(_ files: [(path: String, bytes: [UInt8])]) -> Int {
        let table = cmark_find_syntax_extension("table")
        return files.reduce(0) { $0 + cmarkFile($1.bytes, table: table) }
    }

    /// Parses one file: 1 when the document has content.
    static func cmarkFile(_ bytes: [UInt8], table: OpaquePointer?) -> Int {
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return 0 }
        defer { cmark_parser_free(parser) }
        if let table { cmark_parser_attach_syntax_extension(parser, table) }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let document = cmark_parser_finish(parser) else { return 0 }
        defer { cmark_node_free(document) }
        return cmark_node_first_child(document) != nil ? 1 : 0
    }

    /// `read` of every file on `jobs` threads, each file on whichever thread takes it next and
    /// everything it made freed there: the one scheduling both parallel figures use, so they
    /// compare like with like.
    static func parallel(_ files: [(path: String, bytes: [UInt8])], jobs: Int, _ read: @Sendable (Int) -> Int) -> Int {
        let next = Atomic<Int>(0)
        let total = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            var local = 0
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < files.count else { break }
                local += read(index)
            }
            total.wrappingAdd(local, ordering: .relaxed)
        }
        return total.load(ordering: .relaxed)
    }

    static func cmarkParallel(_ files: [(path: String, bytes: [UInt8])], jobs: Int) -> Int {
        // The registered extension is never changed once registered: safe to share.
        nonisolated(unsafe) let table = cmark_find_syntax_extension("table")
        return parallel(files, jobs: jobs) { cmarkFile(files[$0].bytes, table: table) }
    }

    static func stepwiseParallelReader(_ files: [(path: String, bytes: [UInt8])], jobs: Int) -> Int {
        parallel(files, jobs: jobs) { SpecReader.read(bytes: files[$0].bytes, path: files[$0].path).testCase?.steps.count ?? 0 }
    }

    /// The parallel reader as a library call: every model is handed back, then freed on this thread.
    static func stepwiseAllAtOnceReader(_ files: [(path: String, bytes: [UInt8])], jobs: Int) -> Int {
        SpecReader.read(contents: files, jobs: jobs).reduce(0) { $0 + ($1.testCase?.steps.count ?? 0) }
    }

    static func stepwiseReader(_ files: [(path: String, bytes: [UInt8])]) -> Int {
        var steps = 0
        for file in files {
            steps += SpecReader.read(bytes: file.bytes, path: file.path).testCase?.steps.count ?? 0
        }
        return steps
    }
}
