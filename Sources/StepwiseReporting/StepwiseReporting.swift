// The StepwiseReporting module. See DESIGN.md for its place in the pipeline.
import StepwiseModel
