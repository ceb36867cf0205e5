import ArgumentParsing
import ChannelComp

/// `channelcomp check`: validates plan and data, lists every problem, exit 0 if none.
enum CheckCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let inputs = try RunSetup.load(args, console: console)
        let rosterWarnings = RosterDateWarnings.partnerManagerGaps(roster: inputs.roster, ledger: inputs.ledger)
        for w in inputs.warnings + inputs.unknownPayeeWarnings(period: nil) + rosterWarnings { console.error(w.render()) }
        let leftovers = LeftoverReport.lines(dataDirectory: inputs.dataDirectory, journalFile: inputs.journalFile)
        for line in leftovers { console.error(line) }
        if let journal = inputs.journal {
            let gaps = JournalRules(journal: journal, calendar: inputs.plan.fiscalCalendar).continuityProblems()
                .map { $0.diagnostic(journalFile: journal.file) }
            if !gaps.isEmpty {
                throw CommandFailure(.invalidData, gaps.map { $0.render() }.joined(separator: "\n") + "\n\(gaps.count) error\(gaps.count == 1 ? "" : "s")")
            }
        }
        // Pricing problems (e.g. arithmetic overflow) are data errors too.
        do {
            let pricer = try Pricer(plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger)
            try pricer.priceAll()
        } catch {
            throw CommandFailure(.invalidData, error.description)
        }
        let plan = inputs.plan
        let ledger = inputs.ledger
        console.print("ok: plan \(quoted(plan.name)) (\(plan.currency.code), \(plan.roles.count) role\(plan.roles.count == 1 ? "" : "s"), \(plan.partnerProgram.levels.count) partner level\(plan.partnerProgram.levels.count == 1 ? "" : "s"))")
        let people = inputs.roster.people.count, partners = inputs.roster.partners.count
        console.print("ok: \(people) \(people == 1 ? "person" : "people"), \(partners) partner\(partners == 1 ? "" : "s")")
        console.print("ok: \(ledger.rowsRead) deal rows: \(ledger.bookings.count) bookings, \(ledger.cancellations.count) cancellations, 0 rejected")
        if let journal = inputs.journal {
            let periods = Set(journal.entries.map(\.period)).sorted()
            console.print("ok: journal: \(journal.entries.count) rows, \(periods.count) closed period\(periods.count == 1 ? "" : "s")\(periods.isEmpty ? "" : " (\(periods.first!)…\(periods.last!))")")
        } else {
            console.print("ok: no journal.csv (nothing closed yet)")
        }
        if inputs.hasAdjustmentsFile {
            console.print(AdjustmentSummary.checkLine(inputs.adjustments))
        }
        // SPEC 8.5: run the month after the last closed one; warn when closed months changed.
        var warnings = inputs.warnings.count + inputs.unknownPayeeWarnings(period: nil).count + rosterWarnings.count + leftovers.count
        // A fully closed fiscal year has no next month in it: re-run its last month instead, whose
        // payout then differs from the journal by every change made to the year.
        if let last = inputs.journal?.entries.map(\.period).max() {
            let calendar = inputs.plan.fiscalCalendar
            let next = last.advanced(by: 1)
            let month = calendar.yearStart(of: next) == calendar.yearStart(of: last) ? next : last
            let run = try PayoutCommand.compute(inputs, period: month, details: false)
            for w in RunWarnings.journalWarnings(run, inputs: inputs) {
                console.error(w.render())
                warnings += 1
            }
        }
        if warnings > 0 { console.print("\(warnings) warning\(warnings == 1 ? "" : "s") (see above)") }
    }
}
