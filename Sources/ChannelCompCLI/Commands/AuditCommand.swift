import ArgumentParsing
import ChannelComp

/// `channelcomp audit`: channel neutrality and eligibility findings of a period and its year
/// to date (SPEC 4.3), as text, CSV or JSON.
enum AuditCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let period = try ChannelCompCLI.period(args)
        let dataDirectory = args.value("data") ?? ""
        let inputs = try InputLoader.load(planPath: args.value("plan") ?? "", dataDirectory: dataDirectory, console: console)
        let run = try PayoutCommand.compute(inputs, period: period, details: true)
        for w in inputs.warnings { console.error(w.render()) }
        let report: AuditReport
        do {
            report = try AuditReport.build(run: run, plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger)
        } catch {
            throw CommandFailure(.invalidData, "\(inputs.ledger.file): error: \(error)")
        }
        console.print(AuditRenderer.render(report, format: args.value("format") ?? "text", planFile: inputs.planFile,
                                           dataDirectory: dataDirectory), terminator: "")
    }
}
