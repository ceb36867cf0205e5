import ArgumentParsing
import ChannelComp
import Foundation

/// `channelcomp close`: pays a period and appends it to `journal.csv`, atomically (SPEC 3.7).
///
/// The journal's rules and close's guards are the library's (``JournalClose``); this command
/// parses the flags, reads and replaces the file, and prints.
enum CloseCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let period = try ChannelCompCLI.period(args)
        let dataDirectory = args.value("data") ?? "."
        // One close at a time per data folder: the journal is read, extended and replaced
        // under an exclusive lock on the folder, so two closes cannot lose each other's rows.
        let lock = try FileSystem.lockDirectory(dataDirectory)
        defer { FileSystem.unlock(lock) }
        let inputs = try RunSetup.load(args, console: console)
        let request = CloseRequest(period: period, plan: inputs.planProvenance,
                                   planWarnings: inputs.planWarnings.map(\.message), planFile: inputs.planFile,
                                   overrides: overrides(args))
        let refusals = JournalClose.refusals(request, journal: inputs.journal, calendar: inputs.plan.fiscalCalendar,
                                             ledger: inputs.ledger, adjustmentsInPeriod: inputs.adjustments.datedIn(period).count)
        if !refusals.isEmpty {
            for w in inputs.warnings { console.error(w.render()) }
            throw CommandFailure(.invalidData, refusals.map { $0.diagnostic(journalFile: inputs.journalFile).render() }.joined(separator: "\n"))
        }
        let run = try PayoutCommand.compute(inputs, period: period, details: false, console: console)
        let closedAt = args.value("closed-at") ?? ISO8601DateFormatter().string(from: Date())
        let existing: [UInt8]?
        switch FileSystem.read(inputs.journalFile) {
        case .bytes(let b): existing = b
        case .missing: existing = nil
        case .unreadable(let reason):
            throw CommandFailure(.cannotWrite, "\(inputs.journalFile): error: cannot read the journal: \(reason)")
        }
        let append: JournalAppend
        do {
            append = try JournalClose.appending(JournalClose.rows(of: run, closedAt: closedAt, plan: inputs.planProvenance), to: existing)
        } catch {
            throw CommandFailure(.invalidData, error.diagnostic(journalFile: inputs.journalFile).render())
        }
        let crashPoint = ProcessInfo.processInfo.environment["CHANNELCOMP_CRASH_POINT"]
        try FileSystem.replaceAtomically(FileSystem.resolvingSymlink(inputs.journalFile), with: append.bytes, crashPoint: crashPoint)
        for w in inputs.warnings { console.error(w.render()) }
        for w in RunWarnings.journalWarnings(run, inputs: inputs) { console.error(w.render()) }
        console.print(PayoutCommand.render(run, format: args.value("format") ?? "text", planFile: inputs.planFile), terminator: "")
        if append.upgraded {
            console.error("note: \(inputs.journalFile) had the six columns of SPEC 3.7; it was rewritten with plan_name and plan_sha256 added (empty on the earlier rows)")
        }
        console.error("closed \(period): \(append.rowsAdded) rows appended to \(inputs.journalFile)")
    }

    /// The guard overrides given on the command line.
    static func overrides(_ args: ParsedArguments) -> CloseOverrides {
        var o: CloseOverrides = []
        if args.flag("accept-plan-change") { o.insert(.acceptPlanChange) }
        if args.flag("allow-empty-period") { o.insert(.allowEmptyPeriod) }
        if args.flag("accept-plan-warnings") { o.insert(.acceptPlanWarnings) }
        if args.flag("leave-previous-year-open") { o.insert(.leavePreviousYearOpen) }
        return o
    }
}
