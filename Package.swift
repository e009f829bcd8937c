// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The track plugins: one module per track under `Plugins/<Name>`, listed statically.
let pluginNames = [
    "CriticalMinerals", "Semiconductors", "SCCP", "StrategicTrade",
    "InnovationHandshake", "EnergyIndustry", "IPEF", "TradeMission",
]

let pluginTargets: [Target] = pluginNames.map { name in
    .target(
        name: name,
        dependencies: ["LiaisonCore", "LiaisonReports"],
        path: "Plugins/\(name)",
        swiftSettings: swiftSettings
    )
}

let package = Package(
    name: "liaison",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "liaison", targets: ["liaison"]),
        .executable(name: "liaison-bench", targets: ["liaison-bench"]),
        .library(name: "LiaisonCore", targets: ["LiaisonCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]
        ),
        .target(name: "CurlHTTP", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(name: "LiaisonCore", swiftSettings: swiftSettings),
        .target(
            name: "LiaisonStore",
            dependencies: [
                "LiaisonCore", "LiaisonReports", "CSodium", "CSQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "LiaisonReports", dependencies: ["LiaisonCore"], swiftSettings: swiftSettings),
        .target(
            name: "LiaisonSync",
            dependencies: [
                "LiaisonCore", "LiaisonStore", "CurlHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonConfig",
            dependencies: ["LiaisonCore", "LiaisonStore", "LiaisonSync"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonHTTP",
            dependencies: [
                "LiaisonCore", "LiaisonStore", "LiaisonSync", "LiaisonReports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonWeb",
            dependencies: [
                "LiaisonHTTP", "LiaisonCore", "LiaisonStore", "LiaisonSync", "LiaisonReports",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonServer",
            dependencies: [
                "LiaisonConfig", "LiaisonCore", "LiaisonHTTP", "LiaisonStore", "LiaisonSync", "LiaisonReports", "LiaisonWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonBundledPlugins",
            dependencies: ["LiaisonCore", "LiaisonReports"] + pluginNames.map { .target(name: $0) },
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiaisonCluster",
            dependencies: ["LiaisonCore", "LiaisonStore", "LiaisonBundledPlugins", "CurlHTTP"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "liaison",
            dependencies: [
                "LiaisonCluster",
                "LiaisonConfig", "LiaisonCore", "LiaisonStore", "LiaisonSync", "LiaisonServer", "LiaisonReports",
                "LiaisonBundledPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "liaison-bench",
            dependencies: [
                "LiaisonCore", "LiaisonStore", "LiaisonReports", "LiaisonBundledPlugins", "CurlHTTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestProcesses",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Tests/Support/TestProcesses", swiftSettings: swiftSettings),
        .testTarget(
            name: "LiaisonCoreTests",
            dependencies: ["LiaisonCore", "TestProcesses", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiaisonStoreTests",
            dependencies: [
                "LiaisonCore", "LiaisonReports", "LiaisonStore", "TestProcesses", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CurlHTTPTests",
            dependencies: ["CurlHTTP", "TestProcesses", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiaisonReportsTests",
            dependencies: ["LiaisonReports"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiaisonServerTests",
            dependencies: [
                "LiaisonServer", "LiaisonConfig", "LiaisonBundledPlugins", "CurlHTTP", "LiaisonHTTP", "LiaisonStore",
                "LiaisonCore", "LiaisonSync", "TestProcesses",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiaisonWebTests",
            dependencies: [
                "LiaisonWeb", "LiaisonHTTP", "LiaisonBundledPlugins", "LiaisonStore", "LiaisonSync",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LiaisonCLITests", dependencies: ["CurlHTTP", "LiaisonCluster", "TestProcesses"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LiaisonSyncTests", dependencies: ["CurlHTTP", "LiaisonCore", "LiaisonStore", "LiaisonSync", "TestProcesses"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LiaisonConfigTests", dependencies: ["LiaisonConfig", "LiaisonStore", "LiaisonSync"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PluginTests",
            dependencies: ["LiaisonCore", "LiaisonReports", "LiaisonBundledPlugins", "LiaisonStore"]
                + pluginNames.map { .target(name: $0) },
            swiftSettings: swiftSettings
        ),
    ] + pluginTargets
)
