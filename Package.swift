// swift-tools-version:6.0
import PackageDescription

// MARK: - Products

let products: [Product] = [
    .library(name: "ChannelComp", targets: ["ChannelComp"]),
    .executable(name: "channelcomp", targets: ["channelcomp"]),
]

// MARK: - Targets

let targets: [Target] = [
    // MARK: Infrastructure (what a package would normally provide; each swappable for one)

    // Exact decimal arithmetic: ExactDecimal (Int128 significand + scale), wide integers,
    // rounding rules; overflow is a thrown NumericError, never a trap.
    .target(name: "ExactArithmetic"),

    // RFC 4180 CSV reading from bytes: records with physical line numbers, chunked input, UTF-8 checks.
    .target(name: "CSV"),

    // A strict JSON parser (duplicate keys, NaN, depth limit) keeping number literals as text.
    .target(name: "JSON"),

    // "Did you mean …?": edit distance and the closest candidate.
    .target(name: "TextSuggestions"),

    // Declarative command-line options, parsing and generated --help.
    .target(name: "ArgumentParsing", dependencies: ["TextSuggestions"]),

    // MARK: Domain

    // The domain library: the pipeline Load → Price → Credit → Earn → Settle → Report.
    // No file I/O in the calculation core; loaders take bytes.
    .target(name: "ChannelComp", dependencies: ["ExactArithmetic", "CSV", "JSON", "TextSuggestions"]),

    // The command line: subcommands, rendering, file I/O.
    .target(name: "ChannelCompCLI", dependencies: ["ChannelComp", "ArgumentParsing", "TextSuggestions"]),

    // The `channelcomp` executable: only the entry point.
    .executableTarget(name: "channelcomp", dependencies: ["ChannelCompCLI"]),

    // MARK: Benchmark
    // Release-build benchmark over `channelcomp generate` data (README, "Performance").
    .executableTarget(name: "channelcomp-bench", path: "Sources/channelcomp-bench"),

    // MARK: Tests
    // What several test targets share: exact(_:) for decimal literals, the seeded SplitMix64.
    .target(name: "_TestSupport", dependencies: ["ExactArithmetic"], path: "Tests/_TestSupport"),
    .testTarget(name: "ExactArithmeticTests", dependencies: ["ExactArithmetic", "_TestSupport"]),
    .testTarget(name: "CSVTests", dependencies: ["CSV"]),
    .testTarget(name: "JSONTests", dependencies: ["JSON"]),
    .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing", "TextSuggestions"]),
    .testTarget(name: "ChannelCompTests", dependencies: ["ChannelComp", "_TestSupport"]),
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
