import ArgumentParsing
import ChannelComp
import Foundation

/// `channelcomp close`: pays a period and appends it to `journal.csv`, atomically (SPEC 3.7).
///
/// The journal's rules and close's guards are the library's (``JournalClose``); this command
/// parses the flags, reads and safely replaces the file, and prints.
enum CloseCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        let period = try ChannelCompCLI.period(args)
        let dataDirectory = args.value("data") ?? "."
        // One close at a time per data folder: the journal is read, extended and replaced
        // under an exclusive lock on the folder, so two closes cannot lose each other's rows.
        let closedAt = try closingTime(args)
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
        let append = try journalAppend(adding: run, closedAt: closedAt, inputs: inputs)
        let crashPoint = ProcessInfo.processInfo.environment["CHANNELCOMP_CRASH_POINT"]
        try JournalFileSafety.write(append.bytes, inputs: inputs, acceptUnterminated: args.flag("accept-unterminated"),
                                    crashPoint: crashPoint, console: console)
        for w in inputs.warnings + inputs.unknownPayeeWarnings(period: period) { console.error(w.render()) }
        for w in RunWarnings.journalWarnings(run, inputs: inputs) { console.error(w.render()) }
        console.print(PayoutCommand.render(run, format: args.value("format") ?? "text", planFile: inputs.planFile), terminator: "")
        if append.upgraded {
            console.error("note: \(inputs.journalFile) had the six columns of SPEC 3.7; it was rewritten with plan_name and plan_sha256 added (empty on the earlier rows)")
        }
        console.error("closed \(period): \(append.rowsAdded) rows appended to \(inputs.journalFile)")
    }

    /// `--closed-at`, validated (exit 64 for text that is not a time); now (UTC) by default.
    static func closingTime(_ args: ParsedArguments) throws(CommandFailure) -> String {
        guard let text = args.value("closed-at") else { return ISO8601DateFormatter().string(from: Date()) }
        guard let time = ClosingTime(parsing: text) else {
            throw CommandFailure(.usage, "error: option '--closed-at' expects \(ClosingTime.expected), found \(quoted(text))\nSee 'channelcomp close --help'.")
        }
        return time.text
    }

    /// The journal after the close (``JournalClose/appending(_:to:)``) built on the bytes the
    /// rules were checked against, not a second read: what is appended to is what was checked.
    static func journalAppend(adding run: PayoutRun, closedAt: String, inputs: Inputs) throws(CommandFailure) -> JournalAppend {
        do {
            return try JournalClose.appending(JournalClose.rows(of: run, closedAt: closedAt, plan: inputs.planProvenance),
                                              to: inputs.snapshot.journalBytes)
        } catch {
            throw CommandFailure(.invalidData, error.diagnostic(journalFile: inputs.journalFile).render())
        }
    }

    /// The journal's new bytes (see ``journalAppend(adding:closedAt:inputs:)``).
    static func journalBytes(adding run: PayoutRun, closedAt: String, inputs: Inputs) throws(CommandFailure) -> [UInt8] {
        try journalAppend(adding: run, closedAt: closedAt, inputs: inputs).bytes
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
