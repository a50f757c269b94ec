// The MattermostSteps module. See DESIGN.md for its place in the pipeline.
import StepwiseBinding
import SessionBackend
import SystemConsole
