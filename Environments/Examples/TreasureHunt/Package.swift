// swift-tools-version:6.2
import Foundation
import PackageDescription

/// Prism's git URL and the lowest version to accept. Set PRISM_URL to the repository you depend on
/// (Prism's CI points it at a tagged clone); PRISM_VERSION defaults to 0.1.0.
let environment = ProcessInfo.processInfo.environment
guard let prismURL = environment["PRISM_URL"] else {
    fatalError("set PRISM_URL to Prism's git URL, e.g. PRISM_URL=https://github.com/OWNER/prism swift build")
}
let prismVersion = Version(environment["PRISM_VERSION"] ?? "0.1.0") ?? "0.1.0"

let package = Package(
    name: "TreasureHunt",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "TreasureHunt", targets: ["TreasureHunt"]),
        .executable(name: "treasure-ppo", targets: ["TreasurePPO"]),
    ],
    dependencies: [
        .package(url: prismURL, from: prismVersion),
    ],
    targets: [
        .target(
            name: "TreasureHunt",
            dependencies: [.product(name: "PrismEnv", package: "prism"), .product(name: "PrismTensor", package: "prism")]),
        .executableTarget(
            name: "TreasurePPO",
            dependencies: ["TreasureHunt", .product(name: "PPORecipe", package: "prism")],
            path: "Sources/treasure-ppo"),
    ]
)
