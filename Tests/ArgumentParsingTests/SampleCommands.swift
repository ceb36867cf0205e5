@testable import ArgumentParsing
@testable import TextSuggestions

/// A command tree shaped like `channelcomp`'s, for the parser tests.
enum SampleCommands {
    static let plan = OptionSpec("plan", valueName: "FILE", help: "The compensation plan (JSON).", required: true)
    static let data = OptionSpec("data", valueName: "DIR", help: "The data folder with deals.csv, people.csv and partners.csv.", required: true)
    static let period = OptionSpec("period", valueName: "YYYY-MM", help: "The month to compute.", required: true)

    static let payout = CommandSpec(
        name: "payout",
        abstract: "Compute a period's payouts and print a summary.",
        discussion: "Reads the plan and the data folder, computes every payee's payout for the\nperiod and prints a summary. Nothing is written into the data folder.",
        usageExamples: [
            "channelcomp payout --plan plan.json --data data --period 2027-03",
            "channelcomp payout --plan plan.json --data data --period 2027-03 --format csv",
        ],
        options: [
            plan, data, period,
            OptionSpec("out", valueName: "DIR", help: "Also write statements and payouts.csv into DIR."),
            OptionSpec("format", valueName: "FORMAT", help: "How to print the summary.",
                       allowed: ["text", "csv", "json"], defaultValue: "text"),
        ])

    static let root = CommandSpec(
        name: "channelcomp",
        abstract: "Incentive and commission compensation for direct and partner channels.",
        subcommands: [
            CommandSpec(name: "check", abstract: "Validate a plan and a data folder.", options: [plan, data]),
            payout,
            CommandSpec(
                name: "compare", abstract: "Run the same data under two plans.",
                options: [
                    OptionSpec("plan", valueName: "FILE", help: "A plan; give exactly two.", kind: .repeated, required: true),
                    data, period,
                ]),
            CommandSpec(
                name: "generate", abstract: "Write a deterministic synthetic data folder.",
                options: [
                    OptionSpec("out", valueName: "DIR", help: "The folder to create.", required: true),
                    OptionSpec("deals", valueName: "N", help: "How many deals.", required: true),
                    OptionSpec("seed", valueName: "S", help: "Random seed.", defaultValue: "1"),
                    OptionSpec("force", help: "Replace DIR if it exists.", kind: .flag),
                ]),
        ])
}
