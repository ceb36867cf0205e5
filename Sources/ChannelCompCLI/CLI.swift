import ArgumentParsing
import ChannelComp

/// The `channelcomp` command line: subcommands, dispatch and exit codes.
public enum ChannelCompCLI {
    public static let version = "0.1.0"

    static let planOption = OptionSpec("plan", valueName: "FILE", help: "The compensation plan (JSON). Default: the plan named by the data folder's channelcomp.json.")
    static let dataOption = OptionSpec("data", valueName: "DIR", help: "The data folder: deals.csv, people.csv, partners.csv, journal.csv. Default: the current folder.")
    static let maxErrorsOption = RunSetup.maxErrorsOption
    static let periodOption = OptionSpec("period", valueName: "YYYY-MM", help: "The month to pay.", required: true)
    static let formatOption = OptionSpec("format", valueName: "FORMAT", help: "Output format.", allowed: ["text", "csv", "json"], defaultValue: "text")

    static let root = CommandSpec(
        name: "channelcomp",
        abstract: "Incentive and commission compensation for direct and channel sales.",
        discussion: "Turns a month of a deal ledger into per-person and per-partner payout statements.\nFormats and every number's meaning: docs/formats.md (in the project's repository).\nA data folder may name its plan in channelcomp.json ({\"plan\": \"../Plans/plan.json\"}); then --plan and --data can be left out inside it.",
        usageExamples: [
            "channelcomp check --plan Plans/channel-neutral.json --data Fixtures/sample",
            "channelcomp payout --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-03",
        ],
        subcommands: [
            CommandSpec(name: "check", abstract: "Validate the plan and the data folder; list every problem.",
                        usageExamples: ["channelcomp check --plan Plans/channel-neutral.json --data Fixtures/sample"],
                        options: [planOption, dataOption, maxErrorsOption]),
            CommandSpec(name: "payout", abstract: "Compute a period's payouts (a true-up against what was paid).",
                        discussion: "Prints a summary; with --out, writes statements (text and HTML), an index page and payouts.csv. Never writes into the data folder. --out must not contain the data folder or the plan; an earlier output folder is replaced only with --force, and only if it holds nothing but channelcomp's files. A write error on standard output exits 73.",
                        usageExamples: ["channelcomp payout --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-03 --format csv"],
                        options: [planOption, dataOption, periodOption, formatOption, maxErrorsOption,
                                  OptionSpec("out", valueName: "DIR", help: "Write statements into this folder: a new or empty one, outside the data folder, not holding the plan. An earlier output is replaced only with --force."),
                                  OptionSpec("force", help: "Let --out replace a folder channelcomp wrote before (only if it holds nothing else).", kind: .flag),
                                  OptionSpec("payroll-skip-zero", help: "With --out: leave lines of 0.00 out of payouts.csv.", kind: .flag),
                                  OptionSpec("payroll-mark-recoveries", help: "With --out: add a last column 'kind' to payouts.csv: payment, recovery (negative: to get back) or zero.", kind: .flag)]),
            CommandSpec(name: "close", abstract: "Compute a period's payouts and append them to the data folder's journal.csv.",
                        discussion: "Refuses a period already closed, or one whose earlier periods of the fiscal year are not closed. The append is atomic. Also refuses, unless given the flag named in the message: a plan other than the one recorded for the fiscal year, a period with no ledger rows, a plan with warnings, and opening a new fiscal year while the previous one has open months. Never runs unlocked: a second close, or a folder it cannot lock, is refused (73). Refuses an input whose last row has no line end, or that changed while it ran (65); a read-only journal (73). Exit codes: 0 ok, 64 usage, 65 invalid or refused data, 66 missing input, 73 cannot write. See README \"Safety\".",
                        usageExamples: ["channelcomp close --plan Plans/channel-neutral.json --data my-data --period 2027-01"],
                        options: [planOption, dataOption, periodOption, formatOption, maxErrorsOption,
                                  OptionSpec("closed-at", valueName: "TIMESTAMP", help: "Time recorded in the journal: ISO 8601 with a zone (2027-02-01T00:00:00Z) or a date (default: now, UTC)."),
                                  OptionSpec("accept-unterminated", help: "Close although an input CSV's last row has no line end (only if that row is complete).", kind: .flag),
                                  OptionSpec("accept-plan-change", help: "Close under a plan file other than the one recorded for the fiscal year (it re-rates the year to date).", kind: .flag),
                                  OptionSpec("allow-empty-period", help: "Close a period with no deals.csv row and no adjustment dated in it.", kind: .flag),
                                  OptionSpec("accept-plan-warnings", help: "Close although the plan has warnings (e.g. a rate without % above 100 %).", kind: .flag),
                                  OptionSpec("leave-previous-year-open", help: "Open a new fiscal year although the previous one has open months.", kind: .flag)]),
            CommandSpec(name: "audit", abstract: "Channel-neutrality and eligibility audit of a period and its year to date.",
                        discussion: """
                        Starts with a verdict, per person credited on both channels and overall, in two senses:
                          channel-neutral     same pay per NET dollar: (partner pay ÷ partner N) ÷ (direct pay ÷ direct S)
                          completely-neutral  same pay per GROSS dollar: (partner pay ÷ partner G) ÷ (direct pay ÷ direct S)
                        A ratio is neutral when |ratio − 1| ≤ the tolerance; overall, a sense is neutral when every
                        measured person is. The verdict that counts is the year to date's. Exit 2 with
                        --fail-on-violation when that sense is not met. Details: docs/audit.md.
                        """,
                        usageExamples: ["channelcomp audit --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-12",
                                        "channelcomp audit --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-04 --section summary --fail-on-violation channel-neutral"],
                        options: [planOption, dataOption, periodOption, formatOption, maxErrorsOption,
                                  OptionSpec("tolerance", valueName: "RATIO", help: "How far from 1 a ratio may be and still be neutral: 0.01 or 1% (default 0.01)."),
                                  OptionSpec("payee", valueName: "ID", help: "Only rows about this person (verdict, neutrality, channel conflicts)."),
                                  OptionSpec("section", valueName: "NAMES", help: "Only these parts, comma-separated: summary, neutrality, uncredited, registration, referral, conflict, max_discount, cost.", kind: .repeated),
                                  OptionSpec("top", valueName: "N", help: "Fold lists longer than N to their N largest rows plus the count and total of the rest; 0 shows all (default: 20 in text, 0 in csv/json)."),
                                  OptionSpec("fail-on-violation", valueName: "SENSE", help: "Exit 2 when the year to date is not neutral in this sense.", allowed: NeutralitySense.allCases.map(\.rawValue))]),
            CommandSpec(name: "compare", abstract: "The same data under two plans: per payee and in total.",
                        discussion: "Give --plan twice: the current plan first, the candidate second.",
                        usageExamples: ["channelcomp compare --plan Plans/channel-neutral.json --plan Plans/fully-neutral.json --data Fixtures/sample --period 2027-12"],
                        options: [OptionSpec("plan", valueName: "FILE", help: "A plan (JSON); give it twice: A then B.", kind: .repeated, required: true),
                                  dataOption, periodOption, formatOption, maxErrorsOption]),
            CommandSpec(name: "explain", abstract: "Every step of one payee's numbers, traced to deal rows and plan rules.",
                        usageExamples: ["channelcomp explain --plan Plans/channel-neutral.json --data Fixtures/sample --period 2027-03 --payee alice"],
                        options: [planOption, dataOption, periodOption, maxErrorsOption,
                                  OptionSpec("payee", valueName: "ID", help: "A person or partner id.", required: true),
                                  OptionSpec("payee-type", valueName: "TYPE", help: "Which payee, when a person and a partner share the id.", allowed: ["person", "partner"]),
                                  OptionSpec("format", valueName: "FORMAT", help: "Output format.", allowed: ["text", "json"], defaultValue: "text")]),
            CommandSpec(name: "generate", abstract: "Write a deterministic synthetic data folder of any size (demos, benchmarks).",
                        discussion: "Writes deals.csv, people.csv, partners.csv and the plan.json they are made for. The same --deals and --seed always give the same bytes. The folder must be new or empty: generate never overwrites a data folder.",
                        usageExamples: ["channelcomp generate --out /tmp/cc-1m --deals 1000000 --seed 7"],
                        options: [OptionSpec("out", valueName: "DIR", help: "Folder to write (created; must be new or empty).", required: true),
                                  OptionSpec("deals", valueName: "N", help: "Number of ledger rows.", required: true),
                                  OptionSpec("seed", valueName: "S", help: "Random seed.", defaultValue: "1"),
                                  OptionSpec("shape", valueName: "SHAPE", help: "deals.csv layout: plain (the generator's own column order, LF) or realistic (another column order, BOM, CRLF, quoted and padded fields, cancellations repeating their booking's columns, a free-text notes column) — the same ledger either way.", allowed: ["plain", "realistic"], defaultValue: "plain"),
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
            } catch {
                console.error(error.message)
                return error.code.rawValue
            }
            if let failure = console.outputFailure {
                console.error("error: cannot write standard output: \(failure); the output is incomplete and must not be used")
                return ExitCode.cannotWrite.rawValue
            }
            return ExitCode.success.rawValue
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
            else if let guess = periodSuggestion(text) { problem += " (did you mean '\(guess)'?)" }
            throw CommandFailure(.usage, ArgumentParser.usageErrorText([problem], commandPath: args.commandPath, root: root)
                .trimmingSuffixNewline)
        }
        return p
    }
}

/// The month a mistyped `--period` most likely meant, if it is a valid one.
///
/// `2027-3` → `2027-03`; `2027/03` → `2027-03`; `03/2027` → `2027-03`; `2027-03-15` → `2027-03`.
func periodSuggestion(_ text: String) -> String? {
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
    guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
    var year: String?, month: String?
    if parts.count >= 2, parts[0].count == 4 { year = parts[0]; month = parts[1] }
    else if parts.count == 2, parts[1].count == 4 { year = parts[1]; month = parts[0] }
    guard let year, let month, month.count <= 2, let m = Int(month), (1...12).contains(m) else { return nil }
    let guess = year + "-" + (m < 10 ? "0" : "") + String(m)
    return guess == text ? nil : guess
}

extension String {
    var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
