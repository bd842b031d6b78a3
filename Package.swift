// swift-tools-version:6.2
import PackageDescription

/// On x86-64, kernels target AVX2 + FMA (Haswell and newer), the portable choice for vectorised
/// loops; elsewhere (arm64 Linux) the compiler's default CPU.
#if arch(x86_64)
let vectorKernels: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
#else
let vectorKernels: [SwiftSetting] = []
#endif

let package = Package(
    name: "Prism",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PrismTensor", targets: ["PrismTensor"]),
        .library(name: "PrismNN", targets: ["PrismNN"]),
        .library(name: "PrismJSON", targets: ["PrismJSON"]),
        .library(name: "PrismEnv", targets: ["PrismEnv"]),
        .library(name: "Gridworld", targets: ["Gridworld"]),
        .library(name: "ToolUse", targets: ["ToolUse"]),
        .library(name: "Arithmetic", targets: ["Arithmetic"]),
        .library(name: "PrismStorage", targets: ["PrismStorage"]),
        .library(name: "PrismPolicy", targets: ["PrismPolicy"]),
        .library(name: "PrismRL", targets: ["PrismRL"]),
        .library(name: "PrismPreference", targets: ["PrismPreference"]),
        .library(name: "PrismRecipes", targets: ["PrismRecipes"]),
        .library(name: "PPORecipe", targets: ["PPORecipe"]),
        .executable(name: "prism-bench", targets: ["PrismBench"]),
        .executable(name: "copy-task", targets: ["CopyTask"]),
        .executable(name: "prism-env", targets: ["PrismEnvTool"]),
        .executable(name: "prism-data", targets: ["PrismDataTool"]),
        .executable(name: "ppo-gridworld", targets: ["PPOGridworld"]),
        .executable(name: "ppo", targets: ["PPO"]),
        .executable(name: "sft", targets: ["SFT"]),
        .executable(name: "dpo", targets: ["DPO"]),
        .executable(name: "orpo", targets: ["ORPO"]),
        .executable(name: "otr", targets: ["OTR"]),
        .executable(name: "score", targets: ["SCoRe"]),
        .executable(name: "generate", targets: ["Generate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "CPrismBLAS", linkerSettings: [.linkedLibrary("dl")]),
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5-serial"),
        .target(name: "CPrismHeap"),
        .target(name: "CPrismFiles"),
        .target(name: "PrismTensor", dependencies: ["CPrismBLAS", "CPrismHeap"], swiftSettings: vectorKernels),
        .target(name: "PrismNN", dependencies: ["PrismTensor"], swiftSettings: vectorKernels),
        .target(name: "PrismJSON"),
        .testTarget(name: "PrismJSONTests", dependencies: ["PrismJSON"]),
        .target(name: "PrismEnv", dependencies: ["PrismTensor", "PrismJSON"]),
        .target(name: "PrismPolicy", dependencies: ["PrismTensor", "PrismNN"], swiftSettings: vectorKernels),
        .target(
            name: "PrismRL", dependencies: ["PrismPolicy", "PrismNN", "PrismTensor", "PrismEnv"],
            swiftSettings: vectorKernels),
        .target(name: "PrismPreference", dependencies: ["PrismTensor"], swiftSettings: vectorKernels),
        .target(name: "Gridworld", dependencies: ["PrismEnv", "PrismTensor"], path: "Environments/Gridworld"),
        .testTarget(name: "GridworldTests", dependencies: ["Gridworld", "PrismEnv", "PrismTensor"]),
        .executableTarget(
            name: "PrismBench",
            dependencies: [
                "PrismTensor", "PrismNN", "PrismEnv", "Gridworld", "PrismStorage", "PrismPolicy", "PrismRL",
                "PrismPreference", "PPORecipe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "PrismEnvTool",
            dependencies: [
                "PrismEnv", "PrismTensor", "PrismRecipes", "Gridworld", "ToolUse", "EnvironmentCatalog", "PPORecipe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "CopyTask",
            dependencies: [
                "PrismTensor", "PrismNN",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Recipes/CopyTask"),
        .target(name: "PrismTestSupport", dependencies: ["PrismTensor"], path: "Tests/PrismTestSupport"),
        .testTarget(name: "PrismTensorTests", dependencies: ["PrismTensor", "CPrismBLAS", "PrismTestSupport"]),
        .testTarget(name: "PrismNNTests", dependencies: ["PrismNN", "PrismTensor", "PrismTestSupport"]),
        .testTarget(name: "CHDF5Tests", dependencies: ["CHDF5"]),
        .testTarget(
            name: "PrismPolicyTests", dependencies: ["PrismPolicy", "PrismNN", "PrismTensor", "PrismTestSupport"]),
        .testTarget(
            name: "PrismRLTests",
            dependencies: ["PrismRL", "PrismPolicy", "PrismNN", "PrismTensor", "PrismEnv", "PrismTestSupport"]),
        .testTarget(
            name: "PrismPreferenceTests", dependencies: ["PrismPreference", "PrismTensor", "PrismTestSupport"]),
        .testTarget(name: "PrismEnvTests", dependencies: ["PrismEnv", "PrismTensor"]),
        .testTarget(name: "PrismEnvPluginTests", dependencies: ["PrismEnv", "PrismTensor"]),
        .target(name: "ToolUse", dependencies: ["PrismEnv", "PrismJSON", "PrismTensor"], path: "Environments/ToolUse"),
        .target(name: "Arithmetic", dependencies: ["PrismEnv", "PrismTensor"], path: "Environments/Arithmetic"),
        .target(
            name: "EnvironmentCatalog", dependencies: ["PrismEnv", "Gridworld", "ToolUse", "Arithmetic"],
            path: "Environments/Catalog"),
        .testTarget(name: "ToolUseTests", dependencies: ["ToolUse", "PrismEnv", "PrismTensor"]),
        .testTarget(name: "ArithmeticTests", dependencies: ["Arithmetic", "PrismEnv", "PrismTensor", "PrismStorage"]),
        .target(name: "PrismStorage", dependencies: ["PrismEnv", "PrismJSON", "PrismTensor", "CHDF5", "CPrismFiles"]),
        .testTarget(
            name: "PrismStorageTests",
            dependencies: ["PrismStorage", "PrismEnv", "PrismTensor", "Gridworld", "ToolUse"]),
        .executableTarget(
            name: "PrismDataTool",
            dependencies: [
                "PrismStorage", "PrismEnv", "PrismJSON", "PrismRecipes", "PrismTensor", "Gridworld", "EnvironmentCatalog", "ToolUse",
                "Arithmetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(
            name: "PrismRecipes",
            dependencies: [
                "PrismTensor", "PrismNN", "PrismJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(name: "PrismRecipesTests", dependencies: ["PrismRecipes", "PrismJSON", "PrismNN", "PrismTensor"]),
        .target(
            name: "PPORecipe",
            dependencies: [
                "PrismRecipes", "PrismJSON", "PrismRL", "PrismPolicy", "PrismStorage", "PrismEnv", "PrismTensor", "Gridworld",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Recipes/PPO/Library"),
        .executableTarget(name: "PPOGridworld", dependencies: ["PPORecipe"], path: "Recipes/PPO/Commands/PPOGridworld"),
        .executableTarget(name: "PPO", dependencies: ["PPORecipe"], path: "Recipes/PPO/Commands/PPO"),
        .testTarget(
            name: "PPOGridworldTests",
            dependencies: [
                "PPORecipe", "PrismRecipes", "PrismJSON", "PrismRL", "PrismPolicy", "PrismEnv", "PrismTensor", "Gridworld",
            ]),
        .target(
            name: "TokenRecipes",
            dependencies: [
                "PrismRecipes", "PrismJSON", "PrismPolicy", "PrismPreference", "PrismRL", "PrismStorage", "PrismNN", "PrismTensor",
                "Arithmetic",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Recipes/TokenRecipes/Library"),
        .executableTarget(name: "SFT", dependencies: ["TokenRecipes"], path: "Recipes/TokenRecipes/Commands/SFT"),
        .executableTarget(name: "DPO", dependencies: ["TokenRecipes"], path: "Recipes/TokenRecipes/Commands/DPO"),
        .executableTarget(name: "ORPO", dependencies: ["TokenRecipes"], path: "Recipes/TokenRecipes/Commands/ORPO"),
        .executableTarget(name: "OTR", dependencies: ["TokenRecipes"], path: "Recipes/TokenRecipes/Commands/OTR"),
        .executableTarget(name: "SCoRe", dependencies: ["TokenRecipes"], path: "Recipes/TokenRecipes/Commands/SCoRe"),
        .executableTarget(name: "Generate", dependencies: ["TokenRecipes"], path: "Recipes/TokenRecipes/Commands/Generate"),
        .testTarget(
            name: "TokenRecipesTests",
            dependencies: ["TokenRecipes", "PrismRecipes", "PrismJSON", "PrismPolicy", "PrismStorage", "PrismTensor", "Arithmetic"]),
        .testTarget(
            name: "GoldenRunTests",
            exclude: ["Goldens"]),
    ]
)
