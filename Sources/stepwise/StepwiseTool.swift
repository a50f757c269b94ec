import StepwiseCLI

@main
struct StepwiseTool {
    static func main() async {
        await StepwiseCommand.main()
    }
}
