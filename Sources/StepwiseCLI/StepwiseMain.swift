import Synchronization
import StepwiseBinding

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
    /// Parses the command line and runs it with ``libraries``; exits with the command's code.
    public static func main() async {
        StepLibraries.install(libraries)
        await StepwiseCommand.main()
    }
}

/// The libraries of this executable, installed once at start-up before the command line is parsed
/// (so that `--help` can list their faults and options).
enum StepLibraries {
    private static let installed = Mutex<[any StepLibrary]>([])

    static func install(_ libraries: [any StepLibrary]) { installed.withLock { $0 = libraries } }

    static var current: [any StepLibrary] { installed.withLock { $0 } }
}
