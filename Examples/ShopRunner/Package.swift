// swift-tools-version: 6.1
// A team's own runner: its step library and the stepwise command line in one executable.
import PackageDescription

let package = Package(
    name: "ShopRunner",
    platforms: [.macOS(.v15)],
    dependencies: [
        // A team would write .package(url: "https://github.com/<org>/stepwise", from: "0.1.0").
        .package(name: "Stepwise", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "ShopRunner",
            dependencies: [
                .product(name: "StepwiseCLI", package: "Stepwise"),
                .product(name: "StepwiseBinding", package: "Stepwise"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
