import ChannelComp
import Foundation
import Testing

/// `close` writes the period's payouts to `journal.csv` (SPEC 3.7, 6 "Journal").
@Suite("close: the rows it writes")
struct CloseWritesJournalTests {
    static let samplePeople = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "hank", "ivy", "jack", "kim", "leo"]
    static let samplePartners = ["P-ATLAS", "P-BEACON", "P-CEDAR", "P-DELTA", "P-ECHO"]

    @Test("closing 2027-01 writes one row per payee, people then partners, zero amounts included")
    func closeWritesOneRowPerPayee() throws {
        let data = try DataFolder()
        let preview = data.payout("2027-01")
        let closing = data.cli("close", period: "2027-01", ["--closed-at", JournalTestSupport.closedAt, "--format", "csv"])
        #expect(closing.code == 0, "\(closing.err)")

        let text = String(decoding: data.journalBytes() ?? [], as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == JournalTestSupport.journalHeader)
        #expect(text.hasSuffix("\n") && !text.hasSuffix("\n\n"), "LF-terminated with one final newline")
        #expect(!text.contains("\r"))

        let journal = data.journal()
        #expect(journal.header == ["period", "payee_type", "payee_id", "amount", "currency", "closed_at"])
        // 12 people + 5 partners = 17 rows, in the SPEC 4.1 CSV order.
        let expectedOrder = Self.samplePeople.map { "person/\($0)" } + Self.samplePartners.map { "partner/\($0)" }
        #expect(journal.rows.map(payeeKey) == expectedOrder)
        #expect(preview.payees == expectedOrder)
        for row in journal.rows {
            #expect(row["period"] == "2027-01")
            #expect(row["currency"] == "USD")
            #expect(row["closed_at"] == JournalTestSupport.closedAt)
            #expect(row["amount"] == preview.value(payeeKey(row), "payout"), "\(payeeKey(row))")
        }
        // Hand checks (direct_rep: marginal 5 % below 100 % of quota; negative credit earns 5 %):
        // alice 156600.00 × 5 % = 7830.00; dave −17500.00 (D2612-05 clawed back) × 5 % = −875.00;
        // frank has no credit in January: 0.00 is written, not skipped; partners earn no rebate
        // before the quarter's last month and no referral fee in January: 0.00.
        let amounts = journal.amounts(of: "2027-01")
        #expect(amounts["person/alice"] == "7830.00")
        #expect(amounts["person/dave"] == "-875.00")
        #expect(amounts["person/frank"] == "0.00")
        #expect(amounts["partner/P-ATLAS"] == "0.00")
        // `close` prints the same summary `payout` does.
        #expect(PayoutTable(csv: closing.out).rows == preview.rows)
    }

    @Test("rows are sorted by id in byte order (uppercase first) and ids with commas are quoted")
    func closeSortsAndQuotes() throws {
        // people.csv lists zoe, Bea, amy, "o,neil"; partners.csv P-Z, P-A.
        // Byte order: "Bea" (0x42) < "amy" (0x61) < "o,neil" < "zoe"; "P-A" < "P-Z".
        // January: zoe J1 direct 8 × 1250.00 = 10000.00 × 5 % = 500.00.
        // Bea (EAST) J2 partner P-A, Gold 30 % + upfront 5 % + approved 10 % = 45 % → capped at
        // 40 %: N = 10000.00 − 4000.00 = 6000.00 × 5 % = 300.00.
        // amy (P-A's manager) 6000.00 of 200000 = 3 % → retroactive tier 0 % → 0.00.
        // February: zoe J3 4 × 1250.00 = 5000.00 × 5 % = 250.00.
        let data = try DataFolder(copying: "Fixtures/journal/unsorted")
        data.closeAll(["2027-01"])
        let january = """
            period,payee_type,payee_id,amount,currency,closed_at
            2027-01,person,Bea,300.00,USD,2027-02-01T00:00:00Z
            2027-01,person,amy,0.00,USD,2027-02-01T00:00:00Z
            2027-01,person,"o,neil",0.00,USD,2027-02-01T00:00:00Z
            2027-01,person,zoe,500.00,USD,2027-02-01T00:00:00Z
            2027-01,partner,P-A,0.00,USD,2027-02-01T00:00:00Z
            2027-01,partner,P-Z,0.00,USD,2027-02-01T00:00:00Z

            """
        #expect(String(decoding: data.journalBytes() ?? [], as: UTF8.self) == january)
        let r = data.close("2027-02", closedAt: "2027-03-01T09:30:00Z")
        #expect(r.code == 0, "\(r.err)")
        let february = """
            2027-02,person,Bea,0.00,USD,2027-03-01T09:30:00Z
            2027-02,person,amy,0.00,USD,2027-03-01T09:30:00Z
            2027-02,person,"o,neil",0.00,USD,2027-03-01T09:30:00Z
            2027-02,person,zoe,250.00,USD,2027-03-01T09:30:00Z
            2027-02,partner,P-A,0.00,USD,2027-03-01T09:30:00Z
            2027-02,partner,P-Z,0.00,USD,2027-03-01T09:30:00Z

            """
        #expect(String(decoding: data.journalBytes() ?? [], as: UTF8.self) == january + february)
        #expect(data.cli("check").code == 0)
    }

    @Test("without --closed-at the row is stamped with the current time in UTC")
    func closedAtDefaultsToNow() throws {
        let data = try DataFolder(copying: "Fixtures/journal/unsorted")
        let before = Date()
        let r = data.cli("close", period: "2027-01")
        #expect(r.code == 0, "\(r.err)")
        let stamps = Set(data.journal().rows.compactMap { $0["closed_at"] })
        #expect(stamps.count == 1, "one close, one timestamp: \(stamps)")
        let stamp = try #require(stamps.first)
        #expect(stamp.hasSuffix("Z"), "UTC: \(stamp)")
        let date = try #require(ISO8601DateFormatter().date(from: stamp), "ISO 8601: \(stamp)")
        // Whole seconds: the stamp may be up to 1 s before `before`.
        #expect(date.timeIntervalSince(before) > -2 && date.timeIntervalSince(before) < 120)
    }

    @Test("a hand-edited journal (reordered header, no final newline, BOM or not) is appended to correctly",
          arguments: ["", "\u{FEFF}"])
    func appendsToHandEditedJournal(bom: String) throws {
        let data = try DataFolder(copying: "Fixtures/journal/unsorted")
        // January's rows (as in closeSortsAndQuotes) with the columns reordered and no final newline.
        try data.writeJournal(bom + """
            payee_id,period,amount,payee_type,closed_at,currency
            Bea,2027-01,300.00,person,t1,USD
            amy,2027-01,0.00,person,t1,USD
            "o,neil",2027-01,0.00,person,t1,USD
            zoe,2027-01,500.00,person,t1,USD
            P-A,2027-01,0.00,partner,t1,USD
            P-Z,2027-01,0.00,partner,t1,USD
            """)
        #expect(data.cli("check").code == 0)
        let r = data.close("2027-02")
        #expect(r.code == 0, "\(r.err)")
        let journal = data.journal()
        #expect(journal.rows.count == 12, "6 January + 6 February rows")
        // zoe: 750.00 earned by February − 500.00 paid in January = 250.00.
        #expect(journal.amounts(of: "2027-02")["person/zoe"] == "250.00")
        #expect(journal.amounts(of: "2027-02")["person/o,neil"] == "0.00")
        #expect(journal.amounts(of: "2027-01")["person/zoe"] == "500.00", "the old rows are untouched")
        #expect(data.cli("check").code == 0)
        #expect(data.payout("2027-03").value("person/zoe", "paid_to_date") == "750.00")
    }

    @Test("a CRLF journal stays readable after close appends to it")
    func appendsToCRLFJournal() throws {
        let data = try DataFolder(copying: "Fixtures/journal/unsorted")
        data.closeAll(["2027-01"])
        let crlf = String(decoding: data.journalBytes() ?? [], as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
        try data.writeJournal(crlf)
        data.closeAll(["2027-02"])
        #expect(data.journal().rows.count == 12)
        #expect(data.cli("check").code == 0)
        // zoe: 500.00 + 250.00 paid; nothing more earned in March.
        #expect(data.payout("2027-03").value("person/zoe", "paid_to_date") == "750.00")
    }
}

/// `close` refusals (SPEC 3.7, 6): exit 65 and the journal untouched.
@Suite("close: refusals and write failures")
struct CloseRefusalTests {
    @Test("closing the same period twice is refused and leaves the journal byte-identical")
    func closeTwice() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let before = try #require(data.journalBytes())
        let r = data.close("2027-01", closedAt: "2027-02-02T00:00:00Z")
        #expect(r.code == 65)
        #expect(r.err.contains("2027-01") && r.err.contains("already closed"), "\(r.err)")
        expectSameBytes(data.journalBytes(), before, "the refused close left the journal as it was")
    }

    @Test("closing 2027-03 after only 2027-01 is refused, naming 2027-02")
    func closeOutOfOrder() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let before = try #require(data.journalBytes())
        let r = data.close("2027-03")
        #expect(r.code == 65)
        #expect(r.err.contains("2027-02"), "\(r.err)")
        expectSameBytes(data.journalBytes(), before, "the refused close left the journal as it was")
        #expect(data.journal().periods == ["2027-01"])
    }

    @Test("closing 2027-01 when 2027-02 is already closed is refused (a later period is closed)")
    func closeBeforeLaterClosed() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2027-02"])
        // Hand-edit: drop January's rows, keep February's.
        let text = String(decoding: data.journalBytes() ?? [], as: UTF8.self)
        let kept = text.split(separator: "\n").filter { !$0.hasPrefix("2027-01,") }.joined(separator: "\n") + "\n"
        try data.writeJournal(kept)
        let before = try #require(data.journalBytes())
        let r = data.close("2027-01")
        #expect(r.code == 65)
        #expect(r.err.contains("2027-02"), "names the later closed period: \(r.err)")
        expectSameBytes(data.journalBytes(), before, "the refused close left the journal as it was")
    }

    @Test("the first close of a fiscal year must be its first month", arguments: ["2027-02", "2027-05", "2027-12"])
    func firstCloseMustBeFirstMonth(period: String) throws {
        let data = try DataFolder()
        let r = data.close(period)
        #expect(r.code == 65)
        #expect(r.err.contains("2027-01"), "names the fiscal year's first month: \(r.err)")
        #expect(!data.fileNames().contains { $0.contains("journal") }, "no journal (or temporary file) written: \(data.fileNames())")
    }

    @Test("with a fiscal year starting in April, the first close is 2026-04 / 2027-04, not January")
    func fiscalYearStartingInApril() throws {
        let planText = try String(contentsOfFile: JournalTestSupport.channelNeutralPlan, encoding: .utf8)
        let aprilPlan = planText.replacingOccurrences(of: "\"fiscal_year_start_month\": 1,", with: "\"fiscal_year_start_month\": 4,")
        #expect(aprilPlan != planText)
        let data = try DataFolder()
        let planPath = data.root.appendingPathComponent("april.json").path
        try Data(aprilPlan.utf8).write(to: URL(fileURLWithPath: planPath))
        data.plan = planPath

        // 2027-01 belongs to the fiscal year 2026-04 … 2027-03.
        let january = data.close("2027-01")
        #expect(january.code == 65)
        #expect(january.err.contains("2026-04"), "\(january.err)")
        expectSameBytes(data.journalBytes(), nil, "no journal written")

        data.closeAll(["2027-04", "2027-05"])
        #expect(data.journal().periods == ["2027-04", "2027-05"])
        #expect(data.cli("check").code == 0)
    }

    @Test("the first month of the next fiscal year can be closed after this year's first months")
    func nextFiscalYear() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01", "2028-01"])
        // Sample data has no 2028 rows: FY2028 earnings are 0, and 2028-01 is paid
        // earned_ytd − 0 = 0.00 for everyone (FY2027 rows are another fiscal year).
        let journal = data.journal()
        #expect(journal.rows(of: "2028-01").count == 17)
        #expect(journal.rows(of: "2028-01").allSatisfy { $0["amount"] == "0.00" })
        #expect(data.cli("check").code == 0)
    }

    @Test("a close that cannot write its temporary file exits 73 and leaves the journal untouched")
    func cannotWrite() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let before = try #require(data.journalBytes())
        // The temporary file's name is unpredictable now (issue 16.3), so the failure is
        // injected in a child process: each step of the atomic replace fails in turn.
        for step in ["create", "write", "fsync", "rename"] {
            let r = try SafetyRun.binary(["close", "--plan", data.plan, "--data", data.path, "--period", "2027-02",
                                          "--closed-at", JournalTestSupport.closedAt],
                                         environment: ["CHANNELCOMP_INJECT_WRITE_ERROR": step])
            #expect(r.code == 73, "\(step): \(r.err)")
            #expect(r.err.contains("journal.csv"), "\(step): names the file it could not write: \(r.err)")
            expectSameBytes(data.journalBytes(), before, "a failed \(step) leaves the journal as it was")
            #expect(!data.fileNames().contains { $0.hasPrefix(".") }, "\(step): no temporary file left: \(data.fileNames())")
        }
        data.closeAll(["2027-02"])
        #expect(data.journal().periods == ["2027-01", "2027-02"])
    }

    @Test("close keeps the journal's file permissions (0640 stays 0640)")
    func keepsPermissions() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: data.journalPath)
        data.closeAll(["2027-02"])
        let mode = try FileManager.default.attributesOfItem(atPath: data.journalPath)[.posixPermissions] as? Int
        // Fixed: replaceAtomically creates the temporary file with the old journal's mode.
        #expect(mode == 0o640, "mode is \(String(mode ?? -1, radix: 8))")
    }

    @Test("a close that fails on invalid data leaves the journal untouched")
    func invalidDataLeavesJournal() throws {
        let data = try DataFolder()
        data.closeAll(["2027-01"])
        let before = try #require(data.journalBytes())
        try data.appendToDeals("2027-02-10,D-BAD,,,direct,A-1,WEST,WIDGET,abc,1250.00,,USD,,,,,alice")
        let r = data.close("2027-02")
        #expect(r.code == 65)
        #expect(r.err.contains("abc"), "\(r.err)")
        expectSameBytes(data.journalBytes(), before, "the refused close left the journal as it was")
        #expect(!data.fileNames().contains { $0.hasSuffix(".tmp") })
    }
}
