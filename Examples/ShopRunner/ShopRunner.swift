import StepwiseBinding
import StepwiseCLI

/// `shop-runner run specs`: the stepwise command line, bound to the shop's steps.
@main
struct ShopRunner: StepwiseMain {
    static var libraries: [any StepLibrary] { [ShopSteps()] }
}
