// swift-tools-version:6.0
import PackageDescription

// MARK: - Products

let products: [Product] = [
    .library(name: "ChannelComp", targets: ["ChannelComp"]),
    .executable(name: "channelcomp", targets: ["channelcomp"]),
]

// MARK: - Targets

let targets: [Target] = [
    // The domain library: exact decimals, CSV/JSON readers, loaders and the
    // pure calculation core (Price → Credit → Earn → Settle). No file I/O in
    // the calculation core; loaders take bytes.
    .target(name: "ChannelComp", dependencies: ["SHA256"]),

    // SHA-256 (FIPS 180-4) for the journal's plan provenance (SPEC 8.6): no package
    // dependencies, so it is written here, small, and checked against the NIST vectors.
    .target(name: "SHA256"),

    // The command line: argument parsing, subcommands, rendering, file I/O.
    .target(name: "ChannelCompCLI", dependencies: ["ChannelComp"]),

    // The `channelcomp` executable: only the entry point.
    .executableTarget(name: "channelcomp", dependencies: ["ChannelCompCLI"]),

    // MARK: Benchmark
    // Release-build benchmark over `channelcomp generate` data (README, "Performance").
    .executableTarget(name: "channelcomp-bench", path: "Sources/channelcomp-bench"),

    // MARK: Tests
    .testTarget(name: "ChannelCompTests", dependencies: ["ChannelComp"]),
    .testTarget(name: "SHA256Tests", dependencies: ["SHA256"]),
    .testTarget(
        name: "ChannelCompCLITests",
        dependencies: ["ChannelCompCLI", "ChannelComp"]
    ),
]

let package = Package(
    name: "ChannelComp",
    products: products,
    targets: targets
)
