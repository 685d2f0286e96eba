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
            dependencies: ["CFuzzer", .product(name: "ArchiveKit", package: "archive")]
        ),
        .executableTarget(name: "FuzzStatement", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzTextImport", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzPageImport", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
