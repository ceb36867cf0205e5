import ChannelComp
import Foundation
import Testing

/// How `payout` settles against the journal (SPEC 3.7 and 6 "Journal").
@Suite("journal: paid to date, gaps, late rows, re-runs")
struct JournalSettlementTests {
    /// Removes every row of `period` from the journal (a hand edit).
    static func deleteRows(of period: String, in data: DataFolder) throws {
        let text = String(decoding: data.journalBytes() ?? [], as: UTF8.self)
        let kept = text.split(separator: "\n").filter { !$0.hasPrefix("\(period),") }.joined(separator: "\n") + "\n"
        try data.writeJournal(kept)
    }

    // MARK: Gaps

    @Test("a journal with a gap: payout after it fails naming the gap, check reports it")
    func gapInJournal() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02", "2027-03"])
        try Self.deleteRows(of: "2027-02", in: data)
        #expect(data.journal().periods == ["2027-01", "2027-03"])
        let before = try #require(data.journalBytes())

        let payout = data.cli("payout", period: "2027-04", ["--format", "csv"])
        #expect(payout.code == 65)
        #expect(payout.err.contains("2027-02"), "\(payout.err)")
        #expect(payout.out.isEmpty, "no partial summary: \(payout.out)")

        let check = data.cli("check")
        #expect(check.code == 65)
        #expect(check.err.contains("2027-02"), "\(check.err)")

        // close refuses the period after the gap (and names it), and the period of the gap
        // itself (a later period, 2027-03, is closed).
        let close4 = data.close("2027-04")
        #expect(close4.code == 65)
        #expect(close4.err.contains("2027-02"), "\(close4.err)")
        let close2 = data.close("2027-02")
        #expect(close2.code == 65)
        #expect(close2.err.contains("2027-03"), "\(close2.err)")
        expectSameBytes(data.journalBytes(), before, "the refused close left the journal as it was")

        // Periods up to the gap still run: rows at or after the run's period are ignored.
        #expect(data.cli("payout", period: "2027-02").code == 0)
        #expect(data.cli("payout", period: "2027-03").code == 65)
    }

    @Test("a journal whose fiscal year does not start at its first month is a gap for check")
    func gapAtYearStart() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02"])
        try Self.deleteRows(of: "2027-01", in: data)
        let check = data.cli("check")
        #expect(check.code == 65)
        #expect(check.err.contains("2027-01"), "\(check.err)")
        let payout = data.cli("payout", period: "2027-03")
        #expect(payout.code == 65)
        #expect(payout.err.contains("2027-01"), "\(payout.err)")
    }

    // MARK: Late rows

    @Test("a late booking dated in a closed month is paid once, in the next payout")
    func lateBookingPaidOnce() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02"])
        let original = try data.duplicate()  // same journal, no late row
        let march = data.payout("2027-03")

        // carol (NORTH, quota 500000) is far below 100 % all year (321743.34 at year end, and
        // still below 500000 with 10000.00 more): every extra dollar earns the 5 % slice.
        // Late booking: 8 × 1250.00 = 10000.00 × 5 % = 500.00.
        try data.appendToDeals("2027-01-18,D-LATE-01,,,direct,A-9001,NORTH,WIDGET,8,1250.00,,USD,,,,,carol")
        let late = data.payout("2027-03")
        let journal = data.journal()
        let paid = try journal.totals()

        for row in late.rows {
            let payee = payeeKey(row)
            // payout = earned_ytd − paid_to_date; paid_to_date = journal amounts of 2027-01, 2027-02.
            #expect(try exact(row["earned_ytd"]) - exact(row["paid_to_date"]) == exact(row["payout"]), "\(payee)")
            #expect(exact(row["paid_to_date"]) == (paid[payee] ?? .zero), "\(payee)")
            if payee != "person/carol" {
                #expect(row == march.rows.first { payeeKey($0) == payee }, "only carol changes: \(payee)")
            }
        }
        let fiveHundred = try ExactDecimal(parsing: "500.00")
        #expect(try exact(late.value("person/carol", "payout")) == exact(march.value("person/carol", "payout")) + fiveHundred)
        #expect(try exact(late.value("person/carol", "earned_ytd")) == exact(march.value("person/carol", "earned_ytd")) + fiveHundred)
        #expect(late.value("person/carol", "paid_to_date") == march.value("person/carol", "paid_to_date"))

        // Preview (no journal): the late row counts in January, not in March's payout.
        let preview = try data.duplicate()
        try FileManager.default.removeItem(atPath: preview.journalPath)
        #expect(preview.payout("2027-03").value("person/carol", "payout") == march.value("person/carol", "payout"))

        // After closing March, April does not pay the 500.00 again: carol's April payout is the
        // one of the same ledger without the late row (also closed through March).
        data.closeAll(["2027-03"])
        original.closeAll(["2027-03"])
        #expect(data.journal().amounts(of: "2027-03")["person/carol"] == late.value("person/carol", "payout"))
        let april = data.payout("2027-04")
        let aprilWithoutLateRow = original.payout("2027-04")
        #expect(april.value("person/carol", "payout") == aprilWithoutLateRow.value("person/carol", "payout"))
        // Everything paid to carol through April = her April earned_ytd (= without the row + 500.00).
        let paidThroughApril = try (data.journal().totals()["person/carol"] ?? .zero) + exact(april.value("person/carol", "payout"))
        #expect(paidThroughApril == exact(april.value("person/carol", "earned_ytd")))
        #expect(try paidThroughApril == exact(aprilWithoutLateRow.value("person/carol", "earned_ytd")) + fiveHundred)
    }

    @Test("a late cancellation dated in a closed month is recovered in the next payout")
    func lateClawbackRecovered() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02"])
        let march = data.payout("2027-03")
        // D2701-04 (2027-01-09, alice, 8 × 18000.00 = 144000.00) cancelled 2027-02-15: 37 days
        // ≤ 90, clawed back in February. alice stays below 100 % of 800000, so she loses
        // 144000.00 × 5 % = 7200.00, recovered in March's payout.
        try data.appendToDeals("2027-02-15,D2701-04,,cancellation,,,,,,,,,,,,,")
        let late = data.payout("2027-03")
        let seventyTwoHundred = try ExactDecimal(parsing: "7200.00")
        #expect(try exact(late.value("person/alice", "payout")) == exact(march.value("person/alice", "payout")) - seventyTwoHundred)
        #expect(late.value("person/alice", "paid_to_date") == march.value("person/alice", "paid_to_date"))
    }

    // MARK: Re-running closed periods

    @Test("payout of an already closed period reproduces the closed figures")
    func rerunClosedPeriods() throws {
        let data = try DataFolder()
        let periods = ["2027-01", "2027-02", "2027-03", "2027-04"]
        data.closeAll(periods)
        let journal = data.journal()
        var paidBefore: [String: ExactDecimal] = [:]
        for period in periods {
            let run = data.payout(period)
            #expect(run.column("payout") == journal.amounts(of: period), "\(period)")
            for row in run.rows {
                #expect(exact(row["paid_to_date"]) == (paidBefore[payeeKey(row)] ?? .zero), "\(period) \(payeeKey(row))")
            }
            for (payee, amount) in journal.amounts(of: period) {
                paidBefore[payee] = try (paidBefore[payee] ?? .zero) + exact(amount)
            }
        }
    }

    @Test("journal rows of other fiscal years, of unknown payees, and duplicates are read as SPEC 6 says")
    func journalReadings() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02"])
        let march = data.payout("2027-03")

        // alice's January row 7830.00 split into 7000.00 + 830.00 (duplicates are summed),
        // a row for a payee not in people.csv, and a row of FY2026: none changes March.
        let text = String(decoding: data.journalBytes() ?? [], as: UTF8.self)
            .replacingOccurrences(of: "2027-01,person,alice,7830.00,", with: "2027-01,person,alice,7000.00,")
        try data.writeJournal(text + """
            2027-01,person,alice,830.00,USD,x,,
            2027-01,person,zed,99999.00,USD,x,,
            2026-12,person,alice,12345.00,USD,x,,

            """)
        let edited = data.payout("2027-03")
        #expect(edited.rows == march.rows)
        #expect(!edited.payees.contains("person/zed"))
        // check: FY2026 has 2026-12 closed without 2026-01 … 2026-11 — a gap in that year.
        let check = data.cli("check")
        #expect(check.code == 65)
        #expect(check.err.contains("2026-01"), "\(check.err)")
    }

    @Test("a payee with no row in a closed period was paid 0 there")
    func missingPayeeRowIsZero() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02"])
        let march = data.payout("2027-03")
        // Drop alice's February row only: 2027-02 stays closed (16 rows), alice was paid 0 in
        // February, so March pays her February commission again: paid_to_date = 7830.00 (Jan).
        let februaryAlice = try #require(data.journal().amounts(of: "2027-02")["person/alice"])
        let text = String(decoding: data.journalBytes() ?? [], as: UTF8.self)
        let kept = text.split(separator: "\n").filter { !$0.hasPrefix("2027-02,person,alice,") }.joined(separator: "\n") + "\n"
        try data.writeJournal(kept)
        #expect(data.cli("check").code == 0)
        let edited = data.payout("2027-03")
        #expect(edited.value("person/alice", "paid_to_date") == "7830.00")
        #expect(try exact(edited.value("person/alice", "payout")) == exact(march.value("person/alice", "payout")) + exact(februaryAlice))
        #expect(edited.value("person/bob", "payout") == march.value("person/bob", "payout"))
    }

    @Test("a journal holding only its header is no journal rows: payout is a preview, close starts at the first month")
    func headerOnlyJournal() throws {
        let data = try DataFolder()
        try data.writeJournal(JournalTestSupport.journalHeader + "\n")
        let preview = try DataFolder()
        #expect(data.payout("2027-03").rows == preview.payout("2027-03").rows)
        #expect(data.close("2027-03").code == 65)
        data.closeAll(["2027-01"])
        #expect(data.journal().rows.count == 17)
        #expect(String(decoding: data.journalBytes() ?? [], as: UTF8.self).components(separatedBy: JournalTestSupport.journalHeader).count == 2,
                "one header line")
    }

    // MARK: A whole fiscal year

    static let months = (1...12).map { String(format: "2027-%02d", $0) }

    @Test("closing 2027-01 … 2027-12: each payee's journal total is its 2027-12 earned_ytd")
    func wholeFiscalYear() throws {
        let data = try DataFolder()
        data.closeAll(Self.months)
        let journal = data.journal()
        #expect(journal.periods == Self.months)
        #expect(journal.rows.count == 12 * 17)
        let december = data.payout("2027-12")
        let totals = try journal.totals()
        #expect(december.rows.count == 17)
        for row in december.rows {
            #expect(exact(row["earned_ytd"]) == (totals[payeeKey(row)] ?? .zero), "\(payeeKey(row))")
        }
        // Year-end cross-check (Fixtures/sample/README.md): alice 58081.04, leo 18229.43;
        // P-CEDAR rebates 5667.79 + 5074.62 + 18958.85 + 5531.17 = 35232.43 + referral 3525.00
        // = 38757.43; P-ATLAS rebates 10033.20 (its referral fee was earned and clawed back).
        #expect(try totals["person/alice"] == ExactDecimal(parsing: "58081.04"))
        #expect(try totals["person/leo"] == ExactDecimal(parsing: "18229.43"))
        #expect(try totals["partner/P-CEDAR"] == ExactDecimal(parsing: "38757.43"))
        #expect(try totals["partner/P-ATLAS"] == ExactDecimal(parsing: "10033.20"))
        // December re-run = December's closed rows; check accepts the full year.
        #expect(december.column("payout") == journal.amounts(of: "2027-12"))
        #expect(data.cli("check").code == 0)
        // Golden: the whole year's journal, byte for byte (re-record with CHANNELCOMP_RECORD=1;
        // the oracle test below checks the same rows independently).
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Fixtures/journal/sample-fy2027/expected-journal.csv").standardizedFileURL
        let bytes = data.journalBytes() ?? []
        if ProcessInfo.processInfo.environment["CHANNELCOMP_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: golden)
        } else {
            let expected = try Data(contentsOf: golden)
            #expect(Data(bytes) == expected, "journal differs from \(golden.path)")
        }
    }

    @Test("closing the whole fiscal year matches the Python oracle's close-year",
          .enabled(if: PythonOracle.python3 != nil, "python3 not found on PATH: oracle comparison skipped"))
    func wholeFiscalYearMatchesOracle() throws {
        let data = try DataFolder()
        data.closeAll(Self.months)
        let expected = try PythonOracle.run(["close-year", "--plan", data.plan, "--data", data.path, "--year-start", "2027-01"])
        let oracle = CSVRows(bytes: Array(expected.utf8))
        #expect(oracle.header == ["period", "payee_type", "payee_id", "amount", "currency"])
        #expect(oracle.rows.count == 12 * 17)
        let columns = ["period", "payee_type", "payee_id", "amount", "currency"]
        let ours = data.journal().rows.map { row in columns.map { row[$0] ?? "" } }
        let theirs = oracle.rows.map { row in columns.map { row[$0] ?? "" } }
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) where a != b {
            Issue.record("journal row \(a) != oracle \(b)")
        }
    }
}

/// The independent Python oracle (Tests/Oracle/oracle.py).
enum PythonOracle {
    /// `python3` on PATH, if any.
    static let python3: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `python3 Tests/Oracle/oracle.py <arguments>` and returns its stdout.
    static func run(_ arguments: [String]) throws -> String {
        guard let python3 else { throw Failure(description: "python3 not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python3)
        process.arguments = [JournalTestSupport.path("Tests/Oracle/oracle.py")] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "oracle exited \(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
