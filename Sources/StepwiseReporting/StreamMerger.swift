import Foundation
import StepwiseModel

/// Joins the event streams of several runs (such as CI shards) into the stream of one run.
///
/// Case IDs are kept, and made unique where streams share one: the second `MM-T938` becomes
/// `MM-T938#2`, with its steps and items where their IDs start with the case's. Wall times are shifted onto the earliest run's start, and
/// the runs' `runStarted`/`runFinished` become one each: planned cases, jobs, counts and flaky
/// summed, status the most severe, exit code the highest, wall time from the earliest start to
/// the latest end, virtual time summed. If any stream has no `runFinished` (a shard that died),
/// neither has the result, so reports say the run did not finish. Unknown kinds are dropped:
/// this version cannot carry their payload.
public enum StreamMerger {
    /// The one run that `streams`, each a whole saved stream in the order given, make together.
    public static func merge(_ streams: [[Event]]) -> [Event] {
        let starts = streams.map { stream in stream.lazy.compactMap(\.runStarted).first }
        let earliest = starts.compactMap { $0?.startedAt }.min()
        let runIDs = starts.compactMap { $0?.runID }
        let runID = runIDs.isEmpty ? "merged" : runIDs.joined(separator: "+")
        var merged: [Event] = []
        if let first = starts.compactMap({ $0 }).first {
            let all = starts.compactMap { $0 }
            let clocks = Set(all.map(\.clock))
            merged.append(
                .runStarted(
                    .init(
                        runID: runID, startedAt: earliest ?? first.startedAt, tool: first.tool,
                        cases: all.reduce(0) { $0 + $1.cases }, jobs: all.reduce(0) { $0 + $1.jobs },
                        clock: clocks.count == 1 ? first.clock : .mixed, strict: all.allSatisfy(\.strict))))
        }
        var used: Set<String> = []
        var finishes: [(offset: Double, finished: Event.RunFinished)] = []
        var everyStreamFinished = true
        for (index, stream) in streams.enumerated() {
            let offset = both(starts[index]?.startedAt, earliest).map { $0.timeIntervalSince($1) } ?? 0
            var renumber = Renumbering()
            for caseID in caseIDs(in: stream) { renumber.add(caseID, avoiding: &used) }
            var finished = false
            for event in stream {
                switch event {
                case .runStarted, .unknown: continue
                case .runFinished(let done):
                    finishes.append((offset, done))
                    finished = true
                default: merged.append(renumber.apply(to: event, runID: runID, shift: offset))
                }
            }
            everyStreamFinished = everyStreamFinished && finished
        }
        if everyStreamFinished, !finishes.isEmpty {
            var counts: [String: Int] = [:]
            for (_, done) in finishes { counts.merge(done.counts, uniquingKeysWith: +) }
            let end = finishes.map { $0.offset + $0.finished.duration.wall }.max() ?? 0
            merged.append(
                .runFinished(
                    .init(
                        runID: runID, status: Status.combining(finishes.map(\.finished.status)), counts: counts,
                        flaky: finishes.reduce(0) { $0 + $1.finished.flaky },
                        duration: Timing(wall: end, virtual: finishes.reduce(0) { $0 + $1.finished.duration.virtual }),
                        exitCode: finishes.map(\.finished.exitCode).max() ?? 0)))
        }
        return merged
    }

    /// The case IDs of a stream in plan order: the order they first start in.
    private static func caseIDs(in stream: [Event]) -> [String] {
        var seen: Set<String> = []
        var ids: [String] = []
        for case .caseStarted(let started) in stream where seen.insert(started.caseID).inserted {
            ids.append(started.caseID)
        }
        return ids
    }

    /// The new IDs of one stream's cases, and the rewriting of its events.
    private struct Renumbering {
        private var map: [String: String] = [:]

        /// Keeps `caseID` unless an earlier stream used it; then the first free `caseID#n`.
        mutating func add(_ caseID: String, avoiding used: inout Set<String>) {
            var unique = caseID
            var count = 1
            while used.contains(unique) {
                count += 1
                unique = "\(caseID)#\(count)"
            }
            used.insert(unique)
            map[caseID] = unique
        }

        func caseID(_ id: String) -> String { map[id] ?? id }

        /// `MM-T3.s1.i2` of a case renamed `MM-T3#2` is `MM-T3#2.s1.i2`; IDs that do not start with the case's stay.
        func childID(_ id: String, of oldCase: String) -> String {
            guard let new = map[oldCase], id.hasPrefix(oldCase + ".") else { return id }
            return new + id.dropFirst(oldCase.count)
        }

        func apply(to event: Event, runID: String, shift: Double) -> Event {
            func moved(_ timing: Timing) -> Timing { Timing(wall: timing.wall + shift, virtual: timing.virtual) }
            switch event {
            case .diagnostic(var reported):
                reported.runID = runID
                reported.caseID = reported.caseID.map(caseID)
                return .diagnostic(reported)
            case .caseStarted(var started):
                let old = started.caseID
                started.runID = runID
                started.caseID = caseID(old)
                started.at += shift
                started.plan.steps = started.plan.steps.map { step in
                    var step = step
                    step.stepID = childID(step.stepID, of: old)
                    step.items = step.items.map { item in
                        var item = item
                        item.itemID = childID(item.itemID, of: old)
                        return item
                    }
                    return step
                }
                return .caseStarted(started)
            case .stepStarted(var started):
                started.stepID = childID(started.stepID, of: started.caseID)
                started.caseID = caseID(started.caseID)
                started.at = moved(started.at)
                return .stepStarted(started)
            case .itemStarted(var started):
                started.stepID = childID(started.stepID, of: started.caseID)
                started.itemID = childID(started.itemID, of: started.caseID)
                started.caseID = caseID(started.caseID)
                started.at = moved(started.at)
                return .itemStarted(started)
            case .itemFinished(var done):
                done.stepID = childID(done.stepID, of: done.caseID)
                done.itemID = childID(done.itemID, of: done.caseID)
                done.caseID = caseID(done.caseID)
                done.at = moved(done.at)
                return .itemFinished(done)
            case .stepFinished(var done):
                done.stepID = childID(done.stepID, of: done.caseID)
                done.caseID = caseID(done.caseID)
                done.at = moved(done.at)
                return .stepFinished(done)
            case .caseFinished(var done):
                done.caseID = caseID(done.caseID)
                done.at += shift
                return .caseFinished(done)
            case .runStarted, .runFinished, .unknown:
                return event
            }
        }
    }
}

extension Event {
    var runStarted: RunStarted? {
        if case .runStarted(let started) = self { started } else { nil }
    }
}

private func both<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
