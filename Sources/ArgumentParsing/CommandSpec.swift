import TextSuggestions
/// One `--name` option of a command: its value name, help text and rules.
///
/// `OptionSpec("format", valueName: "FORMAT", help: "Summary format.",
/// allowed: ["text", "csv", "json"], defaultValue: "text")` accepts
/// `--format csv` or `--format=csv`, rejects `--format xml`, and reads as
/// `text` when absent. The name may be written with or without the leading
/// dashes: `"format"` and `"--format"` are the same option.
public struct OptionSpec: Sendable, Equatable {
    /// How an option takes values.
    ///
    /// `.single`: `--period 2027-03`, at most once. `.repeated`:
    /// `--plan a.json --plan b.json`, values kept in order. `.flag`:
    /// `--dry-run`, no value.
    public enum Kind: Sendable, Equatable {
        /// One value, given at most once.
        case single
        /// Any number of values, kept in order.
        case repeated
        /// No value; present or absent.
        case flag
    }

    /// The name without leading dashes, e.g. `plan`.
    public let name: String
    /// The placeholder shown in usage and help, e.g. `FILE`.
    public let valueName: String
    /// One line (or a short paragraph) shown in `--help`.
    public let help: String
    /// Single value, repeated values, or flag.
    public let kind: Kind
    /// Whether leaving the option out is a usage error.
    public let isRequired: Bool
    /// The only values accepted, if the option is an enumeration.
    public let allowedValues: [String]?
    /// The value used when a single or repeated option is not given.
    public let defaultValue: String?

    /// Declares an option.
    ///
    /// `OptionSpec("--plan", valueName: "FILE", help: "The plan.", required: true)`
    /// has `name == "plan"` and is shown as `--plan FILE`.
    public init(
        _ name: String,
        valueName: String = "VALUE",
        help: String,
        kind: Kind = .single,
        required: Bool = false,
        allowed: [String]? = nil,
        defaultValue: String? = nil
    ) {
        self.name = OptionSpec.bareName(name)
        self.valueName = valueName
        self.help = help
        self.kind = kind
        self.isRequired = required
        self.allowedValues = allowed
        self.defaultValue = defaultValue
    }

    /// The option as typed on the command line: `--plan`.
    ///
    /// For `OptionSpec("plan", help: "…")` this is `"--plan"`.
    public var flagName: String { "--" + name }

    /// `--plan FILE` for options with a value, `--dry-run` for flags.
    ///
    /// `OptionSpec("out", valueName: "DIR", help: "…").label == "--out DIR"`.
    public var label: String {
        kind == .flag ? flagName : "\(flagName) \(valueName)"
    }

    /// Strips leading dashes: `--plan` → `plan`, `plan` → `plan`.
    ///
    /// `bareName("--out") == "out"`.
    public static func bareName(_ name: String) -> String {
        String(name.drop(while: { $0 == "-" }))
    }
}

/// A command: its name, help texts, options and subcommands.
///
/// The root `channelcomp` has subcommands (`check`, `payout`, …) and no
/// options of its own; `payout` has options and no subcommands. A command with
/// subcommands only dispatches: `channelcomp` alone is a usage error listing
/// the subcommands.
public struct CommandSpec: Sendable, Equatable {
    /// The word typed to select the command, e.g. `payout`.
    public let name: String
    /// One line shown in the parent's subcommand list and as OVERVIEW.
    public let abstract: String
    /// Longer text shown in `--help` after the overview, verbatim.
    public let discussion: String
    /// Example command lines shown under EXAMPLES in `--help`.
    public let usageExamples: [String]
    /// The options, in the order help and usage show them.
    public let options: [OptionSpec]
    /// The subcommands, in the order help shows them.
    public let subcommands: [CommandSpec]

    /// Declares a command.
    ///
    /// `CommandSpec(name: "payout", abstract: "Compute a period's payouts.",
    /// options: [OptionSpec("period", valueName: "YYYY-MM", help: "…", required: true)])`.
    public init(
        name: String,
        abstract: String,
        discussion: String = "",
        usageExamples: [String] = [],
        options: [OptionSpec] = [],
        subcommands: [CommandSpec] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.usageExamples = usageExamples
        self.options = options
        self.subcommands = subcommands
    }

    /// The direct subcommand called `name`, if any.
    ///
    /// For the root, `subcommand(named: "payout")?.name == "payout"` and
    /// `subcommand(named: "Payout") == nil` (names are case-sensitive).
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first(where: { $0.name == name })
    }

    /// The option called `name` (with or without leading dashes), if any.
    ///
    /// `option(named: "--plan")` and `option(named: "plan")` find the same option.
    public func option(named name: String) -> OptionSpec? {
        let bare = OptionSpec.bareName(name)
        return options.first(where: { $0.name == bare })
    }

    /// The command at `path` below this one (`path` excludes this command's
    /// own name).
    ///
    /// `root.descendant(["payout"])?.name == "payout"`; `root.descendant([])`
    /// is the root itself.
    public func descendant(_ path: [String]) -> CommandSpec? {
        var current = self
        for name in path {
            guard let next = current.subcommand(named: name) else { return nil }
            current = next
        }
        return current
    }
}
