// swift-tools-version:6.0
import PackageDescription

// Fuzz targets for libFuzzer, built with the sanitizers on; `script/fuzz` builds and runs them.
let package = Package(
    name: "archive-fuzz",
    dependencies: [
        .package(name: "archive", path: "..")
    ],
    targets: [
        .target(name: "CFuzzer"),
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "ArchiveKit", package: "archive")]
        ),
        .executableTarget(name: "FuzzStatement", dependencies: ["CFuzzer", "FuzzSupport"]),
        .executableTarget(name: "FuzzTextImport", dependencies: ["CFuzzer", "FuzzSupport"]),
        .executableTarget(name: "FuzzPageImport", dependencies: ["CFuzzer", "FuzzSupport"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["CFuzzer", "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
