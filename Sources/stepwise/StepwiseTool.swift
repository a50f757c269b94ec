import StepwiseBinding
import MattermostSteps
import StepwiseCLI

/// The `stepwise` executable: the command line with the step libraries built into it.
@main
struct StepwiseTool: StepwiseMain {
    static var libraries: [any StepLibrary] { [MattermostSteps()] }
}
