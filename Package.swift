// swift-tools-version: 6.2
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode with strict concurrency, explicit
/// existentials, and imports that stay internal unless a module re-exports them on purpose.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "ChaosLab",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ChaosLab", targets: ["ChaosLab"]),
        .library(name: "AMQPClient", targets: ["AMQPClient"]),
        // For a team's own `swift test`: a suite trait that owns a compose stack, and
        // expectations on a check's verdict.
        .library(name: "ChaosLabTesting", targets: ["ChaosLabTesting"]),
        .executable(name: "chaoslab", targets: ["chaoslab"]),
        .executable(name: "chaoslab-fixture", targets: ["Fixtures"]),
        .executable(name: "chaoslab-bench", targets: ["chaoslab-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        // `make docs`: DocC for ChaosLab, AMQPClient and ChaosLabTesting.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C at the edge: Debian's rabbitmq-c 0.11 (librabbitmq-dev), reached through a shim.
        .systemLibrary(
            name: "CRabbitMQ",
            pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),
        .target(
            name: "AMQPClient",
            dependencies: [
                "CRabbitMQ",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ChaosLab",
            dependencies: [
                "AMQPClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ChaosLabTesting",
            dependencies: [
                "ChaosLab",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "chaoslab",
            dependencies: [
                "ChaosLab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks of the lab's own engine on synthetic input (no Docker), and of its publishing
        // and load against a running stack: figures printed.
        .executableTarget(
            name: "chaoslab-bench",
            dependencies: [
                "ChaosLab",
                "AMQPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The reference system under test: one binary, `api` and `worker` subcommands.
        .executableTarget(
            name: "Fixtures",
            dependencies: [
                "AMQPClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AMQPClientTests",
            dependencies: ["AMQPClient"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ChaosLabTests",
            dependencies: ["ChaosLab", "ChaosLabTesting"],
            // Compose files and the code of seed-like stacks, read by path, never compiled.
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "ChaosLab",
                "ChaosLabTesting",
                "AMQPClient",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
