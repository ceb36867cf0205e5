import ArgumentParsing
import ChannelComp

/// `channelcomp payout`: a period's payouts as text, CSV or JSON; statements with `--out`.
enum PayoutCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let period = try ChannelCompCLI.period(args)
        let outDirectory = args.value("out")
        for flag in ["payroll-skip-zero", "payroll-mark-recoveries"] where args.flag(flag) && outDirectory == nil {
            throw CommandFailure(.usage, ArgumentParser.usageErrorText(["option '--\(flag)' shapes payouts.csv, which only --out DIR writes"],
                                                                       commandPath: args.commandPath, root: ChannelCompCLI.root).trimmingSuffixNewline)
        }
        let (planFile, dataDirectory) = try RunSetup.locate(args)
        let force = args.flag("force")
        if let outDirectory { try OutputFolder.checkTarget(outDirectory, dataDirectory: dataDirectory, planFile: planFile, force: force) }
        let timer = PhaseTimer()
        let inputs = try RunSetup.load(args, console: console, timer: timer)
        let run = try compute(inputs, period: period, details: outDirectory != nil, timer: timer, console: console,
                              splitDetails: outDirectory == nil)
        timer.mark("output")
        for w in inputs.warnings + inputs.unknownPayeeWarnings(period: period) { console.error(w.render()) }
        for w in RunWarnings.journalWarnings(run, inputs: inputs) { console.error(w.render()) }
        if let outDirectory {
            let payroll = PayrollCSV.Options(skipZero: args.flag("payroll-skip-zero"), markRecoveries: args.flag("payroll-mark-recoveries"))
            var count = 0
            try OutputFolder.write(to: outDirectory, period: period.description, dataDirectory: dataDirectory,
                                   planFile: planFile, force: force, console: console) { sink in
                let names = try StatementWriter.write(run, inputs: inputs, payroll: payroll, to: sink)
                count = names.count
                return names
            }
            console.error("wrote \(count) files to \(outDirectory)")
        }
        console.print(render(run, format: args.value("format") ?? "text", planFile: inputs.planFile), terminator: "")
        timer.report(to: console)
    }

    /// Runs the engine; with a console, warns when the period's fiscal year has no ledger rows.
    ///
    /// `splitDetails`: false for the statements run, which keeps its one-pass memory (see
    /// ``PayoutEngine/splitDetails``).
    static func compute(_ inputs: Inputs, period: Period, details: Bool, timer: PhaseTimer? = nil,
                        console: Console? = nil, splitDetails: Bool = true) throws(CommandFailure) -> PayoutRun {
        var engine = PayoutEngine(plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger, journal: inputs.journal)
        engine.adjustments = inputs.adjustments
        engine.threads = ParallelMap.defaultThreads
        engine.splitDetails = splitDetails
        if let timer { engine.phaseObserver = { timer.mark($0) } }
        let run: PayoutRun
        do {
            run = try engine.run(period: period, details: details)
        } catch {
            throw CommandFailure(.invalidData, error.description)
        }
        if let console, let warning = RunNotices.noDataInFiscalYear(run, ledger: inputs.ledger) { console.error(warning.render()) }
        return run
    }

    static func render(_ run: PayoutRun, format: String, planFile: String) -> String {
        switch format {
        case "csv": return SummaryRenderer.csv(run)
        case "json": return SummaryRenderer.json(run)
        default: return SummaryRenderer.text(run, planFile: planFile)
        }
    }
}
