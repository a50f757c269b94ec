import Foundation
import StepwiseModel
import StepwiseReporting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU the console reporter takes for a run of 1,000 and of 5,000 cases (3 steps of 2
/// items each), with live progress on and the summary at the end, against the NDJSON reporter on
/// the same events as a baseline. Runs are interleaved and each figure is the median of `runs`;
/// a reporter linear in cases takes about 5x the CPU for 5x the cases (the target is at most 5.5x).
///
/// Output goes to /dev/null while measured, so the terminal does not count.
@main
struct Bench {
    static let sizes = [1_000, 5_000]
    static let runs = 7

    static func events(cases: Int) -> [Event] {
        var events: [Event] = [
            .runStarted(.init(runID: "bench", startedAt: Date(), tool: "bench", cases: cases, jobs: 2, clock: .virtual, strict: false))
        ]
        var wall = 0.0
        for index in 0..<cases {
            let key = "B-\(index)"
            let here = SourceLocation(file: "bench/\(key).md", line: 3)
            let definition = SourceLocation(file: "BenchSteps/BenchSteps.swift", line: 10)
            let steps = (1...3).map { number in
                StepPlan(
                    stepID: "\(number)", number: "\(number)", location: here,
                    items: [
                        ItemPlan(
                            itemID: "\(number).i1", kind: .instruction, text: "Open the actions menu of user \(index)", location: here,
                            binding: .matched(.init(expression: "open the actions menu of user {int}", location: definition, arguments: ["\(index)"]))),
                        ItemPlan(
                            itemID: "\(number).e1", kind: .expectation, text: "User \(index) has no session left", location: here,
                            binding: .matched(.init(expression: "user {int} has {int} session(s) left", location: definition))),
                    ])
            }
            let plan = CasePlan(
                key: key, title: "Users - Revoke the sessions of user \(index)", folder: ["Suite", "Users"], labels: ["bench"],
                format: .mattermostMarkdown, location: here, steps: steps)
            let failed = index % 10 == 0
            events.append(.caseStarted(.init(runID: "bench", caseID: key, attempt: 1, plan: plan, at: wall)))
            for step in steps {
                events.append(.stepStarted(.init(caseID: key, stepID: step.stepID, attempt: 1, at: Timing(wall: wall, virtual: 0))))
                for item in step.items {
                    let at = Timing(wall: wall, virtual: 0)
                    events.append(.itemStarted(.init(caseID: key, stepID: step.stepID, itemID: item.itemID, attempt: 1, at: at)))
                    wall += 0.0001
                    let status: Status = failed && item.kind == .expectation ? .failed : .passed
                    events.append(
                        .itemFinished(
                            .init(
                                caseID: key, stepID: step.stepID, itemID: item.itemID, attempt: 1, status: status,
                                at: Timing(wall: wall, virtual: 1), duration: Timing(wall: 0.0001, virtual: 1),
                                message: status == .failed ? "user \(index) has 1 session" : nil, notes: ["observed \(index)"])))
                }
                events.append(
                    .stepFinished(
                        .init(caseID: key, stepID: step.stepID, attempt: 1, status: failed ? .failed : .passed,
                              at: Timing(wall: wall, virtual: 2), duration: Timing(wall: 0.0002, virtual: 2))))
            }
            events.append(
                .caseFinished(.init(caseID: key, attempt: 1, status: failed ? .failed : .passed, at: wall, duration: Timing(wall: 0.0006, virtual: 6))))
        }
        events.append(
            .runFinished(
                .init(runID: "bench", status: .failed, counts: ["passed": cases - cases / 10, "failed": cases / 10], flaky: 0,
                      duration: Timing(wall: wall, virtual: Double(cases) * 6), exitCode: 1)))
        return events
    }

    /// CPU seconds of this process so far (user and system).
    static func cpu() -> Double { Double(clock()) / Double(CLOCKS_PER_SEC) }

    /// CPU seconds to feed `events` to a reporter made by `make` and finish it, output discarded.
    static func measure(_ events: [Event], _ make: () throws -> any Reporter) throws -> Double {
        // Nothing is printed while measuring, so no buffered output is lost to /dev/null.
        let saved = dup(STDOUT_FILENO)
        let null = open("/dev/null", O_WRONLY)
        dup2(null, STDOUT_FILENO)
        defer {
            dup2(saved, STDOUT_FILENO)
            close(saved)
            close(null)
        }
        let start = cpu()
        let reporter = try make()
        for event in events { try reporter.receive(event) }
        try reporter.finish()
        return cpu() - start
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    static func main() throws {
        let streams = sizes.map { events(cases: $0) }
        let reporters: [(String, () throws -> any Reporter)] = [
            ("console", { ConsoleReporter(destination: .standardOutput, options: ReporterOptions(color: false, live: true), environment: [:]) }),
            ("ndjson", { NDJSONReporter(destination: .standardOutput) }),
        ]
        var times: [String: [Int: [Double]]] = [:]
        for _ in 0..<runs {
            for (name, make) in reporters {
                for (size, stream) in zip(sizes, streams) { times[name, default: [:]][size, default: []].append(try measure(stream, make)) }
            }
        }
        print("reporter CPU, median of \(runs) interleaved runs (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
        for (name, _) in reporters {
            let small = median(times[name]![sizes[0]]!), large = median(times[name]![sizes[1]]!)
            print(
                "\(name): \(sizes[0]) cases \(String(format: "%.3f", small)) s, \(sizes[1]) cases \(String(format: "%.3f", large)) s, "
                    + "ratio \(String(format: "%.2f", large / small))x (linear: 5.00x)")
        }
    }
}
