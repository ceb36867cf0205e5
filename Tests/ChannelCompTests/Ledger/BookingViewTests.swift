import Testing
import _TestSupport
@testable import ChannelComp

/// `BookingView` reads each field straight from the compact record; every field must equal the
/// whole `Booking` the store makes (texts byte for byte), for every booking of the fixtures.
@Suite("Booking view = booking")
struct BookingViewTests {
    @Test("every field of every booking", arguments: [
        ("Fixtures/sample", "Plans/channel-neutral.json"),
        ("Fixtures/realistic-shape", "Fixtures/realistic-shape/plan.json"),
        ("Fixtures/roster-changes", "Fixtures/roster-changes/plan.json"),
    ])
    func fields(folder: String, planFile: String) throws {
        let (plan, roster, deals) = try SplitLoadTests.setup(folder, plan: planFile)
        let (ledger, _) = LedgerLoader.load(file: "deals.csv", bytes: deals, plan: plan, roster: roster)
        #expect(ledger.bookings.count >= 8)
        var checked = 0
        for v in ledger.bookings.views {
            let b = ledger.bookings[v.index]
            #expect(v.date == b.date && v.channel == b.channel && v.purchase == b.purchase && v.registration == b.registration)
            #expect(v.sourcedBy == b.sourcedBy && v.partner == b.partner && v.line == b.line && v.sourceLine == b.sourceLine)
            #expect(v.deal.rawValue.utf8.elementsEqual(b.deal.rawValue.utf8) && v.account.utf8.elementsEqual(b.account.utf8))
            #expect(v.territory.utf8.elementsEqual(b.territory.utf8) && v.product.utf8.elementsEqual(b.product.utf8))
            #expect(v.reps.map(\.person) == b.reps.map(\.person) && v.reps.map(\.split) == b.reps.map(\.split))
            checked += 1
        }
        #expect(checked == ledger.bookings.count)
    }

    /// A store of some bookings (a partner's, for its statement) holds exactly those bookings.
    @Test("a subset store holds exactly the chosen bookings, in the chosen order")
    func subset() throws {
        let (plan, roster, deals) = try SplitLoadTests.setup("Fixtures/realistic-shape", plan: "Fixtures/realistic-shape/plan.json")
        let (ledger, _) = LedgerLoader.load(file: "deals.csv", bytes: deals, plan: plan, roster: roster)
        let chosen = ledger.bookings.indices.filter { $0.offset % 7 == 3 }.reversed().map { $0 }
        let sub = ledger.store.subset(chosen)
        #expect(sub.count == chosen.count && chosen.count > 100)
        for (k, old) in chosen.enumerated() {
            let a = sub.booking(BookingIndex(k)), b = ledger.bookings[old]
            #expect(LoaderPathDiff.bookingDifference(a, b) == nil, "booking \(k) (was \(old.offset))")
        }
    }
}
