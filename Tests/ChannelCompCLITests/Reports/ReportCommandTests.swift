import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// Runs `channelcomp` in-process on repository files (absolute paths, so the tests do not
/// depend on the current directory).
enum ReportCLI {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    struct Outcome {
        var out: String
        var err: String
        var exit: Int32
    }

    static func run(_ arguments: [String]) -> Outcome {
        let console = Console()
        let code = ChannelCompCLI.run(arguments, console: console)
        return Outcome(out: console.out, err: console.err, exit: code)
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Rows of CSV text through the project's RFC 4180 reader.
    static func csvRows(_ text: String) throws -> [[String]] {
        var reader = CSVReader(bytes: Array(text.utf8))
        var record = CSVRecord()
        var rows: [[String]] = []
        while try reader.next(into: &record) { rows.append(record.strings()) }
        return rows
    }

    static func json(_ text: String) throws -> JSONNode { try JSONParser.parse(Array(text.utf8)) }

    static func decimal(_ s: String) throws -> ExactDecimal { try ExactDecimal(parsing: s) }

    static let sampleArgs = ["--data", path("Fixtures/sample")]
    static let neutralPlan = path("Plans/channel-neutral.json")
    static let fullyNeutralPlan = path("Plans/fully-neutral.json")
}

@Suite("Report commands")
struct ReportCommandTests {
    // MARK: explain

    /// For every payee of Fixtures/sample (channel-neutral; 2027-03 and 2027-12), the payout
    /// `explain` traces to equals the `payout` column of the CSV summary, and the tree's own
    /// check (every sum, difference, product, rounding and cap) holds.
    @Test(arguments: ["2027-03", "2027-12"])
    func explainedPayoutEqualsSummaryForEveryPayee(_ period: String) throws {
        let summary = ReportCLI.run(["payout", "--plan", ReportCLI.neutralPlan] + ReportCLI.sampleArgs + ["--period", period, "--format", "csv"])
        #expect(summary.exit == 0)
        let rows = try ReportCLI.csvRows(summary.out)
        let header = try #require(rows.first)
        let idColumn = try #require(header.firstIndex(of: "payee_id"))
        let payoutColumn = try #require(header.firstIndex(of: "payout"))
        #expect(rows.count == 18)  // header + 12 people + 5 partners
        for row in rows.dropFirst() {
            let id = row[idColumn]
            let explained = ReportCLI.run(["explain", "--plan", ReportCLI.neutralPlan] + ReportCLI.sampleArgs
                + ["--period", period, "--payee", id, "--format", "json"])
            #expect(explained.exit == 0, "\(id): \(explained.err)")
            let doc = try ReportCLI.json(explained.out)
            let payee = try #require(doc.member("payees")?.arrayElements?.first)
            #expect(payee.member("payee_id")?.stringValue == id)
            #expect(payee.member("checked")?.boolValue == true, "\(id): \(payee.member("problems").map { "\($0)" } ?? "")")
            let traced = try #require(payee.member("trace")?.member("amount")?.stringValue)
            // Compare numerically (the trace keeps exact places, e.g. 932.00 vs 932.0000).
            #expect(try ReportCLI.decimal(traced) == ReportCLI.decimal(row[payoutColumn]), "\(id): trace \(traced), summary \(row[payoutColumn])")
            #expect(payee.member("payout")?.stringValue == row[payoutColumn])
        }
    }

    /// The text form ends with the check line naming the summary's payout.
    @Test func explainTextEndsWithTheCheck() {
        let r = ReportCLI.run(["explain", "--plan", ReportCLI.neutralPlan] + ReportCLI.sampleArgs + ["--period", "2027-03", "--payee", "P-BEACON"])
        #expect(r.exit == 0)
        #expect(r.err.isEmpty)
        #expect(r.out.hasPrefix("Explain P-BEACON (Beacon IT Services) — partner — payout 2027-03\n"))
        #expect(r.out.hasSuffix("and the payout equals the summary's 2009.00.\n"))
    }

    /// An id nobody has: a usage error (exit 64), the files looked in, and the nearest id.
    @Test(arguments: [("alcie", "alice"), ("P-BECON", "P-BEACON"), ("zzzzzz", nil)] as [(String, String?)])
    func explainUnknownPayee(_ typed: String, _ suggestion: String?) {
        let r = ReportCLI.run(["explain", "--plan", ReportCLI.neutralPlan] + ReportCLI.sampleArgs + ["--period", "2027-03", "--payee", typed])
        #expect(r.exit == 64)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("no person or partner has id '\(typed)'"))
        #expect(r.err.contains("Fixtures/sample/people.csv"))
        if let suggestion {
            #expect(r.err.contains("hint: did you mean '\(suggestion)'?"))
        } else {
            #expect(!r.err.contains("did you mean"))
        }
    }

    // MARK: compare

    /// Exactly two --plan: one or three is a usage error (exit 64) saying so.
    @Test(arguments: [1, 3])
    func compareNeedsExactlyTwoPlans(_ count: Int) {
        var args = ["compare"]
        for _ in 0..<count { args += ["--plan", ReportCLI.neutralPlan] }
        let r = ReportCLI.run(args + ReportCLI.sampleArgs + ["--period", "2027-12"])
        #expect(r.exit == 64)
        #expect(r.err.hasPrefix("error: option '--plan' must be given exactly twice (plan A, then plan B); found \(count)\n"))
        #expect(r.err.contains("Usage: channelcomp compare"))
        #expect(r.out.isEmpty)
    }

    /// Plans in USD and EUR: exit 65 naming both currencies, before the data is read.
    @Test func comparePlansInDifferentCurrencies() {
        let eur = ReportCLI.path("Fixtures/audit-neutrality/plan-eur.json")
        let r = ReportCLI.run(["compare", "--plan", ReportCLI.neutralPlan, "--plan", eur, "--data",
                               ReportCLI.path("Fixtures/audit-neutrality"), "--period", "2027-03"])
        #expect(r.exit == 65)
        #expect(r.err.contains("plan B is in EUR but plan A"))
        #expect(r.err.contains("is in USD"))
        #expect(!r.err.contains("deals.csv"))  // not the ledger's currency errors
    }

    /// CSV: one row per payee, then totals, cost and neutrality rows, all with 16 fields;
    /// payout_delta = payout_b − payout_a and earned likewise on payee and total rows; the
    /// "all" total is the sum of the payee rows.
    @Test func compareCSVDeltas() throws {
        let r = ReportCLI.run(["compare", "--plan", ReportCLI.neutralPlan, "--plan", ReportCLI.fullyNeutralPlan]
            + ReportCLI.sampleArgs + ["--period", "2027-12", "--format", "csv"])
        #expect(r.exit == 0)
        let rows = try ReportCLI.csvRows(r.out)
        #expect(rows.first == CompareRenderer.csvHeader.split(separator: ",").map(String.init))
        #expect(rows.allSatisfy { $0.count == 16 })
        let payees = rows.filter { $0[12] == "payee" }
        let totals = rows.filter { $0[0] == "total" }
        #expect(payees.count == 17)
        #expect(totals.map { $0[1] } == ["people", "partners", "all"])
        for row in payees + totals {
            let (a, b, delta) = (try ReportCLI.decimal(row[3]), try ReportCLI.decimal(row[4]), try ReportCLI.decimal(row[5]))
            #expect(try b.subtracting(a) == delta, "\(row[1])")
            let (ea, eb, ed) = (try ReportCLI.decimal(row[7]), try ReportCLI.decimal(row[8]), try ReportCLI.decimal(row[9]))
            #expect(try eb.subtracting(ea) == ed, "\(row[1])")
            #expect(row[6].isEmpty == a.isZero, "\(row[1]): delta % empty exactly when A is 0")
        }
        var sumB = ExactDecimal.zero
        for row in payees { sumB = try sumB.adding(try ReportCLI.decimal(row[8])) }
        #expect(try ReportCLI.decimal(totals[2][8]) == sumB)
        // Cost: 3 channels × 3 measures × 2 scopes; neutrality: B (gross basis) is 1.0000 for everyone.
        #expect(rows.filter { $0[0] == "cost" }.count == 18)
        let neutrality = rows.filter { $0[0] == "neutrality" }
        #expect(!neutrality.isEmpty && neutrality.allSatisfy { $0[13] == "gross_ratio" && $0[15] == "1.0000" })
    }

    /// Plans with different fiscal years are refused (exit 65) before the data is read.
    @Test func compareRefusesDifferentFiscalYears() {
        let r = ReportCLI.run(["compare", "--plan", ReportCLI.neutralPlan, "--plan",
                               ReportCLI.path("Fixtures/errors/compare-fiscal-year-mismatch/plan-april.json")]
            + ReportCLI.sampleArgs + ["--period", "2027-06"])
        #expect(r.exit == 65)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("key fiscal_year_start_month: plan B's fiscal year starts in month 4"))
        #expect(r.err.contains("2027-04…2027-06 and 2027-01…2027-06"))
    }

    // MARK: audit

    /// CSV: every row has the 11 columns; the gross-basis plan gives ratio 1.0000 to every
    /// direct rep of the fixture, the net plan 0.6583 / 0.6201 / 0.7273.
    @Test(arguments: [(ReportCLI.fullyNeutralPlan, ["1.0000", "1.0000", "1.0000"]),
                      (ReportCLI.neutralPlan, ["0.6583", "0.6201", "0.7273"])])
    func auditCSVRatios(_ plan: String, _ ratios: [String]) throws {
        let r = ReportCLI.run(["audit", "--plan", plan, "--data", ReportCLI.path("Fixtures/audit-neutrality"),
                               "--period", "2027-03", "--format", "csv"])
        #expect(r.exit == 0)
        let rows = try ReportCLI.csvRows(r.out)
        #expect(rows.first?.joined(separator: ",") == AuditRenderer.csvHeader)
        #expect(rows.allSatisfy { $0.count == 11 })
        let ytd = rows.filter { $0[0] == "ytd" && $0[3] == "neutrality" && $0[7] == "ratio" }
        #expect(ytd.map { $0[4] } == ["ann", "ben", "cy"])
        #expect(ytd.map { $0[8] } == ratios)
        #expect(Set(rows.dropFirst().map { $0[3] }) == ["summary", "neutrality", "uncredited", "registration", "referral", "conflict", "max_discount", "cost"])
        // The summary's gross ratios are the neutrality section's ratios, with their verdicts.
        let gross = rows.filter { $0[0] == "ytd" && $0[3] == "summary" && $0[7] == "gross_ratio" }
        #expect(gross.map { $0[8] } == ratios)
        let verdict = ratios.allSatisfy { $0 == "1.0000" } ? "neutral" : "not-neutral"
        #expect(rows.contains { $0[0] == "ytd" && $0[7] == "gross_verdict" && $0[8] == verdict })
    }

    /// `--fail-on-violation`: exit 2 only when the year to date misses the required sense; the
    /// report is printed either way, and the reason goes to stderr.
    @Test(arguments: [(ReportCLI.neutralPlan, "channel-neutral", Int32(0)), (ReportCLI.neutralPlan, "completely-neutral", 2),
                      (ReportCLI.fullyNeutralPlan, "channel-neutral", 2), (ReportCLI.fullyNeutralPlan, "completely-neutral", 0)])
    func auditFailOnViolation(_ plan: String, _ sense: String, _ exit: Int32) {
        let r = ReportCLI.run(["audit", "--plan", plan] + ReportCLI.sampleArgs + ["--period", "2027-06", "--section", "summary",
                                                                                  "--fail-on-violation", sense])
        #expect(r.exit == exit, "\(plan) \(sense)")
        #expect(r.out.contains("Verdict, year to date 2027-01…2027-06"))
        #expect(r.err.isEmpty == (exit == 0))
        if exit != 0 { #expect(r.err.contains("audit: not \(sense) over 2027-01…2027-06")) }
    }

    /// JSON parses and has both scopes with every section.
    @Test func auditJSONShape() throws {
        let r = ReportCLI.run(["audit", "--plan", ReportCLI.neutralPlan] + ReportCLI.sampleArgs + ["--period", "2027-10", "--format", "json"])
        #expect(r.exit == 0)
        let doc = try ReportCLI.json(r.out)
        let sections = try #require(doc.member("sections")?.arrayElements)
        #expect(sections.map { $0.member("scope")?.stringValue } == ["period", "ytd"])
        for s in sections {
            for key in ["neutrality", "uncredited", "registration_exclusions", "unpaid_referrals", "channel_conflicts", "max_discount_hits", "cost"] {
                #expect(s.member(key)?.arrayElements != nil, "\(key)")
            }
        }
    }
}
