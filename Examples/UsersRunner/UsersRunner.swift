import MattermostSteps
import StepwiseBinding
import StepwiseCLI

/// `UsersRunner run specs`: the stepwise command line with the built-in Mattermost library and the
/// team's definitions over it (the team's library includes the built-in one, so it is loaded once).
@main
struct UsersRunner: StepwiseMain {
    static var libraries: [any StepLibrary] { [ReactivationSteps()] }
}
