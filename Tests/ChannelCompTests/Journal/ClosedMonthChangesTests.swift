import Testing
@testable import ChannelComp

/// Which closed months a prior-period adjustment comes from (SPEC 8.5, README "Adjustments and
/// corrections to closed months").
@Suite("Closed-month changes")
struct ClosedMonthChangesTests {
    static let usdCode = Currency(code: "USD")!
    static func usd(_ text: String) -> Money { Money(try! ExactDecimal(parsing: text), usdCode) }
    static func p(_ text: String) -> Period { Period(parsing: text)! }
    static let ann = Adjustments.key(.person, "ann")
    static let cam = Adjustments.key(.person, "cam")

    /// Journal: January ann 500.00, February ann 40.00 (cam: no rows).
    static let journal: Journal = {
        let (j, _) = JournalLoader.load(file: "journal.csv", bytes: Array(journalCSV([
            "2027-01,person,ann,500.00,USD,t", "2027-02,person,ann,40.00,USD,t"]).utf8), plan: try! PlanText().load())
        return j
    }()

    @Test("a late January row: January +100.00, February unchanged; the months add up to the prior-period adjustment")
    func lateRowInJanuary() throws {
        // E(Jan) = 600.00 (was 500.00), E(Feb) = 640.00: Jan (600 − 0) − 500 = +100.00;
        // Feb (640 − 600) − 40 = 0.00 → left out. Σ = 100.00 = E(Feb) 640.00 − paid 540.00.
        let earned: [Period: [PayeeKey: Money]] = [Self.p("2027-01"): [Self.ann: Self.usd("600.00")],
                                                 Self.p("2027-02"): [Self.ann: Self.usd("640.00")]]
        let c = try ClosedMonthChanges.corrections(closed: [Self.p("2027-01"), Self.p("2027-02")], journal: Self.journal,
                                                   currency: Self.usdCode) { earned[$0] ?? [:] }
        #expect(c == [Self.ann: [ClosedMonthCorrection(month: Self.p("2027-01"), amount: Self.usd("100.00"))]])
    }

    @Test("changes in two months, a payee the journal paid nothing, and no change at all")
    func severalMonths() throws {
        // ann: E(Jan) 450.00 → −50.00; E(Feb) 520.00 → (520 − 450) − 40 = +30.00. Σ −20.00 = 520 − 540.
        // cam: no journal rows (paid 0): E(Feb) 12.00 → +12.00 in February.
        let earned: [Period: [PayeeKey: Money]] = [Self.p("2027-01"): [Self.ann: Self.usd("450.00"), Self.cam: Self.usd("0.00")],
                                                 Self.p("2027-02"): [Self.ann: Self.usd("520.00"), Self.cam: Self.usd("12.00")]]
        let c = try ClosedMonthChanges.corrections(closed: [Self.p("2027-01"), Self.p("2027-02")], journal: Self.journal,
                                                   currency: Self.usdCode) { earned[$0] ?? [:] }
        #expect(c[Self.ann] == [ClosedMonthCorrection(month: Self.p("2027-01"), amount: Self.usd("-50.00")),
                                ClosedMonthCorrection(month: Self.p("2027-02"), amount: Self.usd("30.00"))])
        #expect(c[Self.cam] == [ClosedMonthCorrection(month: Self.p("2027-02"), amount: Self.usd("12.00"))])
        let same: [Period: [PayeeKey: Money]] = [Self.p("2027-01"): [Self.ann: Self.usd("500.00")],
                                               Self.p("2027-02"): [Self.ann: Self.usd("540.00")]]
        #expect(try ClosedMonthChanges.corrections(closed: [Self.p("2027-01"), Self.p("2027-02")], journal: Self.journal,
                                                   currency: Self.usdCode) { same[$0] ?? [:] }.isEmpty)
    }

    @Test("re-running a closed month warns naming the payees whose payout differs from the journal")
    func rerun() {
        let w = ClosedMonthChanges.rerunWarning(period: Self.p("2027-02"),
                                                payouts: [(.person, "ann", Self.usd("65.00")), (.person, "cam", Self.usd("0.00"))],
                                                journal: Self.journal, currency: Self.usdCode)
        // ann 65.00 vs journal 40.00 → +25.00; cam 0.00 vs no row (0.00) → same.
        #expect(w?.message == "2027-02 is closed, but today's data pays 1 payee differently than the journal: ann 65.00 (journal 40.00); total +25.00")
        #expect(ClosedMonthChanges.rerunWarning(period: Self.p("2027-02"), payouts: [(.person, "ann", Self.usd("40.00"))],
                                                journal: Self.journal, currency: Self.usdCode) == nil)
        #expect(ClosedMonthChanges.rerunWarning(period: Self.p("2027-03"), payouts: [(.person, "ann", Self.usd("1.00"))],
                                                journal: Self.journal, currency: Self.usdCode) == nil, "not closed: no warning")
    }
}
