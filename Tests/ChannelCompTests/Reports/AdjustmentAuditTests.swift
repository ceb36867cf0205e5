import Testing
@testable import ChannelComp

/// The audit's adjustment totals (SPEC 8.4): per payee, per kind, the largest.
@Suite("Audit: adjustments")
struct AdjustmentAuditTests {
    @Test("totals per payee and per kind, largest by size; other fiscal years left out, later ones counted")
    func totals() throws {
        let (adjustments, diagnostics) = try AdjustmentLoaderTests.load([
            "A1,2027-02,person,ann,credit,12500.00,r,a,",
            "A2,2027-03,partner,P1,payment,500.00,r,a,",
            "A3,2027-03,person,ann,payment,-250.00,r,a,",
            "A4,2027-01,person,cam,payment,500.00,r,a,",
            "A5,2026-12,person,ann,payment,9999.00,last year,a,",
            "A6,2027-04,person,ann,payment,7.00,after,a,",
        ])
        #expect(!diagnostics.hasErrors)
        let usd = Currency(code: "USD")!
        let start = Period(parsing: "2027-01")!, march = Period(parsing: "2027-03")!
        let audit = try AdjustmentAudit(items: adjustments.items.filter { $0.period >= start && $0.period <= march },
                                        afterPeriod: adjustments.countAfter(march), currency: usd)
        func m(_ t: String) -> Money { Money(try! ExactDecimal(parsing: t), usd) }
        // Kinds: credit 12500.00 (A1); payment 500.00 − 250.00 + 500.00 = 750.00 (A2, A3, A4).
        #expect(audit.perKind == [.init(kind: .credit, total: m("12500.00"), count: 1), .init(kind: .payment, total: m("750.00"), count: 3)])
        // Payees: people (ann, cam) then partners (P1).
        #expect(audit.perPayee.map(\.payeeID) == ["ann", "cam", "P1"])
        #expect(audit.perPayee[0] == .init(payeeType: .person, payeeID: "ann", credit: m("12500.00"), payment: m("-250.00"), count: 2))
        // Largest by size: 12500.00, then the two 500.00 in file order (A2 before A4), then −250.00.
        #expect(audit.largest.map(\.id) == ["A1", "A2", "A4", "A3"])
        #expect(audit.afterPeriod == 1)
    }
}
