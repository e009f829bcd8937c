// swift-tools-version:6.1
import PackageDescription

/// libFuzzer targets for the parsers that take bytes from peers and files (issue 9).
/// A package of its own, so the root package's `swift build` / `swift test` never compile it;
/// `scripts/fuzz.sh SECONDS [TARGET]` builds it with `-sanitize=fuzzer,address` and runs it.
let core: Target.Dependency = .product(name: "LiaisonCore", package: "liaison")

let package = Package(
    name: "liaison-fuzz",
    dependencies: [
        .package(name: "liaison", path: "..")
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzChecks", dependencies: ["CFuzzerDriver", core]),
        .executableTarget(name: "FuzzState", dependencies: ["FuzzChecks", core]),
        .executableTarget(name: "FuzzEnvelope", dependencies: ["FuzzChecks", core]),
        .executableTarget(name: "FuzzVersionToken", dependencies: ["FuzzChecks", core]),
    ]
)
