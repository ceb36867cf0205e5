import Testing
@testable import ChannelComp

/// `adjustments.csv` (SPEC 8.4): every column checked, every error located.
@Suite("Adjustments: loading and validation")
struct AdjustmentLoaderTests {
    static let header = "id,period,payee_type,payee_id,kind,amount,reason,approved_by,deal_id"

    /// The SPEC 7 roster plus `spiff`, an `sdr` role without rates (flat pay only).
    static func load(_ rows: [String], header: String = header) throws -> (Adjustments, DiagnosticList) {
        var plan = PlanText()
        plan.roles += """
            ,
            "sdr": {
              "direct_deals": { "credit": "none" },
              "partner_deals": { "credit": "territory", "basis": "net", "quota_credit": false, "flat_rate": "1%", "requires_registration": false }
            }
            """
        let s = try Scenario(plan: plan, people: Scenario.standardPeople + "\nsam,Sam,sdr,,EAST",
                             deals: [.direct("D1", "2027-01-10", "1000", quantity: "10")])
        let text = ([header] + rows).joined(separator: "\n") + "\n"
        return AdjustmentLoader.load(file: "adjustments.csv", bytes: Array(text.utf8), plan: s.plan, roster: s.roster, ledger: s.ledger)
    }

    @Test("valid rows load typed, in file order; deal_id is optional")
    func valid() throws {
        let (adjustments, diagnostics) = try Self.load([
            "A1,2027-02,person,ann,credit,12500.00,D9 credited to the wrong rep,VP Sales,D1",
            "A2,2027-03,partner,P1,payment,-250.5,goodwill reversed,CFO,",
            "A3,2027-03,person,sam,payment,100,SPIFF,\"Lee, Sales Ops\",",
        ])
        #expect(diagnostics.items.isEmpty, "\(diagnostics.items.map { $0.render() })")
        #expect(adjustments.items.map(\.id) == ["A1", "A2", "A3"])
        let a1 = adjustments.items[0]
        #expect(a1.period == Period(parsing: "2027-02") && a1.payeeType == .person && a1.payeeID == "ann")
        #expect(a1.kind == .credit && a1.amount.formatted == "12500.00" && a1.deal == DealID("D1") && a1.sourceLine == 2)
        #expect(adjustments.items[1].amount.formatted == "-250.50")
        #expect(adjustments.items[2].approvedBy == "Lee, Sales Ops")
    }

    /// (row, expected headline) — each row has exactly one mistake.
    static let errors: [(String, String)] = [
        ("A1,2027-02,person,zed,payment,10.00,r,a,",
         "adjustments.csv:2: error: column 'payee_id': expected a person id from people.csv, found \"zed\": no such person"),
        ("A1,2027-02,partner,P9,payment,10.00,r,a,",
         "adjustments.csv:2: error: column 'payee_id': expected a partner id from partners.csv, found \"P9\": no such partner"),
        ("A1,2027-02,partner,P1,credit,10.00,r,a,",
         "adjustments.csv:2: error: column 'kind': a credit adjustment is quota credit for a person; partner \"P1\" cannot have one"),
        ("A1,2027-02,person,sam,credit,10.00,r,a,",
         "adjustments.csv:2: error: column 'kind': a credit adjustment is quota credit paid through the role's rates, but role 'sdr' of \"sam\" has no rates"),
        ("A1,2027-02,person,ann,payment,0.00,r,a,",
         "adjustments.csv:2: error: column 'amount': expected a non-zero amount, found \"0.00\": an adjustment of 0 changes nothing"),
        ("A1,2027-02,person,ann,payment,10.001,r,a,",
         "adjustments.csv:2: error: column 'amount': expected an amount with at most 2 decimals (USD), found \"10.001\": it has more than 2 decimal places"),
        ("A1,2027-02,person,ann,payment,10.00,r,a,D404",
         "adjustments.csv:2: error: column 'deal_id': expected empty or a deal_id of deals.csv, found \"D404\": no such deal"),
        ("A1,2027-02,person,ann,payment,10.00,,a,",
         "adjustments.csv:2: error: column 'reason': expected why the adjustment is made, found an empty value"),
        ("A1,2027-02,person,ann,payment,10.00,r,,",
         "adjustments.csv:2: error: column 'approved_by': expected who approved it, found an empty value"),
        ("A1,2027-13,person,ann,payment,10.00,r,a,",
         "adjustments.csv:2: error: column 'period': expected a real month YYYY-MM, found \"2027-13\""),
        ("A1,2027-02,people,ann,payment,10.00,r,a,",
         "adjustments.csv:2: error: column 'payee_type': expected one of person, partner, found \"people\""),
        ("A1,2027-02,person,ann,Payment,10.00,r,a,",
         "adjustments.csv:2: error: column 'kind': expected one of credit, payment, found \"Payment\""),
        (",2027-02,person,ann,payment,10.00,r,a,",
         "adjustments.csv:2: error: column 'id': expected an adjustment id, found an empty value"),
    ]

    @Test("each mistake is one located error and the row is not loaded", arguments: 0..<errors.count)
    func error(_ i: Int) throws {
        let (row, expected) = Self.errors[i]
        let (adjustments, diagnostics) = try Self.load([row])
        #expect(diagnostics.errors.map(\.headline) == [expected], "\(row)")
        #expect(adjustments.items.isEmpty)
    }

    @Test("a duplicate id names the first line; every row's problems are reported")
    func duplicateAndAll() throws {
        let (adjustments, diagnostics) = try Self.load([
            "A1,2027-02,person,ann,payment,10.00,r,a,",
            "A1,2027-03,person,ann,payment,5.00,r,a,",
            "A2,2027-03,person,ann,payment,0,,a,",
        ])
        #expect(diagnostics.errors.map(\.headline) == [
            "adjustments.csv:3: error: column 'id': duplicate adjustment id \"A1\": already used on line 2; each adjustment needs its own id",
            "adjustments.csv:4: error: column 'amount': expected a non-zero amount, found \"0\": an adjustment of 0 changes nothing",
            "adjustments.csv:4: error: column 'reason': expected why the adjustment is made, found an empty value",
        ])
        #expect(adjustments.items.map(\.id) == ["A1"])
    }

    @Test("a header without a required column is an error; deal_id may be absent")
    func header() throws {
        let (_, missing) = try Self.load(["A1,2027-02,person,ann,payment,10.00,r"], header: "id,period,payee_type,payee_id,kind,amount,reason")
        #expect(missing.errors.first?.headline == "adjustments.csv:1: error: column 'approved_by': required column is missing from the header")
        let (ok, diagnostics) = try Self.load(["A1,2027-02,person,ann,payment,10.00,r,a"], header: "id,period,payee_type,payee_id,kind,amount,reason,approved_by")
        #expect(diagnostics.items.isEmpty && ok.items.count == 1)
    }

    @Test("which adjustments a run sees: the fiscal year through the period; later ones counted; listed payees")
    func selection() throws {
        let (adjustments, _) = try Self.load([
            "A0,2026-12,person,ann,payment,1.00,last year,a,",
            "A1,2027-02,person,ann,payment,2.00,r,a,",
            "A2,2027-03,partner,P1,payment,3.00,r,a,",
            "A3,2027-05,person,cam,payment,4.00,after,a,",
            "A4,2027-03,person,ann,credit,5.00,r,a,",
        ])
        let start = Period(parsing: "2027-01")!, march = Period(parsing: "2027-03")!
        #expect(adjustments.effective(for: .person, "ann", yearStart: start, through: march).map(\.id) == ["A1", "A4"])
        #expect(adjustments.countAfter(march) == 1)
        #expect(adjustments.datedIn(march).map(\.id) == ["A2", "A4"])
        #expect(adjustments.payees(yearStart: start, through: march).map { "\($0.type.rawValue)/\($0.id)" } == ["person/ann", "partner/P1"])
    }
}
