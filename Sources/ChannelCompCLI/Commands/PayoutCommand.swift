import ChannelComp

/// `channelcomp payout`: a period's payouts as text, CSV or JSON; statements with `--out`.
enum PayoutCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let period = try ChannelCompCLI.period(args)
        let dataDirectory = args.value("data") ?? ""
        let outDirectory = args.value("out")
        let planFile = args.value("plan") ?? ""
        let force = args.flag("force")
        if let outDirectory { try OutputFolder.checkTarget(outDirectory, dataDirectory: dataDirectory, planFile: planFile, force: force) }
        let timer = PhaseTimer()
        let inputs = try InputLoader.load(planPath: args.value("plan") ?? "", dataDirectory: dataDirectory, console: console, timer: timer)
        let run = try compute(inputs, period: period, details: outDirectory != nil, timer: timer)
        timer.mark("output")
        for w in inputs.warnings + inputs.unknownPayeeWarnings(period: period) { console.error(w.render()) }
        if let outDirectory {
            let files = StatementWriter.files(run, inputs: inputs)
            try OutputFolder.write(files, to: outDirectory, period: period.description, dataDirectory: dataDirectory,
                                   planFile: planFile, force: force, console: console)
            console.error("wrote \(files.count) files to \(outDirectory)")
        }
        console.print(render(run, format: args.value("format") ?? "text", planFile: inputs.planFile), terminator: "")
        timer.report(to: console)
    }

    static func compute(_ inputs: Inputs, period: Period, details: Bool, timer: PhaseTimer? = nil) throws(CommandFailure) -> PayoutRun {
        var engine = PayoutEngine(plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger, journal: inputs.journal)
        if let timer { engine.phaseObserver = { timer.mark($0) } }
        do {
            return try engine.run(period: period, details: details)
        } catch {
            throw CommandFailure(.invalidData, error.description)
        }
    }

    static func render(_ run: PayoutRun, format: String, planFile: String) -> String {
        switch format {
        case "csv": return SummaryRenderer.csv(run)
        case "json": return SummaryRenderer.json(run)
        default: return SummaryRenderer.text(run, planFile: planFile)
        }
    }
}
