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
    /// The plan's name and the SHA-256 of the plan file's bytes (SPEC 8.6).
    var planProvenance = PlanProvenance(name: "", sha256: "")
    /// The plan loader's warnings (also in `warnings`): `close` refuses them unless overridden.
    var planWarnings: [Diagnostic] = []
    /// `adjustments.csv` (SPEC 8.4); `.none` when the folder has none.
    var adjustments: Adjustments = .none
    /// Whether the data folder has an `adjustments.csv`.
    var hasAdjustmentsFile = false
    /// What was read of each input file, for `close`'s before/after check.
    var snapshot = InputSnapshot()
}

/// Loads `--plan` and `--data` and reports every problem of every file.
enum InputLoader {
    /// Loads everything; on any error throws a failure listing every problem (exit 65, or 66
    /// for a missing file).
    static func load(planPath: String, dataDirectory: String, console: Console, timer: PhaseTimer? = nil,
                     digest: DiagnosticDigest = DiagnosticDigest(perKind: DiagnosticDigest.defaultPerKind)) throws(CommandFailure) -> Inputs {
        timer?.mark("read")
        var diagnostics = DiagnosticList()
        var missing: [String] = []

        var snapshot = InputSnapshot()
        func readRequired(_ path: String, what: String) -> [UInt8]? {
            let identity = FileIdentity.of(path)
            switch FileSystem.read(path) {
            case .bytes(let b):
                snapshot.record(path, identity: identity, lastByte: b.last)
                return b
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
            let planProblem = FileSystem.exists(planPath) ? "" : "\n\(planPath): error: plan file not found\(RunSetup.relativeNote(planPath))"
            throw CommandFailure(.missingInput, "\(dataDirectory): error: data folder not found (expected a folder holding deals.csv and people.csv)\(RunSetup.relativeNote(dataDirectory))" + planProblem)
        }
        let planBytes = readRequired(planPath, what: "plan file")
        if planBytes == nil, !missing.isEmpty { missing[missing.count - 1] += RunSetup.relativeNote(planPath) }
        let peoplePath = FileSystem.join(dataDirectory, "people.csv")
        let dealsPath = FileSystem.join(dataDirectory, "deals.csv")
        let partnersPath = FileSystem.join(dataDirectory, "partners.csv")
        let journalPath = FileSystem.join(dataDirectory, "journal.csv")
        let peopleBytes = readRequired(peoplePath, what: "people.csv (the payees)")
        // deals.csv can be large: it is read in chunks while it is parsed, never held whole.
        var dealsReader: FileChunkReader? = nil
        switch FileSystem.openForChunks(dealsPath) {
        case .reader(let r):
            dealsReader = r
            snapshot.dealsIdentity = FileIdentity.of(dealsPath)
        case .missing: missing.append("\(dealsPath): error: deals.csv (the deal ledger) not found")
        case .unreadable(let reason): missing.append("\(dealsPath): error: cannot read deals.csv (the deal ledger): \(reason)")
        }
        var partnersBytes: [UInt8]? = nil
        if FileSystem.exists(partnersPath) { partnersBytes = readRequired(partnersPath, what: "partners.csv") }
        var journalBytes: [UInt8]? = nil
        if FileSystem.exists(journalPath) { journalBytes = readRequired(journalPath, what: "journal.csv") }
        let adjustmentsPath = FileSystem.join(dataDirectory, "adjustments.csv")
        var adjustmentsBytes: [UInt8]? = nil
        if FileSystem.exists(adjustmentsPath) { adjustmentsBytes = readRequired(adjustmentsPath, what: "adjustments.csv") }
        if !missing.isEmpty { throw CommandFailure(.missingInput, missing.joined(separator: "\n")) }
        guard let planBytes, let peopleBytes, let dealsReader else {
            throw CommandFailure(.missingInput, "input files missing")
        }

        timer?.mark("parse")
        let (planValue, planDiagnostics) = PlanLoader.load(file: planPath, bytes: planBytes)
        diagnostics.append(contentsOf: planDiagnostics)
        guard let plan = planValue else {
            throw CommandFailure(.invalidData, digest.render(diagnostics.items) + "\n\(planPath): the data folder was not checked: it is read against a valid plan")
        }
        let (roster, rosterDiagnostics) = RosterLoader.load(
            peopleFile: peoplePath, peopleBytes: peopleBytes, partnersFile: partnersPath,
            partnersBytes: partnersBytes, plan: plan)
        diagnostics.append(contentsOf: rosterDiagnostics)
        // Two threads where there are two cores; CHANNELCOMP_THREADS=1 reads in one pass (to compare).
        let threads = ParallelMap.defaultThreads
        let (ledger, ledgerDiagnostics) = LedgerLoader.load(file: dealsPath, ranged: dealsReader.ranged, plan: plan, roster: roster,
                                                            threads: threads)
        diagnostics.append(contentsOf: ledgerDiagnostics)
        var journal: Journal? = nil
        if let journalBytes {
            let (j, journalDiagnostics) = JournalLoader.load(file: journalPath, bytes: journalBytes, plan: plan)
            diagnostics.append(contentsOf: journalDiagnostics)
            journal = j
        }
        var adjustments = Adjustments.none
        if let adjustmentsBytes {
            let (a, adjustmentDiagnostics) = AdjustmentLoader.load(file: adjustmentsPath, bytes: adjustmentsBytes, plan: plan,
                                                                   roster: roster, ledger: ledger)
            diagnostics.append(contentsOf: adjustmentDiagnostics)
            adjustments = a
        }
        snapshot.record(dealsPath, identity: snapshot.dealsIdentity, lastByte: dealsReader.lastByte)
        snapshot.journalBytes = journalBytes
        if diagnostics.hasErrors {
            // Without partners.csv every partner row fails the same way: said once, with the count.
            let noPartnersFile = partnersBytes == nil ? ledgerDiagnostics.errors.filter { $0.message.hasSuffix("has no partners.csv") } : []
            var shown = diagnostics.items
            if !noPartnersFile.isEmpty {
                shown.removeAll { $0.severity == .error && $0.message.hasSuffix("has no partners.csv") }
            }
            let good = ledger.bookings.count + ledger.cancellations.count
            let rejectedRows = ledger.rowsRead - good
            let message = [digest.render(shown),
                           "\(dealsPath): \(ledger.rowsRead) row\(ledger.rowsRead == 1 ? "" : "s") read: \(good) valid, \(rejectedRows) rejected",
                           "\(diagnostics.errors.count) error\(diagnostics.errors.count == 1 ? "" : "s"); nothing was computed or written"]
                .filter { !$0.isEmpty }.joined(separator: "\n")
            // partners.csv is required once any deal names a partner (SPEC 2): its absence is a missing input.
            if !noPartnersFile.isEmpty {
                let lines = noPartnersFile.compactMap(\.line)
                var where_ = lines.prefix(8).map(String.init).joined(separator: ", ")
                if lines.count > 8 { where_ += ", …" }
                throw CommandFailure(.missingInput, "\(partnersPath): error: partners.csv not found, but \(noPartnersFile.count) row\(noPartnersFile.count == 1 ? "" : "s") of deals.csv name\(noPartnersFile.count == 1 ? "s" : "") a partner (line\(lines.count == 1 ? "" : "s") \(where_)); it is required once any row names a partner"
                    + "\n" + message)
            }
            throw CommandFailure(.invalidData, message)
        }
        // Nothing looks a deal id up after this; the loaders' buffers are freed: both given back
        // before the run allocates its own.
        ledger.store.releaseDealLookup()
        Memory.returnFreed()
        return Inputs(plan: plan, planFile: planPath, roster: roster, ledger: ledger, journal: journal,
                      journalFile: journalPath, warnings: diagnostics.warnings, dataDirectory: dataDirectory,
                      planProvenance: PlanProvenance(name: plan.name, planBytes: planBytes),
                      planWarnings: planDiagnostics.warnings, adjustments: adjustments,
                      hasAdjustmentsFile: adjustmentsBytes != nil,
                      snapshot: snapshot)
    }
}

extension InputLoader {
    /// A second plan over the data folder `first` was loaded from (`compare`'s plan B): when the
    /// two plans read data alike (``Plan/readsDataAlike(_:)``: currency, role and level names,
    /// which roles have rates, price book), `first`'s roster, ledger, journal and adjustments —
    /// what loading them again would give — with this plan and its own warnings; otherwise, or
    /// when this plan has an error, a load of its own (which reports it).
    static func load(planPath: String, sharing first: Inputs, console: Console, timer: PhaseTimer? = nil,
                     digest: DiagnosticDigest = DiagnosticDigest(perKind: DiagnosticDigest.defaultPerKind)) throws(CommandFailure) -> Inputs {
        let identity = FileIdentity.of(planPath)
        if case .bytes(let bytes) = FileSystem.read(planPath) {
            let (plan, planDiagnostics) = PlanLoader.load(file: planPath, bytes: bytes)
            if let plan, !planDiagnostics.hasErrors, first.plan.readsDataAlike(plan) {
                var inputs = first
                inputs.plan = plan
                inputs.planFile = planPath
                inputs.planProvenance = PlanProvenance(name: plan.name, planBytes: bytes)
                inputs.planWarnings = planDiagnostics.warnings
                // A load's warnings start with its plan's: this plan's, then the data's.
                inputs.warnings = planDiagnostics.warnings + first.warnings.dropFirst(first.planWarnings.count)
                inputs.snapshot.record(planPath, identity: identity, lastByte: bytes.last)
                return inputs
            }
        }
        return try load(planPath: planPath, dataDirectory: first.dataDirectory, console: console, timer: timer, digest: digest)
    }
}

extension Inputs {
    /// Warnings for journal rows of payees in no roster row (issue 16.7): for a run of `period`,
    /// the rows it would count (its fiscal year, earlier months); for `check`, every row.
    func unknownPayeeWarnings(period: Period?) -> [Diagnostic] {
        guard let journal else { return [] }
        let calendar = plan.fiscalCalendar
        let groups = UnknownJournalPayees.find(journal, roster: roster) { entry in
            guard let period else { return true }
            return entry.period < period && calendar.yearStart(of: entry.period) == calendar.yearStart(of: period)
        }
        return UnknownJournalPayees.warnings(groups, journalFile: journalFile)
    }
}
