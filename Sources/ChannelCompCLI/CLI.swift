import ChannelComp

/// The `channelcomp` command line: subcommands, dispatch and exit codes.
public enum ChannelCompCLI {
    public static let version = "0.1.0"

    static let planOption = OptionSpec("plan", valueName: "FILE", help: "The compensation plan (JSON).", required: true)
    static let dataOption = OptionSpec("data", valueName: "DIR", help: "The data folder: deals.csv, people.csv, partners.csv, journal.csv.", required: true)
    static let periodOption = OptionSpec("period", valueName: "YYYY-MM", help: "The month to pay.", required: true)
    static let formatOption = OptionSpec("format", valueName: "FORMAT", help: "Output format.", allowed: ["text", "csv", "json"], defaultValue: "text")

    static let root = CommandSpec(
        name: "channelcomp",
        abstract: "Incentive and commission compensation for direct and channel sales.",
        discussion: "Turns a month of a deal ledger into per-person and per-partner payout statements.\nFormats and every number's meaning: README.md and SPEC.md.",
        usageExamples: [
            "channelcomp check --plan Plans/channel-neutral.json --data Fixtures/sample",
            "channelcomp payout --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-03",
        ],
        subcommands: [
            CommandSpec(name: "check", abstract: "Validate the plan and the data folder; list every problem.",
                        usageExamples: ["channelcomp check --plan Plans/channel-neutral.json --data Fixtures/sample"],
                        options: [planOption, dataOption]),
            CommandSpec(name: "payout", abstract: "Compute a period's payouts (a true-up against what was paid).",
                        discussion: "Prints a summary; with --out, writes statements (text and HTML), an index page and payouts.csv. Never writes into the data folder.",
                        usageExamples: ["channelcomp payout --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-03 --format csv"],
                        options: [planOption, dataOption, periodOption, formatOption,
                                  OptionSpec("out", valueName: "DIR", help: "Write statements into this folder (created; must not exist or be empty).")]),
            CommandSpec(name: "close", abstract: "Compute a period's payouts and append them to the data folder's journal.csv.",
                        discussion: "Refuses a period already closed, or one whose earlier periods of the fiscal year are not closed. The append is atomic.",
                        usageExamples: ["channelcomp close --plan Plans/channel-neutral.json --data my-data --period 2027-01"],
                        options: [planOption, dataOption, periodOption, formatOption,
                                  OptionSpec("closed-at", valueName: "TIMESTAMP", help: "Time recorded in the journal (default: now, UTC).")]),
            CommandSpec(name: "audit", abstract: "Channel-neutrality and eligibility audit of a period and its year to date.",
                        usageExamples: ["channelcomp audit --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-12"],
                        options: [planOption, dataOption, periodOption, formatOption]),
            CommandSpec(name: "compare", abstract: "The same data under two plans: per payee and in total.",
                        discussion: "Give --plan twice: the current plan first, the candidate second.",
                        usageExamples: ["channelcomp compare --plan Plans/channel-neutral.json --plan Plans/fully-neutral.json --data Fixtures/sample --period 2027-12"],
                        options: [OptionSpec("plan", valueName: "FILE", help: "A plan (JSON); give it twice: A then B.", kind: .repeated, required: true),
                                  dataOption, periodOption, formatOption]),
            CommandSpec(name: "explain", abstract: "Every step of one payee's numbers, traced to deal rows and plan rules.",
                        usageExamples: ["channelcomp explain --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-03 --payee alice"],
                        options: [planOption, dataOption, periodOption,
                                  OptionSpec("payee", valueName: "ID", help: "A person or partner id.", required: true),
                                  OptionSpec("format", valueName: "FORMAT", help: "Output format.", allowed: ["text", "json"], defaultValue: "text")]),
            CommandSpec(name: "generate", abstract: "Write a deterministic synthetic data folder of any size (demos, benchmarks).",
                        discussion: "Writes deals.csv, people.csv, partners.csv and the plan.json they are made for. The same --deals and --seed always give the same bytes.",
                        usageExamples: ["channelcomp generate --out /tmp/cc-1m --deals 1000000 --seed 7"],
                        options: [OptionSpec("out", valueName: "DIR", help: "Folder to write (created).", required: true),
                                  OptionSpec("deals", valueName: "N", help: "Number of ledger rows.", required: true),
                                  OptionSpec("seed", valueName: "S", help: "Random seed.", defaultValue: "1"),
                                  OptionSpec("roster-changes", help: "Add a changing roster (SPEC 8): hires, leavers, territory moves, quota changes, managers, partner manager changes.", kind: .flag)]),
        ])

    /// Runs the command line and returns the exit status; output goes to `console`.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        switch ArgumentParser.parse(arguments, root: root, version: version) {
        case .help(let text):
            console.print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return ExitCode.success.rawValue
        case .version:
            console.print("channelcomp \(version)")
            return ExitCode.success.rawValue
        case .usageError(let text):
            console.error(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            return ExitCode.usage.rawValue
        case .run(let parsed):
            do {
                try dispatch(parsed, console: console)
                return ExitCode.success.rawValue
            } catch {
                console.error(error.message)
                return error.code.rawValue
            }
        }
    }

    static func dispatch(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        switch args.commandPath.last {
        case "check": try CheckCommand.run(args, console: console)
        case "payout": try PayoutCommand.run(args, console: console)
        case "close": try CloseCommand.run(args, console: console)
        case "generate": try GenerateCommand.run(args, console: console)
        case "audit": try AuditCommand.run(args, console: console)
        case "compare": try CompareCommand.run(args, console: console)
        case "explain": try ExplainCommand.run(args, console: console)
        default: throw CommandFailure(.usage, "error: no command given. See 'channelcomp --help'.")
        }
    }

    /// `--period`, validated (a bad month is a usage error, exit 64).
    static func period(_ args: ParsedArguments) throws(CommandFailure) -> Period {
        let text = args.value("period") ?? ""
        guard let p = Period(parsing: text) else {
            var problem = "option '--period' expects a month YYYY-MM, found '\(text)'"
            if text.utf8.count == 7, let month = Int(text.suffix(2)), !(1...12).contains(month) { problem += " (there is no month \(month))" }
            throw CommandFailure(.usage, ArgumentParser.usageErrorText([problem], commandPath: args.commandPath, root: root)
                .trimmingSuffixNewline)
        }
        return p
    }
}

extension String {
    var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
