import CCmarkGFM
import Foundation
import StepwiseParsing

/// Reads every `zephyr-export/**/*.md` of the corpus in one process and prints MB/s: Stepwise's
/// reader (front matter, structure, every HTML block through libxml2, the model, instructions
/// and expectations) against cmark-gfm alone with the table extension on the same bytes.
///
/// Usage: bench-parse [CORPUS] [RUNS]   (default ../shared/corpus, 9 runs)
@main
struct Bench {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let corpus = arguments.first ?? "../shared/corpus"
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
        var baseline: [Double] = []
        var stepwise: [Double] = []
        var checksum = 0
        for _ in 0..<runs {
            baseline.append(measure(totalBytes) { checksum &+= cmarkAlone(files) })
            stepwise.append(measure(totalBytes) { checksum &+= stepwiseReader(files) })
        }
        let baselineMedian = median(baseline)
        let stepwiseMedian = median(stepwise)
        print(String(format: "cmark-gfm alone (parse + tables):      %7.1f MB/s", baselineMedian))
        print(String(format: "stepwise SpecReader (full model):      %7.1f MB/s", stepwiseMedian))
        print(String(format: "ratio stepwise / cmark-gfm:            %7.2fx", stepwiseMedian / baselineMedian))
        if checksum == 42 { print("") }  // keeps the work observable
    }

    static func measure(_ bytes: Int, _ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Double(bytes) / 1_000_000 / seconds
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func cmarkAlone(_ files: [(path: String, bytes: [UInt8])]) -> Int {
        var nodes = 0
        let table = cmark_find_syntax_extension("table")
        for file in files {
            guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { continue }
            if let table { cmark_parser_attach_syntax_extension(parser, table) }
            file.bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
            if let document = cmark_parser_finish(parser) {
                if cmark_node_first_child(document) != nil { nodes += 1 }
                cmark_node_free(document)
            }
            cmark_parser_free(parser)
        }
        return nodes
    }

    static func stepwiseReader(_ files: [(path: String, bytes: [UInt8])]) -> Int {
        var steps = 0
        for file in files {
            steps += SpecReader.read(bytes: file.bytes, path: file.path).testCase?.steps.count ?? 0
        }
        return steps
    }
}
