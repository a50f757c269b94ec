import ArgumentParser
import Dispatch
import Foundation
import StepwiseBinding
import StepwiseModel
import StepwiseReporting
import Synchronization

/// The entry point of a runner executable: the `stepwise` command line over your step libraries.
///
/// ```swift
/// import StepwiseCLI
///
/// @main
/// struct ShopRunner: StepwiseMain {
///     static var libraries: [any StepLibrary] { [ShopSteps()] }
/// }
/// ```
public protocol StepwiseMain {
    /// The step libraries every case is bound against.
    static var libraries: [any StepLibrary] { get }
}

extension StepwiseMain {
    /// Parses the command line and runs it with ``libraries``; exits with the command's code, or
    /// with 1 and a message when standard output or standard error could not be written.
    public static func main() async {
        HeapReserve.apply()
        StepLibraries.install(libraries)
        let arguments = CommandLine.arguments.dropFirst().map { $0 }
        // A run binds its cases after parsing the command line and reading the specs: the
        // libraries load meanwhile, on a core the parsing leaves free.
        if RunCommand.isNamed(by: arguments) { StepLibraries.loadInBackground() }
        await StepwiseCommand.runChecked(arguments)
    }
}

/// The libraries of this executable, installed once at start-up before the command line is parsed
/// (so that `--help` can list their faults and options).
enum StepLibraries {
    /// What one install holds: the libraries, and what is worked out from them once.
    private final class Installed: Sendable {
        let libraries: [any StepLibrary]
        let options: OnFirstUse<[StepOption]>
        /// `run`'s help text, which lists the options.
        let runHelp: OnFirstUse<String>
        /// Loaded the first time a command binds, or sooner in the background (see
        /// ``loadInBackground()``), and kept for the life of the process: loading is the same
        /// every time, and a run's exit then leaves the hundred-odd compiled definitions to the
        /// operating system rather than releasing them one by one.
        let binder: OnFirstUse<Binder>
        let loading = Atomic(false)

        init(_ libraries: [any StepLibrary]) {
            self.libraries = libraries
            let options = OnFirstUse { libraries.options }
            self.options = options
            runHelp = OnFirstUse { RunCommand.discussion(options: options.value) }
            binder = OnFirstUse { Binder(libraries: libraries) }
        }
    }

    private static let installed = Mutex(Installed([]))

    private static var current: Installed { installed.withLock { $0 } }

    static func install(_ libraries: [any StepLibrary]) {
        let next = Installed(libraries)
        installed.withLock { $0 = next }
    }

    static var libraries: [any StepLibrary] { current.libraries }

    /// The options of the installed libraries, worked out once per install: the argument parser
    /// asks for `run`'s help text (which lists them) every time it builds the command tree.
    static var options: [StepOption] { current.options.value }

    /// `run`'s help text, worked out once per install: the argument parser asks for it every time
    /// it looks a subcommand up by name.
    static var runHelp: String { current.runHelp.value }

    /// Starts loading the installed libraries (``binder``) on another thread, once, for a
    /// command that parses its arguments and reads its specs first: with a core to spare, the
    /// load and that work overlap. It returns at once, also while that load is under way;
    /// whoever asks for ``binder`` meanwhile waits for that load rather than starting another.
    /// (A POSIX thread of its own: starting Foundation's first `Thread` took a millisecond of
    /// the main thread, and a dispatch queue's block waited for the pool to grow a thread, so the
    /// main thread, done reading, often loaded the libraries itself.)
    static func loadInBackground() {
        let install = current
        guard !install.loading.exchange(true, ordering: .relaxed) else { return }
        if !DetachedThread.start({ _ = install.binder.value }) { DispatchQueue.global().async { _ = install.binder.value } }
    }

    /// The installed libraries loaded, once per install.
    static var binder: Binder { current.binder.value }
}

extension StepwiseCommand {
    /// `main()` of the argument parser, plus a last check that every write to standard output and
    /// standard error succeeded: a report that did not reach its reader is a failed command.
    static func runChecked(_ arguments: [String]) async {
        Interruption.removeTemporaryFilesOnSignal()
        var status: Int32 = 0
        var thrown: (any Error)?
        do {
            if let mistake = CommandWord.mistake(in: arguments) {
                StandardStreams.write(mistake + "\n", to: .error)
                exit(withError: ArgumentParser.ExitCode(ExitStatus.usage))
            }
            // A run command line is parsed by run alone, and run without asking the parsed
            // command's type at run time (each such question about a type is a search of every
            // conformance in the program the first time).
            if let run = RunCommand.readSimply(arguments) ?? RunCommand.parsedAlone(arguments) {
                try await run.run()
            } else {
                var command = try PathArguments.parse(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
        } catch {
            thrown = error
            status = exitCode(for: error).rawValue
        }
        if let failure = StandardStreams.failure {
            StandardStreams.write("stepwise: error: cannot write to \(failure)\n", to: .error)
            exit(withError: ArgumentParser.ExitCode(max(status, 1)))
        }
        exit(withError: thrown)
    }
}

/// SIGINT and SIGTERM remove the temporary files of reports being written, then end the process
/// as the signal would have (exit status 128 + the signal's number).
enum Interruption {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []  // written once, at start-up, before any other thread runs

    static func removeTemporaryFilesOnSignal() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                TemporaryFiles.removeAllAndStopWriting()
                signal(signalNumber, SIG_DFL)
                // To the process, not this thread: dispatch's threads block signals, so raise()
                // here would leave the signal pending and the process running on (and, with
                // writing stopped, waiting forever).
                kill(getpid(), signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// A thread started for one piece of work and left to end on its own.
enum DetachedThread {
    private final class Work: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Runs `body` on a new thread; `false` if none could be started (then nothing runs).
    static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        #if canImport(Glibc)
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let started = pthread_create(&thread, &attributes, { context in
            let work = Unmanaged<Work>.fromOpaque(context!).takeRetainedValue()
            work.body()
            return nil
        }, work)
        if started != 0 { Unmanaged<Work>.fromOpaque(work).release() }
        return started == 0
        #else
        Thread.detachNewThread(body)
        return true
        #endif
    }
}
