// swift-tools-version: 6.2
import PackageDescription

// A team's own package that checks its stack with ChaosLab: it depends on ChaosLab by path
// (a team would name the repository and a version) and uses its public API only.
let package = Package(
    name: "TeamChecks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "ChaosLab", path: "../.."),
    ],
    targets: [
        // The team's own check, written against the ReliabilityCheck protocol.
        .target(
            name: "TeamChecks",
            dependencies: [.product(name: "ChaosLab", package: "ChaosLab")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "TeamChecksTests",
            dependencies: [
                "TeamChecks",
                .product(name: "ChaosLab", package: "ChaosLab"),
                .product(name: "ChaosLabTesting", package: "ChaosLab"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
