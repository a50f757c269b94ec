import StepwiseBinding
import StepwiseModel
import StepwiseRunner

/// Runs one case strictly with `library` and returns its finished items, in order.
func finishedItems(of testCase: TestCase, with library: any StepLibrary) async -> [Event.ItemFinished] {
    var finished: [Event.ItemFinished] = []
    let options = RunOptions(exitCode: { _ in 0 }, itemTimeout: .seconds(120), strict: true)
    _ = await Runner(plan: Binder(libraries: [library]).plan([testCase]), options: options).run { event in
        if case .itemFinished(let item) = event { finished.append(item) }
    }
    return finished
}
