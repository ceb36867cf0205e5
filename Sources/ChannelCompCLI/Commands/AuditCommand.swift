import TextSuggestions
import ArgumentParsing
import ChannelComp

/// `channelcomp audit`: channel neutrality and eligibility findings of a period and its year
/// to date (SPEC 4.3), as text, CSV or JSON, with the neutrality verdicts on top.
///
/// `--tolerance 0.02` judges each ratio neutral within ±0.02; `--payee bob` keeps bob's rows;
/// `--section summary,cost` keeps those parts; `--top 5` folds lists to their 5 largest rows;
/// `--fail-on-violation channel-neutral` exits 2 when the year to date is not channel-neutral.
enum AuditCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let period = try ChannelCompCLI.period(args)
        let format = args.value("format") ?? "text"
        let options = try AuditOptions.parse(args, format: format)
        let dataDirectory = args.value("data") ?? "."
        let timer = PhaseTimer()
        defer { timer.report(to: console) }
        let inputs = try RunSetup.load(args, console: console, timer: timer)
        if let payee = options.selection.payee, !inputs.roster.people.contains(where: { $0.id.rawValue == payee }) {
            throw AuditOptions.unknownPerson(payee, inputs: inputs, commandPath: args.commandPath)
        }
        let run = try PayoutCommand.compute(inputs, period: period, details: true, timer: timer, console: console)
        for w in inputs.warnings { console.error(w.render()) }
        timer.mark("report")
        var report: AuditReport
        var view = AuditView(verdicts: [], notes: [], selection: options.selection)
        do {
            report = try AuditReport.build(run: run, plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger,
                                           threads: ParallelMap.defaultThreads, top: options.selection.top,
                                           onePayee: options.selection.payee != nil)
            var all: [NeutralityVerdicts] = []
            for (i, s) in report.sections.enumerated() {
                let verdicts = try NeutralityVerdicts.judge(s, tolerance: options.tolerance)
                all.append(verdicts)
                let (section, shown, notes) = try options.selection.apply(s, verdicts: verdicts, currency: report.currency)
                report.sections[i] = section
                view.verdicts.append(shown)
                view.notes.append(notes)
            }
            timer.mark("output")
            let adjustments = try AdjustmentAudit(run: run)
            let rosterChanges = RosterChanges.inPeriod(inputs.roster, period: period, plan: inputs.plan)
            console.printPieces { emit in
                AuditRenderer.render(report, view: view, format: format, planFile: inputs.planFile, dataDirectory: dataDirectory,
                                     adjustments: adjustments, rosterChanges: rosterChanges, emit: emit)
            }
            if let sense = options.failOn, let ytd = all.last {
                // The verdict of the selection (one payee, or everyone).
                let judged = view.verdicts.last ?? ytd
                let o = judged.overall(sense)
                if o.verdict == .notNeutral {
                    throw CommandFailure(.neutralityViolation,
                        "audit: not \(sense.rawValue) over \(judged.scope.description): \(o.measured - o.within) of \(o.measured) "
                        + "measured outside ±\(judged.tolerance) (\(AuditVerdictRenderer.overallDetail(o, tolerance: judged.tolerance))); exit 2 (--fail-on-violation)")
                }
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(.invalidData, "\(inputs.ledger.file): error: \(error)")
        }
    }
}

/// The audit's own options, validated (a bad value is a usage error, exit 64).
///
/// `--tolerance 1%` = `--tolerance 0.01`; `--top` defaults to 20 in text and 0 (all) in CSV/JSON.
struct AuditOptions {
    var tolerance: ExactDecimal
    var selection: AuditSelection
    var failOn: NeutralitySense?

    static func parse(_ args: ParsedArguments, format: String) throws(CommandFailure) -> AuditOptions {
        func usage(_ problem: String) -> CommandFailure {
            CommandFailure(.usage, ArgumentParser.usageErrorText([problem], commandPath: args.commandPath, root: ChannelCompCLI.root)
                .trimmingSuffixNewline)
        }
        var tolerance = NeutralityVerdicts.defaultTolerance
        if let text = args.value("tolerance") {
            guard let rate = try? Rate(parsing: text), rate.fraction.signum >= 0, rate.fraction < .one else {
                throw usage("option '--tolerance' expects a ratio from 0 up to 1 such as 0.01 or 1%, found '\(text)'")
            }
            tolerance = rate.fraction
        }
        var top = format == "text" ? 20 : 0
        if let text = args.value("top") {
            guard let n = Int(text), n >= 0, text.allSatisfy(\.isASCII) else {
                throw usage("option '--top' expects a whole number of rows ≥ 0 (0 shows all), found '\(text)'")
            }
            top = n
        }
        var parts = Set<AuditPart>()
        for value in args.values("section") {
            for name in value.split(separator: ",", omittingEmptySubsequences: false) {
                guard let part = AuditPart(rawValue: String(name)) else {
                    var problem = "option '--section' expects one of \(AuditPart.allCases.map(\.rawValue).joined(separator: ", ")), found '\(name)'"
                    if let guess = Suggestions.closest(to: String(name), among: AuditPart.allCases.map(\.rawValue)) {
                        problem += " (did you mean '\(guess)'?)"
                    }
                    throw usage(problem)
                }
                parts.insert(part)
            }
        }
        let failOn = args.value("fail-on-violation").flatMap(NeutralitySense.init(rawValue:))
        return AuditOptions(tolerance: tolerance, selection: AuditSelection(payee: args.value("payee"), parts: parts, top: top),
                            failOn: failOn)
    }

    /// `--payee` naming nobody in people.csv: a usage error with the nearest id.
    static func unknownPerson(_ id: String, inputs: Inputs, commandPath: [String]) -> CommandFailure {
        var message = "error: option '--payee': no person has id '\(id)' (looked in \(inputs.roster.peopleFile); the audit's neutrality is about people)"
        if let guess = Suggestions.closest(to: id, among: inputs.roster.people.map(\.id.rawValue)) {
            message += "\nhint: did you mean '\(guess)'?"
        }
        return CommandFailure(.usage, message)
    }
}
