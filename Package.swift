// swift-tools-version: 6.1
// Stepwise: acceptance tests driven by exported manual test cases.
import PackageDescription

let package = Package(
    name: "Stepwise",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stepwise", targets: ["stepwise"]),
        .library(name: "StepwiseModel", targets: ["StepwiseModel"]),
        .library(name: "StepwiseParsing", targets: ["StepwiseParsing"]),
        .library(name: "StepwiseBinding", targets: ["StepwiseBinding"]),
        .library(name: "StepwiseRunner", targets: ["StepwiseRunner"]),
        .library(name: "StepwiseReporting", targets: ["StepwiseReporting"]),
        // Everything a team needs to build its own runner executable with the stepwise CLI.
        .library(name: "StepwiseCLI", targets: ["StepwiseCLI"]),
        .library(name: "SessionBackend", targets: ["SessionBackend"]),
        .library(name: "SystemConsole", targets: ["SystemConsole"]),
        .library(name: "MattermostSteps", targets: ["MattermostSteps"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-clocks", from: "1.1.1"),
        // Generates the API reference (scripts/docs); a command plugin, no code in any product.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),

        // MARK: Framework
        .target(name: "StepwiseModel"),
        .target(
            name: "StepwiseParsing",
            dependencies: ["StepwiseModel", "CLibXML2", "CCmarkGFM", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "StepwiseBinding", dependencies: ["StepwiseModel"]),
        .target(
            name: "StepwiseRunner",
            dependencies: ["StepwiseModel", "StepwiseBinding"]
        ),
        .target(name: "StepwiseReporting", dependencies: ["StepwiseModel"]),
        .target(name: "StepwiseCatalogue", dependencies: ["StepwiseModel", "StepwiseParsing", "StepwiseBinding", "StepwiseReporting"]),

        // MARK: Systems under test (no Stepwise imports)
        .target(name: "SessionBackend"),
        .target(name: "SystemConsole", dependencies: ["SessionBackend"]),

        // MARK: Step libraries
        .target(name: "MattermostSteps", dependencies: ["StepwiseBinding", "SessionBackend", "SystemConsole"]),

        // MARK: Command line
        .target(
            name: "StepwiseCLI",
            dependencies: [
                "StepwiseModel", "StepwiseParsing", "StepwiseBinding", "StepwiseRunner", "StepwiseReporting",
                "StepwiseCatalogue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release builds link the Swift runtime and Foundation statically on Linux: one
        // self-contained binary that needs no Swift toolchain where it runs, and starts in about
        // half the time, because the dynamic loader no longer resolves tens of thousands of
        // symbols across a dozen Swift libraries at every start (see the README's figures).
        .executableTarget(
            name: "stepwise", dependencies: ["StepwiseCLI", "MattermostSteps"],
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]
        ),

        // MARK: Benchmarks (separate executables that print figures; never timed inside unit tests)
        .executableTarget(name: "bench-parse", dependencies: ["StepwiseParsing", "CCmarkGFM"], path: "Benchmarks/bench-parse"),
        .executableTarget(name: "bench-runner", dependencies: ["StepwiseModel", "StepwiseBinding", "StepwiseRunner"], path: "Benchmarks/bench-runner"),
        .executableTarget(name: "bench-backend", dependencies: ["SessionBackend"], path: "Benchmarks/bench-backend"),
        .executableTarget(name: "bench-console", dependencies: ["StepwiseModel", "StepwiseReporting"], path: "Benchmarks/bench-console"),
        .executableTarget(name: "bench-process", path: "Benchmarks/bench-process"),

        // MARK: Tests (one target per module; the corpus of real exports in Tests/Corpus is data, in no target)
        .target(name: "StepwiseTestSupport", path: "Tests/StepwiseTestSupport"),
        .testTarget(name: "StepwiseModelTests", dependencies: ["StepwiseModel"]),
        .testTarget(name: "StepwiseParsingTests", dependencies: ["StepwiseTestSupport", "StepwiseParsing", "CLibXML2", "CCmarkGFM"], exclude: ["Golden"]),
        .testTarget(name: "StepwiseBindingTests", dependencies: ["StepwiseTestSupport", "StepwiseModel", "StepwiseBinding", "StepwiseParsing", "MattermostSteps"]),
        .testTarget(name: "StepwiseRunnerTests", dependencies: ["StepwiseModel", "StepwiseBinding", "StepwiseRunner", "StepwiseParsing"]),
        .testTarget(name: "StepwiseReportingTests", dependencies: ["StepwiseTestSupport", "StepwiseReporting"], exclude: ["Golden", "Fixtures", "Schemas"]),
        .testTarget(name: "StepwiseCatalogueTests", dependencies: ["StepwiseTestSupport", "StepwiseCatalogue", "StepwiseParsing", "StepwiseBinding", "StepwiseModel"]),
        .testTarget(name: "SessionBackendTests", dependencies: ["SessionBackend", .product(name: "Clocks", package: "swift-clocks")]),
        .testTarget(name: "SystemConsoleTests", dependencies: ["SystemConsole", .product(name: "Clocks", package: "swift-clocks")]),
        .testTarget(name: "MattermostStepsTests", dependencies: ["StepwiseTestSupport", "MattermostSteps", "StepwiseRunner", "StepwiseParsing"]),
        .testTarget(
            name: "StepwiseCLITests",
            dependencies: ["StepwiseTestSupport", "StepwiseCLI", "StepwiseModel", "StepwiseParsing", "StepwiseBinding", "StepwiseRunner", "StepwiseReporting"]
        ),
        // End to end: builds and runs the stepwise executable and the Examples package.
        .testTarget(name: "StepwiseEndToEndTests", dependencies: ["StepwiseTestSupport", "SessionBackend"]),
    ],
    swiftLanguageModes: [.v6]
)
