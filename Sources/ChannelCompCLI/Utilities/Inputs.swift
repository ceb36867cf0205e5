import ChannelComp

/// Plan and data folder, loaded and validated: what every command starts from.
struct Inputs {
    var plan: Plan
    var planFile: String
    var roster: Roster
    var ledger: Ledger
    var journal: Journal?
    var journalFile: String
    var warnings: [Diagnostic]
    var dataDirectory: String
}

/// Loads `--plan` and `--data` and reports every problem of every file.
enum InputLoader {
    /// Loads everything; on any error throws a failure listing every problem (exit 65, or 66
    /// for a missing file).
    ///
    /// `datedRoster`: whether the command applies effective-dated roster rows (SPEC 8.1);
    /// until the calculation does, only `check` does, and the others refuse such a roster
    /// rather than pay it as if it were frozen.
    static func load(planPath: String, dataDirectory: String, console: Console, timer: PhaseTimer? = nil,
                     datedRoster: Bool = false) throws(CommandFailure) -> Inputs {
        timer?.mark("read")
        var diagnostics = DiagnosticList()
        var missing: [String] = []

        func readRequired(_ path: String, what: String) -> [UInt8]? {
            switch FileSystem.read(path) {
            case .bytes(let b): return b
            case .missing:
                missing.append("\(path): error: \(what) not found")
                return nil
            case .unreadable(let reason):
                missing.append("\(path): error: cannot read \(what): \(reason)")
                return nil
            }
        }

        if FileSystem.exists(dataDirectory) && !FileSystem.isDirectory(dataDirectory) {
            throw CommandFailure(.missingInput, "\(dataDirectory): error: --data names a file, expected a folder holding deals.csv and people.csv")
        }
        guard FileSystem.isDirectory(dataDirectory) else {
            let planProblem = FileSystem.exists(planPath) ? "" : "\n\(planPath): error: plan file not found"
            throw CommandFailure(.missingInput, "\(dataDirectory): error: data folder not found (expected a folder holding deals.csv and people.csv)" + planProblem)
        }
        let planBytes = readRequired(planPath, what: "plan file")
        let peoplePath = FileSystem.join(dataDirectory, "people.csv")
        let dealsPath = FileSystem.join(dataDirectory, "deals.csv")
        let partnersPath = FileSystem.join(dataDirectory, "partners.csv")
        let journalPath = FileSystem.join(dataDirectory, "journal.csv")
        let peopleBytes = readRequired(peoplePath, what: "people.csv (the payees)")
        // deals.csv can be large: it is read in chunks while it is parsed, never held whole.
        var dealsReader: FileChunkReader? = nil
        switch FileSystem.openForChunks(dealsPath) {
        case .reader(let r): dealsReader = r
        case .missing: missing.append("\(dealsPath): error: deals.csv (the deal ledger) not found")
        case .unreadable(let reason): missing.append("\(dealsPath): error: cannot read deals.csv (the deal ledger): \(reason)")
        }
        var partnersBytes: [UInt8]? = nil
        if FileSystem.exists(partnersPath) { partnersBytes = readRequired(partnersPath, what: "partners.csv") }
        var journalBytes: [UInt8]? = nil
        if FileSystem.exists(journalPath) { journalBytes = readRequired(journalPath, what: "journal.csv") }
        if !missing.isEmpty { throw CommandFailure(.missingInput, missing.joined(separator: "\n")) }
        guard let planBytes, let peopleBytes, let dealsReader else {
            throw CommandFailure(.missingInput, "input files missing")
        }

        timer?.mark("parse")
        let (planValue, planDiagnostics) = PlanLoader.load(file: planPath, bytes: planBytes)
        diagnostics.append(contentsOf: planDiagnostics)
        guard let plan = planValue else {
            throw CommandFailure(.invalidData, render(diagnostics) + "\n\(planPath): the data folder was not checked: it is read against a valid plan")
        }
        let (roster, rosterDiagnostics) = RosterLoader.load(
            peopleFile: peoplePath, peopleBytes: peopleBytes, partnersFile: partnersPath,
            partnersBytes: partnersBytes, plan: plan)
        diagnostics.append(contentsOf: rosterDiagnostics)
        let (ledger, ledgerDiagnostics) = LedgerLoader.load(file: dealsPath, source: dealsReader.source,
                                                            sizeHint: dealsReader.size, plan: plan, roster: roster)
        diagnostics.append(contentsOf: ledgerDiagnostics)
        var journal: Journal? = nil
        if let journalBytes {
            let (j, journalDiagnostics) = JournalLoader.load(file: journalPath, bytes: journalBytes, plan: plan)
            diagnostics.append(contentsOf: journalDiagnostics)
            journal = j
        }
        if diagnostics.hasErrors {
            var message = render(diagnostics)
            let good = ledger.bookings.count + ledger.cancellations.count
            let rejectedRows = ledger.rowsRead - good
            message += "\n\(dealsPath): \(ledger.rowsRead) row\(ledger.rowsRead == 1 ? "" : "s") read: \(good) valid, \(rejectedRows) rejected"
            message += "\n\(diagnostics.errors.count) error\(diagnostics.errors.count == 1 ? "" : "s"); nothing was computed or written"
            // partners.csv is required once any deal names a partner (SPEC 2): its absence is a missing input.
            if partnersBytes == nil, ledgerDiagnostics.errors.contains(where: { $0.message.hasSuffix("has no partners.csv") }) {
                throw CommandFailure(.missingInput, "\(partnersPath): error: partners.csv not found, but deals.csv names partners (it is required once any row names a partner)\n" + message)
            }
            throw CommandFailure(.invalidData, message)
        }
        if roster.isEffectiveDated && !datedRoster {
            throw CommandFailure(.failure, "\(peoplePath): error: the roster has effective-dated rows (effective_from / effective_to): `check` validates them, but this version does not yet compute payouts, audits, comparisons or explanations with them; nothing was computed or written")
        }
        return Inputs(plan: plan, planFile: planPath, roster: roster, ledger: ledger, journal: journal,
                      journalFile: journalPath, warnings: diagnostics.warnings, dataDirectory: dataDirectory)
    }

    static func render(_ diagnostics: DiagnosticList) -> String {
        diagnostics.items.map { $0.render() }.joined(separator: "\n")
    }
}
