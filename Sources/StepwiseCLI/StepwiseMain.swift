import ArgumentParser
import Dispatch
import Foundation
import StepwiseBinding
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
    private static let installed = Mutex<(libraries: [any StepLibrary], options: [StepOption]?)>(([], nil))
    /// Apart from ``installed``, so that a load under way keeps nobody from the options.
    private static let loaded = Mutex<(binder: Binder?, loading: Bool)>((nil, false))

    static func install(_ libraries: [any StepLibrary]) {
        installed.withLock { $0 = (libraries, nil) }
        loaded.withLock { $0 = (nil, false) }
    }

    static var current: [any StepLibrary] { installed.withLock { $0.libraries } }

    /// The options of the installed libraries, worked out once per install: the argument parser
    /// asks for `run`'s help text (which lists them) every time it builds the command tree.
    static var options: [StepOption] {
        installed.withLock { state in
            if let options = state.options { return options }
            let options = state.libraries.options
            state.options = options
            return options
        }
    }

    /// Starts loading the installed libraries (``binder``) on a thread of its own, once, for a
    /// command that parses its arguments and reads its specs first: with a core to spare, the
    /// load and that work overlap. Whoever asks for ``binder`` meanwhile waits for that load
    /// rather than starting another.
    static func loadInBackground() {
        let start = loaded.withLock { state in
            defer { state.loading = true }
            return state.binder == nil && !state.loading
        }
        if start { Thread.detachNewThread { _ = binder } }
    }

    /// The installed libraries loaded, once per install, and kept for the life of the process:
    /// loading is the same every time, and a run's exit then leaves the hundred-odd compiled
    /// definitions to the operating system rather than releasing them one by one.
    static var binder: Binder {
        loaded.withLock { state in
            if let binder = state.binder { return binder }
            let binder = Binder(libraries: current)
            state.binder = binder
            return binder
        }
    }
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
            var command = try PathArguments.parse(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
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
