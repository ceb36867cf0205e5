import Testing
@testable import ChannelComp

/// deals.csv against the roster by date (SPEC 8.1): reps and a reselling partner need a row in
/// effect on the booking date; a referrer and a cancellation do not. Every case loads both
/// ways (fast path and full path) and must give the same messages.
@Suite("Deals against the roster by date (SPEC 8.1)")
struct DealsByDateTests {
    /// ann until 2027-06-30; bob from 2027-02-01; cam always.
    static let people = """
        id,name,role,quota,territory,effective_from,effective_to
        ann,Ann,direct_rep,500000,WEST,,2027-06-30
        bob,Bob,direct_rep,500000,EAST,2027-02-01,
        cam,Cam,channel_manager,800000,,,
        """
    /// P1 until 2027-03-31 (then gone); P2 always.
    static let partners = """
        id,name,level,manager,effective_from,effective_to
        P1,Acme,,cam,,2027-03-31
        P2,Beta,,cam,,
        """

    /// Errors of loading `rows`, checked equal both ways.
    static func errors(_ rows: [DealRow]) throws -> [Diagnostic] {
        let plan = try PlanText().load()
        let (roster, rd) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: Array(people.utf8),
                                             partnersFile: "partners.csv", partnersBytes: Array(partners.utf8), plan: plan)
        #expect(!rd.hasErrors, "\(rd.errors.map { $0.render() })")
        let bytes = Array(dealsCSV(rows).utf8)
        let (fastLedger, fast) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster, fastPath: true)
        let (fullLedger, full) = LedgerLoader.load(file: "deals.csv", bytes: bytes, plan: plan, roster: roster, fastPath: false)
        #expect(fast.items.map { $0.render() } == full.items.map { $0.render() })
        #expect(fastLedger.bookings.count == fullLedger.bookings.count)
        return full.errors
    }

    @Test("a rep on the effective_to day is in; the day after is an error naming the id, the date and the ranges")
    func repBoundary() throws {
        #expect(try Self.errors([.direct("D1", "2027-06-30", "100", reps: "ann")]).isEmpty)
        let e = try Self.errors([.direct("D1", "2027-07-01", "100", reps: "ann")])
        #expect(e.map(\.message) == ["person \"ann\" has no row in effect on the booking date 2027-07-01; people.csv has ann until 2027-06-30 (line 2)"])
        #expect(e.first?.field == "column 'reps'" && e.first?.line == 2)
    }

    @Test("a rep before their first day; each missing rep of a split named")
    func repBeforeStart() throws {
        #expect(try Self.errors([.direct("D1", "2027-02-01", "100", reps: "ann:50;bob:50")]).isEmpty)
        let e = try Self.errors([.direct("D1", "2027-01-31", "100", reps: "ann:50;bob:50")])
        #expect(e.map(\.message) == ["person \"bob\" has no row in effect on the booking date 2027-01-31; people.csv has bob from 2027-02-01 (line 3)"])
        let both = try Self.errors([.direct("D1", "2027-07-01", "100", reps: "bob;ann")])
        #expect(both.count == 1 && both[0].message.contains("\"ann\""))
    }

    @Test("the reselling partner of a partner deal needs a row in effect")
    func resellingPartner() throws {
        #expect(try Self.errors([.partner("D1", "2027-03-31", "100", partner: "P1")]).isEmpty)
        let e = try Self.errors([.partner("D1", "2027-04-01", "100", partner: "P1")])
        #expect(e.map(\.message) == ["partner \"P1\" has no row in effect on the booking date 2027-04-01; partners.csv has P1 until 2027-03-31 (line 2)"])
        #expect(e.first?.field == "column 'partner'")
    }

    @Test("a referring partner needs no row in effect; a cancellation is not checked against the roster")
    func referrerAndCancellation() throws {
        var referral = DealRow.direct("D1", "2027-05-10", "100", reps: "ann")
        referral.partner = "P1"
        referral.sourcedBy = "partner"
        referral.registration = "approved"
        #expect(try Self.errors([referral]).isEmpty)
        // ann's booking of 2027-06-20 is cancelled on 2027-07-05, after her last day: valid.
        #expect(try Self.errors([.direct("D2", "2027-06-20", "100", reps: "ann"), .cancellation("D2", "2027-07-05")]).isEmpty)
    }

    @Test("check warns when a partner's manager has no row in effect on a deal's date")
    func partnerManagerWarning() throws {
        let plan = try PlanText().load()
        let (roster, _) = RosterLoader.load(peopleFile: "people.csv", peopleBytes: Array("""
            id,name,role,quota,territory,effective_from,effective_to
            ann,Ann,direct_rep,500000,WEST,,
            cam,Cam,channel_manager,800000,,,2027-03-31
            """.utf8), partnersFile: "partners.csv", partnersBytes: Array("id,name,level,manager\nP1,Acme,,cam\n".utf8), plan: plan)
        let deals = dealsCSV([.partner("D1", "2027-03-31", "100"), .partner("D2", "2027-04-01", "100"), .partner("D3", "2027-05-01", "100")])
        let (ledger, d) = LedgerLoader.load(file: "deals.csv", bytes: Array(deals.utf8), plan: plan, roster: roster)
        #expect(!d.hasErrors)
        let w = RosterDateWarnings.partnerManagerGaps(roster: roster, ledger: ledger)
        // D1 (cam's last day) is fine; D2 and D3 have no partner manager.
        #expect(w.map(\.message) == ["manager \"cam\" of partner \"P1\" has no row in effect on 2027-04-01 (deals.csv line 3) and 1 other deal line: those deals have no partner manager"])
        #expect(w.first?.severity == .warning && w.first?.line == 2)
    }
}
