import Dispatch
import Foundation
import StepwiseModel
import StepwiseReporting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The last run's event stream, kept at `.stepwise/last-run.ndjson` in the working directory so
/// that `--last-failed` can re-run what failed (pytest's `--lf`, Playwright's `--last-failed`).
///
/// Nothing a user owns is touched: the folder is made only when nothing is at its path; a file,
/// link or anything else already there by that name (the folder, or the stream inside it) is
/// left as it is, and the run says why it kept nothing. The stream is written atomically, and a
/// `.gitignore` of `*` in the folder (made once, if absent) keeps it out of version control.
struct LastRun {
    /// The folder, such as `.stepwise` under the working directory.
    var directory: String

    static let folderName = ".stepwise"
    static let fileName = "last-run.ndjson"
    /// The run before the last one, kept under a second name.
    static let previousName = "previous-run.ndjson"

    static var inWorkingDirectory: LastRun {
        LastRun(directory: FileManager.default.currentDirectoryPath + "/" + folderName)
    }

    var path: String { directory + "/" + Self.fileName }

    var previousPath: String { directory + "/" + Self.previousName }

    /// Gives the stream about to be replaced a second name, `previous-run.ndjson` (in place of
    /// the one before it), on a thread of its own while the run goes on; the run waits for it
    /// before it replaces the stream. Does nothing when either name holds anything but a
    /// regular file, which stays as it is.
    ///
    /// Why a second name: replacing a file's only name frees the file there and then, and on
    /// ext4 freeing it took a quarter of a millisecond at the end of every run, after the
    /// console's summary and before the exit. With a second name the replacement only moves a
    /// name; the file freed is the run before the previous one, meanwhile.
    func keepPrevious() -> PreviousKept {
        let kept = PreviousKept()
        let (current, previous) = (path, previousPath)
        let work: @Sendable () -> Void = {
            let previousKind = Self.kind(previous)
            if Self.kind(current) == S_IFREG, previousKind == nil || previousKind == S_IFREG {
                unlink(previous)
                link(current, previous)
            }
            kept.done.signal()
        }
        if !DetachedThread.start(work) { work() }
        return kept
    }

    /// The second name given by ``keepPrevious()``; ``wait()`` returns once it is in place.
    final class PreviousKept: Sendable {
        fileprivate let done = DispatchSemaphore(value: 0)

        func wait() { done.wait() }
    }

    /// Where the stream goes, once the folder is ready; throws a sentence saying why not.
    func prepare() throws -> String {
        switch Self.kind(directory) {
        case nil:
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            } catch where Self.kind(directory) == S_IFDIR {
                // Another run beside this one made it first.
            } catch {
                throw ReporterError(message: "cannot make \(Self.folderName)/: \(RunCommand.describe(error))")
            }
        case S_IFDIR?: break
        case let mode?:
            throw ReporterError(message: "\(Self.folderName) is \(AtomicFile.kind(mode)), not a folder Stepwise made")
        }
        let ignore = directory + "/.gitignore"
        if Self.kind(ignore) == nil { try? AtomicFile.write("# Made by stepwise: the last run, for --last-failed.\n*\n", to: ignore) }
        switch Self.kind(path) {
        case nil, S_IFREG?: return path
        case let mode?:
            throw ReporterError(message: "\(Self.folderName)/\(Self.fileName) is \(AtomicFile.kind(mode)), not the file Stepwise keeps")
        }
    }

    /// The keys of the cases that did not pass on their last attempt in the last run: failed or
    /// ambiguous, and undefined too when that run was strict (where undefined fails it).
    func failedKeys() throws -> (keys: Set<String>, runID: String) {
        guard Self.kind(path) != nil else {
            throw UsageError(
                "--last-failed: there is no last run here (\(Self.folderName)/\(Self.fileName) does not exist in this directory); "
                    + "run 'stepwise run' once first: every run keeps its stream there")
        }
        let events: [Event]
        do {
            events = try SavedStream.read(path: path)
        } catch let error as SavedStream.ReadError {
            let sentence = "--last-failed: the last run's stream cannot be read; run 'stepwise run' again to replace it"
            throw UsageError(sentence, located: "error: \(sentence)\n\(error.description)")
        }
        let record = RunRecord(events: events)
        let failing: Set<Status> = record.strict ? [.failed, .ambiguous, .undefined] : [.failed, .ambiguous]
        return (Set(record.cases.filter { failing.contains($0.status) }.map(\.key)), record.runID)
    }

    /// The file type bits of whatever is at `path` itself (a link is a link), or `nil` when nothing is.
    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }
}
