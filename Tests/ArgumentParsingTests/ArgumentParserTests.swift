import Testing
@testable import ArgumentParsing
@testable import TextSuggestions

private let payoutUsage = """
    Usage: channelcomp payout --plan FILE --data DIR --period YYYY-MM [--out DIR] [--format FORMAT]
    See 'channelcomp payout --help'.

    """

private let rootUsage = """
    Usage: channelcomp <subcommand>
    See 'channelcomp --help'.

    """

/// `error: …` lines followed by the payout usage lines.
private func payoutError(_ problems: String...) -> ParseOutcome {
    .usageError(problems.map { "error: \($0)\n" }.joined() + payoutUsage)
}

private func rootError(_ problems: String...) -> ParseOutcome {
    .usageError(problems.map { "error: \($0)\n" }.joined() + rootUsage)
}

private func run(_ command: String, _ values: [String: [String]], flags: Set<String> = []) -> ParseOutcome {
    .run(ParsedArguments(commandPath: ["channelcomp", command], values: values, flags: flags))
}

private let validPayout = ["payout", "--plan", "p.json", "--data", "d", "--period", "2027-03"]
private let payoutValues: [String: [String]] = [
    "plan": ["p.json"], "data": ["d"], "period": ["2027-03"], "format": ["text"],
]

private func parse(_ arguments: [String]) -> ParseOutcome {
    ArgumentParser.parse(arguments, root: SampleCommands.root, version: "1.0.0")
}

// MARK: - Outcomes

struct ArgumentParserOutcomeTests {
    struct Case: Sendable, CustomStringConvertible {
        let arguments: [String]
        let expected: ParseOutcome
        var description: String { arguments.isEmpty ? "(no arguments)" : arguments.joined(separator: " ") }
        init(_ arguments: [String], _ expected: ParseOutcome) {
            self.arguments = arguments
            self.expected = expected
        }
    }

    static let runs: [Case] = [
        // `--format` is absent, so it reads as its default `text`.
        Case(validPayout, run("payout", payoutValues)),
        Case(["payout", "--plan=p.json", "--data=d", "--period=2027-03", "--format=csv", "--out", "o"],
             run("payout", ["plan": ["p.json"], "data": ["d"], "period": ["2027-03"], "format": ["csv"], "out": ["o"]])),
        // Options in any order.
        Case(["payout", "--period", "2027-03", "--format", "json", "--data", "d", "--plan", "p.json"],
             run("payout", ["plan": ["p.json"], "data": ["d"], "period": ["2027-03"], "format": ["json"]])),
        // A value may contain '=' and may start with a single '-'.
        Case(["payout", "--plan=a=b.json", "--data", "-", "--period", "2027-03"],
             run("payout", ["plan": ["a=b.json"], "data": ["-"], "period": ["2027-03"], "format": ["text"]])),
        // Repeated option: values in command-line order.
        Case(["compare", "--plan", "a.json", "--data", "d", "--plan=b.json", "--period", "2027-03"],
             run("compare", ["plan": ["a.json", "b.json"], "data": ["d"], "period": ["2027-03"]])),
        Case(["generate", "--out", "o", "--deals", "100", "--force"],
             run("generate", ["out": ["o"], "deals": ["100"], "seed": ["1"]], flags: ["force"])),
        // A negative number is a value, not an option.
        Case(["generate", "--out", "o", "--deals", "-5", "--seed", "42"],
             run("generate", ["out": ["o"], "deals": ["-5"], "seed": ["42"]])),
        Case(["check", "--plan", "p.json", "--data", "d"],
             .run(ParsedArguments(commandPath: ["channelcomp", "check"], values: ["plan": ["p.json"], "data": ["d"]]))),
    ]

    static let helpAndVersion: [Case] = [
        Case(["--version"], .version),
        Case(["--help"], .help(rootHelp)),
        Case(["-h"], .help(rootHelp)),
        Case(["help"], .help(rootHelp)),
        // Help wins over errors given before it.
        Case(["--bogus", "--help"], .help(rootHelp)),
        Case(["payout", "--help"], .help(payoutHelp)),
        Case(["payout", "-h"], .help(payoutHelp)),
        Case(["help", "payout"], .help(payoutHelp)),
        Case(["help", "payout", "--help"], .help(payoutHelp)),
        Case(["payout", "--plan", "p.json", "--help"], .help(payoutHelp)),
        Case(["payout", "--bogus", "--format", "xml", "-h"], .help(payoutHelp)),
    ]

    static let errors: [Case] = [
        Case([], rootError("missing subcommand; choose one of: check, payout, compare, generate")),
        // "paypout" → "payout": delete one 'p' = 1 edit (allowance max(1, 6/3) = 2).
        Case(["paypout"], rootError("unknown subcommand 'paypout'; did you mean 'payout'?")),
        // "comprae" → "compare": one swap.
        Case(["comprae", "--plan", "a"], rootError("unknown subcommand 'comprae'; did you mean 'compare'?")),
        // "gen" is a prefix of only "generate".
        Case(["gen"], rootError("unknown subcommand 'gen'; did you mean 'generate'?")),
        Case(["frobnicate"], rootError("unknown subcommand 'frobnicate'; choose one of: check, payout, compare, generate")),
        Case(["help", "paypout"], rootError("unknown subcommand 'paypout'; did you mean 'payout'?")),
        Case(["help", "payout", "extra"], payoutError("'channelcomp payout' has no subcommands; found 'extra'")),
        Case(["--verison"], rootError("unknown option '--verison'; did you mean '--version'?")),
        Case(["--plan", "p.json", "payout"],
             rootError("option '--plan' must come after the subcommand: 'channelcomp payout --plan ...'")),
        Case(["--period=2027-03"],
             rootError("option '--period' must come after the subcommand: 'channelcomp <subcommand> --period ...'")),
        // The value after an unknown option is skipped, not reported again.
        Case(["payout", "--peroid", "2027-03", "--plan", "p", "--data", "d"],
             payoutError("unknown option '--peroid'; did you mean '--period'?",
                         "missing required option '--period YYYY-MM'")),
        Case(validPayout + ["--fromat=csv"], payoutError("unknown option '--fromat'; did you mean '--format'?")),
        Case(validPayout + ["--hepl"], payoutError("unknown option '--hepl'; did you mean '--help'?")),
        Case(validPayout + ["--verbose"], payoutError("unknown option '--verbose'")),
        // --version belongs to the root only.
        Case(validPayout + ["--version"], payoutError("unknown option '--version'")),
        Case(validPayout + ["-p", "x"], payoutError("unknown option '-p'")),
        Case(["payout", "-plan", "p.json", "--data", "d", "--period", "2027-03"],
             payoutError("unknown option '-plan'; did you mean '--plan'?", "missing required option '--plan FILE'")),
        Case(["payout"],
             payoutError("missing required option '--plan FILE'", "missing required option '--data DIR'",
                         "missing required option '--period YYYY-MM'")),
        Case(validPayout + ["--format", "xml"],
             payoutError("option '--format' expects one of text, csv, json; found 'xml'")),
        // "jsn" → "json": one insertion.
        Case(validPayout + ["--format=jsn"],
             payoutError("option '--format' expects one of text, csv, json; found 'jsn'; did you mean 'json'?")),
        Case(validPayout + ["--out"], payoutError("option '--out' needs a value DIR")),
        Case(validPayout + ["--out="], payoutError("option '--out' needs a value DIR")),
        Case(validPayout + ["--out", ""], payoutError("option '--out' needs a value DIR")),
        // The next word starts with "--", so it is not taken as the value.
        Case(["payout", "--plan", "--data", "d", "--period", "2027-03"],
             payoutError("option '--plan' needs a value FILE")),
        Case(validPayout + ["--period", "2027-04"],
             payoutError("option '--period' given twice ('2027-03', then '2027-04'); give it once")),
        Case(validPayout + ["--format", "csv", "--format=csv"],
             payoutError("option '--format' given twice ('csv', then 'csv'); give it once")),
        Case(validPayout + ["extra"], payoutError("unexpected argument 'extra'")),
        Case(["payout", "plan", "p.json", "--data", "d", "--period", "2027-03"],
             payoutError("unexpected argument 'plan'; did you mean '--plan'?", "unexpected argument 'p.json'",
                         "missing required option '--plan FILE'")),
        // After "--" everything is an argument, and commands take none.
        Case(validPayout + ["--", "--help"], payoutError("unexpected argument '--help'")),
        // Every problem on its own line, in command-line order, then missing options.
        Case(["payout", "--format", "xml", "--plan", "a", "--plan", "b", "stray"],
             payoutError("option '--format' expects one of text, csv, json; found 'xml'",
                         "option '--plan' given twice ('a', then 'b'); give it once",
                         "unexpected argument 'stray'",
                         "missing required option '--data DIR'",
                         "missing required option '--period YYYY-MM'")),
        Case(["generate", "--out", "o", "--deals", "1", "--force=yes"],
             .usageError("""
                 error: flag '--force' does not take a value; write '--force' alone
                 Usage: channelcomp generate --out DIR --deals N [--seed S] [--force]
                 See 'channelcomp generate --help'.

                 """)),
        Case(["compare", "--data", "d", "--period", "2027-03"],
             .usageError("""
                 error: missing required option '--plan FILE'
                 Usage: channelcomp compare --plan FILE ... --data DIR --period YYYY-MM
                 See 'channelcomp compare --help'.

                 """)),
    ]

    @Test(arguments: runs)
    func runsCommands(_ example: Case) {
        #expect(parse(example.arguments) == example.expected)
    }

    @Test(arguments: helpAndVersion)
    func showsHelpAndVersion(_ example: Case) {
        #expect(parse(example.arguments) == example.expected)
    }

    @Test(arguments: errors)
    func reportsUsageErrors(_ example: Case) {
        let outcome = parse(example.arguments)
        #expect(outcome == example.expected)
        if outcome != example.expected, case .usageError(let text) = outcome {
            print("actual for \(example):\n\(text)")
        }
    }
}

// MARK: - Help snapshots

private let rootHelp = """
    OVERVIEW: Incentive and commission compensation for direct and partner channels.

    USAGE: channelcomp <subcommand>

    OPTIONS:
      --version             Show the version (1.0.0).
      -h, --help            Show help information.

    SUBCOMMANDS:
      check                 Validate a plan and a data folder.
      payout                Compute a period's payouts and print a summary.
      compare               Run the same data under two plans.
      generate              Write a deterministic synthetic data folder.

    See 'channelcomp help <subcommand>' for detailed help.

    """

private let payoutHelp = """
    OVERVIEW: Compute a period's payouts and print a summary.

    Reads the plan and the data folder, computes every payee's payout for the
    period and prints a summary. Nothing is written into the data folder.

    USAGE: channelcomp payout --plan FILE --data DIR --period YYYY-MM [--out DIR] [--format FORMAT]

    OPTIONS:
      --plan FILE           The compensation plan (JSON).
      --data DIR            The data folder with deals.csv, people.csv and
                            partners.csv.
      --period YYYY-MM      The month to compute.
      --out DIR             Also write statements and payouts.csv into DIR.
      --format FORMAT       How to print the summary. (values: text, csv, json;
                            default: text)
      -h, --help            Show help information.

    EXAMPLES:
      channelcomp payout --plan plan.json --data data --period 2027-03
      channelcomp payout --plan plan.json --data data --period 2027-03 --format csv

    """

struct HelpTextTests {
    @Test func payoutHelpSnapshot() {
        let text = ArgumentParser.helpText(
            commandPath: ["channelcomp", "payout"], root: SampleCommands.root, version: "1.0.0")
        #expect(text == payoutHelp)
        // Every line fits in 80 columns except the usage line, which is never wrapped.
        for line in payoutHelp.split(separator: "\n") where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "\(line)")
        }
    }

    @Test func generateHelpShowsFlagsRepeatableAndDefaults() {
        let text = ArgumentParser.helpText(
            commandPath: ["channelcomp", "generate"], root: SampleCommands.root, version: "1.0.0")
        #expect(text == """
            OVERVIEW: Write a deterministic synthetic data folder.

            USAGE: channelcomp generate --out DIR --deals N [--seed S] [--force]

            OPTIONS:
              --out DIR             The folder to create.
              --deals N             How many deals.
              --seed S              Random seed. (default: 1)
              --force               Replace DIR if it exists.
              -h, --help            Show help information.

            """)
        let compare = ArgumentParser.helpText(
            commandPath: ["channelcomp", "compare"], root: SampleCommands.root, version: "1.0.0")
        #expect(compare?.contains("  --plan FILE           A plan; give exactly two. (repeatable)\n") == true)
    }

    @Test func unknownHelpPathIsNil() {
        #expect(ArgumentParser.helpText(commandPath: ["channelcomp", "nope"], root: SampleCommands.root, version: "1") == nil)
        #expect(ArgumentParser.helpText(commandPath: ["other"], root: SampleCommands.root, version: "1") == nil)
    }

    @Test func longLabelsGetTheirOwnLine() {
        // "--a-very-long-option-name VALUE" is 31 characters, wider than the 20 that fit the column.
        let lines = HelpFormatter.table([("--a-very-long-option-name VALUE", "Help.")])
        #expect(lines == ["  --a-very-long-option-name VALUE", "                        Help."])
    }

    @Test func wrapsAtSpaces() {
        #expect(HelpFormatter.wrap("a bb ccc", width: 4) == ["a bb", "ccc"])
        #expect(HelpFormatter.wrap("averyveryverylongword x", width: 5) == ["averyveryverylongword", "x"])
        #expect(HelpFormatter.wrap("", width: 10) == [])
    }
}

// MARK: - Usage errors raised by commands

struct UsageErrorTextTests {
    @Test func commandsCanReportValidationErrorsInTheSameLayout() {
        let text = ArgumentParser.usageErrorText(
            ["'2027-13' is not a month; expected YYYY-MM"],
            commandPath: ["channelcomp", "payout"], root: SampleCommands.root)
        #expect(text == "error: '2027-13' is not a month; expected YYYY-MM\n" + payoutUsage)
    }

    @Test func unknownPathFallsBackToTheRoot() {
        let text = ArgumentParser.usageErrorText(["boom"], commandPath: ["channelcomp", "nope"], root: SampleCommands.root)
        #expect(text == "error: boom\n" + rootUsage)
    }
}

// MARK: - Parsed arguments

struct ParsedArgumentsTests {
    @Test func namesWorkWithOrWithoutDashes() {
        let parsed = ParsedArguments(
            commandPath: ["channelcomp", "compare"], values: ["--plan": ["a.json", "b.json"], "period": ["2027-03"]],
            flags: ["--force"])
        #expect(parsed.values("plan") == ["a.json", "b.json"])
        #expect(parsed.values("--plan") == ["a.json", "b.json"])
        #expect(parsed.value("--period") == "2027-03")
        #expect(parsed.value("period") == "2027-03")
        #expect(parsed.value("out") == nil)
        #expect(parsed.values("out") == [])
        #expect(parsed.flag("force"))
        #expect(parsed.flag("--force"))
        #expect(!parsed.flag("verbose"))
    }

    @Test func parsedDefaultsAreReadable() throws {
        guard case .run(let parsed) = parse(validPayout) else {
            Issue.record("expected .run")
            return
        }
        #expect(parsed.commandPath == ["channelcomp", "payout"])
        #expect(parsed.value("format") == "text")
        #expect(parsed.value("out") == nil)
    }

    @Test func optionSpecNormalizesItsName() {
        let option = OptionSpec("--out", valueName: "DIR", help: "Output.")
        #expect(option.name == "out")
        #expect(option.flagName == "--out")
        #expect(option.label == "--out DIR")
        #expect(OptionSpec("force", help: "", kind: .flag).label == "--force")
        #expect(SampleCommands.payout.option(named: "--format")?.defaultValue == "text")
        #expect(SampleCommands.root.descendant(["payout"]) == SampleCommands.payout)
        #expect(SampleCommands.root.descendant([]) == SampleCommands.root)
        #expect(SampleCommands.root.descendant(["payout", "x"]) == nil)
    }
}

// MARK: - Suggestions

struct SuggestionTests {
    static let distances: [(String, String, Int)] = [
        ("", "abc", 3),
        ("abc", "", 3),
        ("period", "period", 0),
        ("peroid", "period", 1),    // swap o/i
        ("perod", "period", 1),     // insert i
        ("plan", "data", 4),        // four substitutions; lining up the shared 'a' costs 4 too
        ("kitten", "sitting", 3),   // k→s, e→i, +g
        ("ca", "abc", 3),           // OSA (not full Damerau, which gives 2)
    ]

    @Test(arguments: distances)
    func editDistance(_ left: String, _ right: String, _ expected: Int) {
        #expect(Suggestions.editDistance(left, right) == expected)
    }

    static let suggestions: [(String, [String], String?)] = [
        ("peroid", ["plan", "data", "period"], "period"),
        ("PAYOUT", ["check", "payout"], "payout"),      // case is ignored
        ("xml", ["text", "csv", "json"], nil),          // 3 edits from each
        ("jsn", ["text", "csv", "json"], "json"),
        ("gen", ["check", "generate"], "generate"),     // unique prefix
        ("c", ["check", "compare"], nil),               // one letter: no prefix guess
        ("co", ["check", "compare", "cost"], nil),      // prefix of two: ambiguous; all are too long for an edit match
        ("out", ["plan", "out"], "out"),
        ("ot", ["plan", "out"], "out"),                 // 1 insertion, allowance max(1, 3/3) = 1
        ("xy", ["plan", "out"], nil),
    ]

    @Test(arguments: suggestions)
    func closest(_ typed: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestions.closest(to: typed, among: candidates) == expected)
    }
}

// MARK: - Other tree shapes

struct NestedAndLeafRootTests {
    static let nested = CommandSpec(
        name: "tool", abstract: "A tool.",
        subcommands: [
            CommandSpec(
                name: "admin", abstract: "Administration.",
                subcommands: [
                    CommandSpec(name: "reset", abstract: "Reset everything.",
                                options: [OptionSpec("yes", help: "Really.", kind: .flag)]),
                ]),
        ])

    static let leafRoot = CommandSpec(
        name: "single", abstract: "A command without subcommands.",
        options: [OptionSpec("name", valueName: "NAME", help: "Who.", required: true)])

    @Test func nestedGroups() {
        #expect(ArgumentParser.parse(["admin", "reset", "--yes"], root: Self.nested, version: "1")
            == .run(ParsedArguments(commandPath: ["tool", "admin", "reset"], flags: ["yes"])))
        #expect(ArgumentParser.parse(["admin"], root: Self.nested, version: "1") == .usageError("""
            error: missing subcommand; choose one of: reset
            Usage: tool admin <subcommand>
            See 'tool admin --help'.

            """))
        let resetHelp = ArgumentParser.helpText(commandPath: ["tool", "admin", "reset"], root: Self.nested, version: "1")
        #expect(resetHelp != nil)
        #expect(ArgumentParser.parse(["help", "admin", "reset"], root: Self.nested, version: "1") == .help(resetHelp ?? ""))
        #expect(ArgumentParser.parse(["admin", "help", "reset"], root: Self.nested, version: "1") == .help(resetHelp ?? ""))
        #expect(ArgumentParser.parse(["admin", "reset", "-h"], root: Self.nested, version: "1") == .help(resetHelp ?? ""))
        // --version is for the root only.
        #expect(ArgumentParser.parse(["admin", "--version"], root: Self.nested, version: "1") == .usageError("""
            error: unknown option '--version'
            Usage: tool admin <subcommand>
            See 'tool admin --help'.

            """))
        #expect(ArgumentParser.parse(["admin", "--help"], root: Self.nested, version: "1") == .help("""
            OVERVIEW: Administration.

            USAGE: tool admin <subcommand>

            OPTIONS:
              -h, --help            Show help information.

            SUBCOMMANDS:
              reset                 Reset everything.

            See 'tool help admin <subcommand>' for detailed help.

            """))
    }

    @Test func rootWithoutSubcommands() {
        #expect(ArgumentParser.parse(["--name", "x"], root: Self.leafRoot, version: "2")
            == .run(ParsedArguments(commandPath: ["single"], values: ["name": ["x"]])))
        #expect(ArgumentParser.parse(["--version"], root: Self.leafRoot, version: "2") == .version)
        #expect(ArgumentParser.parse([], root: Self.leafRoot, version: "2") == .usageError("""
            error: missing required option '--name NAME'
            Usage: single --name NAME
            See 'single --help'.

            """))
        #expect(ArgumentParser.parse(["-h"], root: Self.leafRoot, version: "2") == .help("""
            OVERVIEW: A command without subcommands.

            USAGE: single --name NAME

            OPTIONS:
              --name NAME           Who.
              --version             Show the version (2).
              -h, --help            Show help information.

            """))
    }
}
