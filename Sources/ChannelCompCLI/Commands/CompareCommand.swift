import ArgumentParsing
import ChannelComp

/// `channelcomp compare`: the same data and period under plan A and plan B, per payee and in
/// total, with cost of sales per channel and neutrality under each plan.
///
/// Exactly two `--plan` (else a usage error, exit 64); both plans must use one currency (else
/// exit 65, before the data is read against them).
enum CompareCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let plans = args.values("plan")
        guard plans.count == 2 else {
            let problem = "option '--plan' must be given exactly twice (plan A, then plan B); found \(plans.count)"
            throw CommandFailure(.usage, ArgumentParser.usageErrorText([problem], commandPath: args.commandPath,
                                                                       root: ChannelCompCLI.root).trimmingSuffixNewline)
        }
        let period = try ChannelCompCLI.period(args)
        let dataDirectory = args.value("data") ?? "."
        let digest = try RunSetup.digest(args)
        try checkComparable(plans[0], plans[1], period: period)
        let timer = PhaseTimer()
        defer { timer.report(to: console) }
        timer.mark("load")
        let a = try InputLoader.load(planPath: plans[0], dataDirectory: dataDirectory, console: console, digest: digest)
        // Plan B reads the folder as plan A does (most comparisons): A's loaded data, not a second load.
        let b = try InputLoader.load(planPath: plans[1], sharing: a, console: console, digest: digest)
        timer.mark("runs")
        // The two runs are independent: one per core.
        let threads = ParallelMap.defaultThreads
        let (resultA, resultB) = ParallelMap.both(threads: threads,
            { Result { () throws(CommandFailure) in try PayoutCommand.compute(a, period: period, details: true, splitDetails: false) } },
            { Result { () throws(CommandFailure) in try PayoutCommand.compute(b, period: period, details: true, splitDetails: false) } })
        let runA = try resultA.get()
        let runB = try resultB.get()
        var printed = Set<String>()
        for w in a.warnings + b.warnings {
            let text = w.render()
            if printed.insert(text).inserted { console.error(text) }
        }
        timer.mark("report")
        let report: CompareReport
        do {
            report = try CompareReport.build(a: .init(run: runA, plan: a.plan, roster: a.roster, ledger: a.ledger),
                                             b: .init(run: runB, plan: b.plan, roster: b.roster, ledger: b.ledger),
                                             threads: threads)
        } catch {
            throw CommandFailure(.invalidData, "\(a.ledger.file): error: \(error)")
        }
        timer.mark("output")
        console.print(CompareRenderer.render(report, format: args.value("format") ?? "text", planFiles: (plans[0], plans[1]),
                                             dataDirectory: dataDirectory), terminator: "")
    }

    /// Both plans readable and valid but not comparable (``CompareRules``: currency, fiscal
    /// year) → exit 65 naming both, before the data is read. (A missing or invalid plan is
    /// reported by the loader afterwards.)
    static func checkComparable(_ pathA: String, _ pathB: String, period: Period) throws(CommandFailure) {
        func plan(_ path: String) -> Plan? {
            guard case .bytes(let bytes) = FileSystem.read(path) else { return nil }
            let (plan, diagnostics) = PlanLoader.load(file: path, bytes: bytes)
            guard let plan, !diagnostics.hasErrors else { return nil }
            return plan
        }
        guard let a = plan(pathA), let b = plan(pathB), let problem = CompareRules.incompatibility(a, b, period: period) else { return }
        if a.currency != b.currency {
            throw CommandFailure(.invalidData,
                "\(pathB): error: key currency: plan B is in \(b.currency.code) but plan A (\(pathA)) is in \(a.currency.code); compare needs two plans in one currency\nhint: compare plans written for the same data: the ledger's currency column must equal each plan's currency")
        }
        throw CommandFailure(.invalidData, "\(pathB): error: key fiscal_year_start_month: \(problem) (plan A: \(pathA))"
            + "\nhint: set the same fiscal_year_start_month in both plans (or compare a copy of plan B with A's fiscal year)")
    }
}
