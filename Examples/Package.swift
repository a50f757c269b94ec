// swift-tools-version: 6.1
// Two teams' own runners, each its step library and the stepwise command line in one executable:
// ShopRunner over a library of its own, UsersRunner over the built-in Mattermost library, which it
// extends. One package, so that Stepwise is built once for both.
import PackageDescription

let package = Package(
    name: "StepwiseExamples",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A team would write .package(url: "https://github.com/<org>/stepwise", from: "0.1.0").
        .package(name: "Stepwise", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "ShopRunner",
            dependencies: [
                .product(name: "StepwiseCLI", package: "Stepwise"),
                .product(name: "StepwiseBinding", package: "Stepwise"),
            ],
            path: "ShopRunner",
            exclude: ["specs"]
        ),
        .executableTarget(
            name: "UsersRunner",
            dependencies: [
                .product(name: "StepwiseCLI", package: "Stepwise"),
                .product(name: "StepwiseBinding", package: "Stepwise"),
                .product(name: "MattermostSteps", package: "Stepwise"),
                .product(name: "SessionBackend", package: "Stepwise"),
                .product(name: "SystemConsole", package: "Stepwise"),
            ],
            path: "UsersRunner",
            exclude: ["specs", "README.md", "LICENSE"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
