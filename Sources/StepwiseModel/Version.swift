/// The version of Stepwise, as the command line and reports print it.
public enum StepwiseVersion {
    public static let current = "0.1.0"
}
