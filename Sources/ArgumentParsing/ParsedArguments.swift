import TextSuggestions
/// The result of a successful parse: which command, and its option values.
///
/// `channelcomp payout --plan p.json --data d --period 2027-03` gives
/// `commandPath == ["channelcomp", "payout"]`, `value("plan") == "p.json"`,
/// and `value("format") == "text"` when `--format` has that default.
public struct ParsedArguments: Sendable, Equatable {
    /// The command names from the root down, e.g. `["channelcomp", "payout"]`.
    public let commandPath: [String]
    private let storedValues: [String: [String]]
    private let setFlags: Set<String>

    /// Makes parsed arguments; option names may be given with or without
    /// leading dashes.
    ///
    /// `ParsedArguments(commandPath: ["channelcomp", "compare"],
    /// values: ["--plan": ["a.json", "b.json"]])` has
    /// `values("plan") == ["a.json", "b.json"]`.
    public init(commandPath: [String], values: [String: [String]] = [:], flags: Set<String> = []) {
        self.commandPath = commandPath
        var normalized: [String: [String]] = [:]
        for (name, list) in values {
            normalized[OptionSpec.bareName(name), default: []].append(contentsOf: list)
        }
        self.storedValues = normalized
        self.setFlags = Set(flags.map(OptionSpec.bareName))
    }

    /// The value of a single option, or its default, or `nil`.
    ///
    /// After `--period 2027-03`, `value("period") == "2027-03"` and
    /// `value("--period") == "2027-03"`; `value("out") == nil` when `--out`
    /// was not given and has no default.
    public func value(_ name: String) -> String? {
        storedValues[OptionSpec.bareName(name)]?.first
    }

    /// All values of a repeated option in command-line order (its default if
    /// none was given; empty if it has none).
    ///
    /// After `--plan a.json --plan=b.json`, `values("plan") == ["a.json", "b.json"]`.
    public func values(_ name: String) -> [String] {
        storedValues[OptionSpec.bareName(name)] ?? []
    }

    /// Whether a flag was given.
    ///
    /// After `generate --out d --deals 10 --force`, `flag("force") == true`
    /// and `flag("verbose") == false`.
    public func flag(_ name: String) -> Bool {
        setFlags.contains(OptionSpec.bareName(name))
    }
}

/// What the command line asks for: run a command, show help, show the
/// version, or a usage error.
///
/// Exit codes by convention: `.run` → whatever the command returns; `.help`
/// and `.version` → 0; `.usageError` → 64 (`EX_USAGE`). Help text goes to
/// stdout, usage errors to stderr; both texts end with a newline.
public enum ParseOutcome: Sendable, Equatable {
    /// Run the command in `ParsedArguments.commandPath`.
    case run(ParsedArguments)
    /// Print this text on stdout and exit 0.
    case help(String)
    /// Print the program's version on stdout and exit 0.
    case version
    /// Print this text on stderr and exit 64: one `error: …` line per
    /// problem, a usage line and a `See '… --help'.` line.
    case usageError(String)
}
