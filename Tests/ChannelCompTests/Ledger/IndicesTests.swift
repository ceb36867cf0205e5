import Testing
@testable import ChannelComp

/// Typed indices: a person's, a partner's and a booking's index each reach their own array,
/// and the compact records give them back exactly (no partner stays no partner).
@Suite("Typed indices")
struct IndicesTests {
    @Test("roster indices reach the person and the partner the id lookups name")
    func rosterIndices() throws {
        let (roster, d) = try loadRoster(people: Scenario.standardPeople, partners: Scenario.standardPartners)
        #expect(!d.hasErrors)
        let cam = try #require(roster.personIndex["cam"])
        let p1 = try #require(roster.partnerIndex["P1"])
        #expect(cam == PersonIndex(1) && cam.offset == 1 && cam.rawValue == 1)
        #expect(roster.people[cam].id.rawValue == "cam")
        #expect(roster.partners[p1].id.rawValue == "P1")
        #expect(roster.partners[p1].manager == cam)
        #expect(PersonIndex(0) < cam && cam.description == "Person #1" && p1.description == "Partner #0")
    }

    @Test("bookings are indexed by BookingIndex in file order; the partner sentinel round-trips")
    func bookingIndices() throws {
        let (ledger, d) = try loadDeals([.direct("D1", "2027-01-10", "100"), .partner("D2", "2027-01-11", "200"),
                                         .cancellation("D1", "2027-02-01")])
        #expect(!d.hasErrors, "\(d.errors.map(\.message))")
        #expect(Array(ledger.bookings.indices) == [BookingIndex(0), BookingIndex(1)])
        #expect(ledger.bookings[1].deal.rawValue == "D2" && ledger.bookings.sourceLine(1) == 3)
        #expect(ledger.bookings[0].partner == nil)
        #expect(ledger.bookings[1].partner == PartnerIndex(0))
        #expect(ledger.store.records[0].partner == BookingRecord.noPartner && ledger.store.records[0].partnerIndex == nil)
        #expect(ledger.cancellations.map(\.booking) == [BookingIndex(0)])
        #expect(MemoryLayout<BookingRecord>.stride == 64)   // 63 bytes of fields, as before
        // A Booking written back to a store reads the same (typed partner and reps included).
        var store = BookingStore()
        for i in ledger.bookings.indices { store.append(ledger.bookings[i]) }
        for i in ledger.bookings.indices {
            #expect(store.booking(i).partner == ledger.bookings[i].partner)
            #expect(store.booking(i).reps == ledger.bookings[i].reps)
        }
    }
}
