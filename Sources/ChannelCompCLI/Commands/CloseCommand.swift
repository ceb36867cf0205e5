import ArgumentParsing
import ChannelComp
import Foundation

/// `channelcomp close`: pays a period and appends it to `journal.csv`, atomically (SPEC 3.7).
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
        try checkClosable(period, inputs: inputs)
        let run = try PayoutCommand.compute(inputs, period: period, details: false, console: console)
        let bytes = try journalBytes(adding: run, closedAt: closedAt, inputs: inputs)
        let crashPoint = ProcessInfo.processInfo.environment["CHANNELCOMP_CRASH_POINT"]
        try JournalFileSafety.write(bytes, inputs: inputs, acceptUnterminated: args.flag("accept-unterminated"),
                                    crashPoint: crashPoint, console: console)
        for w in inputs.warnings + inputs.unknownPayeeWarnings(period: period) { console.error(w.render()) }
        console.print(PayoutCommand.render(run, format: args.value("format") ?? "text", planFile: inputs.planFile), terminator: "")
        console.error("closed \(period): \(run.people.count + run.partners.count) rows appended to \(inputs.journalFile)")
    }

    /// `--closed-at`, validated (exit 64 for text that is not a time); now (UTC) by default.
    static func closingTime(_ args: ParsedArguments) throws(CommandFailure) -> String {
        guard let text = args.value("closed-at") else { return ISO8601DateFormatter().string(from: Date()) }
        guard let time = ClosingTime(parsing: text) else {
            throw CommandFailure(.usage, "error: option '--closed-at' expects \(ClosingTime.expected), found \(quoted(text))\nSee 'channelcomp close --help'.")
        }
        return time.text
    }

    /// Refuses a closed period, a period after a gap, and a period before a closed one.
    static func checkClosable(_ period: Period, inputs: Inputs) throws(CommandFailure) {
        let calendar = inputs.plan.fiscalCalendar
        let yearStart = calendar.yearStart(of: period)
        let closed = Set((inputs.journal?.entries ?? []).map(\.period).filter { calendar.yearStart(of: $0) == yearStart })
        let file = inputs.journalFile
        if closed.contains(period) {
            throw CommandFailure(.invalidData, "\(file): error: period \(period) is already closed: the journal has its rows; nothing was written\nhint: `channelcomp payout --period \(period)` re-runs a closed period without writing")
        }
        if let later = closed.filter({ $0 > period }).min() {
            throw CommandFailure(.invalidData, "\(file): error: cannot close \(period): the later period \(later) of the same fiscal year is already closed; nothing was written")
        }
        let missing = (yearStart.index..<period.index).map { Period(index: $0) }.filter { !closed.contains($0) }
        if let first = missing.first {
            throw CommandFailure(.invalidData, "\(file): error: cannot close \(period): earlier period\(missing.count == 1 ? "" : "s") \(missing.map(\.description).joined(separator: ", ")) of the fiscal year starting \(yearStart) \(missing.count == 1 ? "is" : "are") not closed; nothing was written\nhint: close \(first) first (the first close of a fiscal year is its first month)")
        }
    }

    /// The journal's current bytes plus one row per payee (people, then partners).
    static func journalBytes(adding run: PayoutRun, closedAt: String, inputs: Inputs) throws(CommandFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        var order = JournalLoader.columns
        // The bytes checked by checkClosable, not a second read: what is appended to is what was checked.
        switch inputs.snapshot.journalBytes.map(FileSystem.ReadResult.bytes) ?? .missing {
        case .bytes(let existing) where !existing.isEmpty:
            bytes = existing
            if bytes.last != 10 { bytes.append(10) }
            // Keep a hand-reordered header's column order.
            var reader = CSVReader(bytes: existing)
            var header = CSVRecord()
            if (try? reader.next(into: &header)) == true {
                let names = (0..<header.count).map { header.string($0) }
                if Set(names).isSuperset(of: order) { order = names }
            }
        case .unreadable(let reason):
            throw CommandFailure(.cannotWrite, "\(inputs.journalFile): error: cannot read the journal: \(reason)")
        default:
            bytes = Array((order.joined(separator: ",") + "\n").utf8)
        }
        var text = ""
        func row(_ values: [String: String]) {
            text += order.map { CSVWriter.field(values[$0] ?? "") }.joined(separator: ",") + "\n"
        }
        for p in run.people {
            row(["period": run.period.description, "payee_type": "person", "payee_id": p.id.rawValue,
                 "amount": p.payout.formatted, "currency": run.currency.code, "closed_at": closedAt])
        }
        for p in run.partners {
            row(["period": run.period.description, "payee_type": "partner", "payee_id": p.id.rawValue,
                 "amount": p.payout.formatted, "currency": run.currency.code, "closed_at": closedAt])
        }
        bytes.append(contentsOf: Array(text.utf8))
        return bytes
    }
}
