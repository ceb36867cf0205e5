import Testing
@testable import ChannelComp

/// The people for loader tests: ann and bob (direct reps), cam (channel manager).
let loaderPeople = """
    id,name,role,quota,territory
    ann,Ann,direct_rep,500000,WEST
    bob,Bob,direct_rep,500000,EAST
    cam,Cam,channel_manager,800000,
    """

/// Loads `rows` as deals.csv with the loader people and P1; returns ledger and diagnostics.
func loadDeals(_ rows: [DealRow], plan: PlanText = PlanText()) throws -> (ledger: Ledger, diagnostics: DiagnosticList) {
    let loaded = Scenario.load(plan: try plan.load(), people: loaderPeople, partners: Scenario.standardPartners, deals: dealsCSV(rows))
    return (loaded.ledger, loaded.diagnostics)
}

/// One reps vector: the `reps` text of a direct deal and the error it must give (nil: valid).
struct RepsVector: CustomTestStringConvertible, Sendable {
    let reps: String
    /// A phrase the error message must contain; nil = valid.
    let error: String?
    var testDescription: String { "reps \"\(reps)\"" }
}

@Suite("Ledger loader: deals.csv rules (SPEC 2.2, 6)")
struct LedgerLoaderTests {
    static let repsVectors: [RepsVector] = [
        .init(reps: "ann", error: nil),
        .init(reps: "ann:60;bob:40", error: nil),
        .init(reps: "ann;bob", error: nil),
        .init(reps: "ann:100;bob:0", error: nil),                 // a split may be 0
        .init(reps: "ann:33.335;bob:66.665", error: nil),         // splits have no decimal limit; sum exactly 100
        .init(reps: "ann:60;cam:100;bob:40", error: nil),         // per role: direct_rep 60 + 40, channel_manager 100
        .init(reps: "ann;", error: "empty entry"),                // a trailing ';'
        .init(reps: "ann;;bob", error: "empty entry"),
        .init(reps: ";ann", error: "empty entry"),
        .init(reps: "ann;ann", error: "listed twice"),            // a person listed twice
        .init(reps: "ann:50;ann:50", error: "listed twice"),
        .init(reps: "ann:60;bob", error: "some people have a :split"),
        .init(reps: "ann:60;bob:39.99", error: "sum to 99.99"),
        .init(reps: "ann:60;bob:40.01", error: "sum to 100.01"),
        .init(reps: "ann:60;cam:50;bob:40", error: "sum to 50"),  // channel_manager alone must sum to 100
        .init(reps: "ann:-10;bob:110", error: "must be a percentage"),
        .init(reps: "zoe", error: "no such person"),
        .init(reps: "ann:60:40", error: "expected id or id:split"),
    ]

    @Test("reps syntax and splits", arguments: repsVectors)
    func reps(_ v: RepsVector) throws {
        let (ledger, diagnostics) = try loadDeals([.direct("D1", "2027-01-10", "100", reps: v.reps)])
        if let phrase = v.error {
            let error = try #require(diagnostics.errors.first, "\(v.reps) must be rejected")
            #expect(error.message.contains(phrase), "\(v.reps): \(error.message)")
            #expect(error.field == "column 'reps'")
            #expect(error.line == 2)
            #expect(ledger.bookings.isEmpty)
        } else {
            #expect(!diagnostics.hasErrors, "\(v.reps): \(diagnostics.errors.map(\.message))")
            #expect(ledger.bookings.count == 1)
        }
    }

    /// SPEC 6: "`quantity` and splits have no limit" on decimals. Splits of 19 places that sum to
    /// exactly 100 (33.3333333333333333334 + 2 × 33.3333333333333333333) are valid; splits take
    /// up to 30 decimal places.
    @Test("splits with more than 18 decimals")
    func longSplits() throws {
        let people = "id,name,role,quota,territory\nann,A,direct_rep,1,W\nbob,B,direct_rep,1,E\ncal,C,direct_rep,1,N\n"
        let row = DealRow.direct("D1", "2027-01-10", "1000", reps: "ann:33.3333333333333333334;bob:33.3333333333333333333;cal:33.3333333333333333333")
        let loaded = Scenario.load(plan: try PlanText().load(), people: people, partners: nil, deals: dealsCSV([row]))
        // Fixed: splits take up to 30 decimal places (SPEC 6: no limit in practice).
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.errors.map(\.message))")
        #expect(loaded.ledger.bookings.count == 1)
    }

    /// A cancellation's non-empty columns must equal its booking's; numbers compare numerically.
    @Test("cancellation columns compared with the booking", arguments: [
        ("quantity", "6.00", nil), ("quantity", "06", nil), ("quantity", "6.5", "quantity"),
        ("unit_list_price", "1000.000000", nil), ("unit_list_price", "999.99", "unit_list_price"),
        ("account", "A1", nil), ("account", "A2", "account"), ("account", "a1", "account"),
        ("channel", "direct", nil), ("channel", "partner", "channel"),
        ("reps", "ann:60;bob:40", nil), ("reps", "ann:60.0;bob:40", nil), ("reps", "bob:40;ann:60", "reps"),
        ("registration", "none", nil),   // the booking's empty registration is 'none'
        ("sourced_by", "company", nil),
        ("currency", "USD", nil), ("currency", "EUR", "currency"),
    ] as [(String, String, String?)])
    func cancellationColumns(column: String, value: String, errorColumn: String?) throws {
        var booking = DealRow.direct("D1", "2027-01-10", "1000", quantity: "6", reps: "ann:60;bob:40")
        booking.account = "A1"
        var cancel = DealRow.cancellation("D1", "2027-02-01")
        switch column {
        case "quantity": cancel.quantity = value
        case "unit_list_price": cancel.unitListPrice = value
        case "account": cancel.account = value
        case "channel": cancel.channel = value
        case "reps": cancel.reps = value
        case "registration": cancel.registration = value
        case "sourced_by": cancel.sourcedBy = value
        case "currency": cancel.currency = value
        default: Issue.record("unknown column \(column)")
        }
        let (ledger, diagnostics) = try loadDeals([booking, cancel])
        if let errorColumn {
            let error = try #require(diagnostics.errors.first, "\(column)=\(value) must be rejected")
            #expect(error.field == "column '\(errorColumn)'")
            #expect(error.line == 3)
            #expect(error.message.contains("must equal its booking"))
            #expect(ledger.cancellations.isEmpty)
        } else {
            #expect(!diagnostics.hasErrors, "\(column)=\(value): \(diagnostics.errors.map(\.message))")
            #expect(ledger.cancellations.count == 1)
        }
    }

    /// `line` is digits ≥ 1 and `01` equals `1`: a cancellation of line `01` cancels the booking whose
    /// line is empty (default 1); a second booking with line `1` or `001` is a duplicate.
    @Test("line 01 equals 1")
    func lineNumbers() throws {
        let booking = DealRow.direct("D1", "2027-01-10", "1000")
        let (ledger, diagnostics) = try loadDeals([booking, .cancellation("D1", "2027-02-01", line: "01")])
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors.map(\.message))")
        #expect(ledger.cancellations.first?.booking == 0)
        var again = booking
        again.line = "001"
        let (_, duplicate) = try loadDeals([booking, again])
        let error = try #require(duplicate.errors.first)
        #expect(error.message.contains("duplicate booking"))
        #expect(error.line == 3)
        var line2 = booking
        line2.line = "2"
        let (two, fine) = try loadDeals([booking, line2])
        #expect(!fine.hasErrors)
        #expect(two.bookings.map(\.line) == [1, 2])
    }

    @Test("bad line numbers", arguments: ["0", "00", "-1", "1.0", "x", " 1x"])
    func badLine(text: String) throws {
        var row = DealRow.direct("D1", "2027-01-10", "1000")
        row.line = text
        let (_, diagnostics) = try loadDeals([row])
        let error = try #require(diagnostics.errors.first, "line \(text) must be rejected")
        #expect(error.field == "column 'line'")
    }

    /// Cancellation rules: dated on or after its booking, naming an existing booking, at most once.
    @Test("cancellation must follow an existing booking, once")
    func cancellationRules() throws {
        let booking = DealRow.direct("D1", "2027-01-10", "1000")
        // Same day is fine (0 days).
        #expect(!(try loadDeals([booking, .cancellation("D1", "2027-01-10")])).diagnostics.hasErrors)
        // The day before is not.
        let before = try #require(try loadDeals([booking, .cancellation("D1", "2027-01-09")]).diagnostics.errors.first)
        #expect(before.field == "column 'date'")
        #expect(before.message.contains("before its booking"))
        // No such booking (line 2 of D1 does not exist).
        let missing = try #require(try loadDeals([booking, .cancellation("D1", "2027-02-01", line: "2")]).diagnostics.errors.first)
        #expect(missing.message.contains("no booking with that deal_id and line"))
        // Cancelled twice.
        let twice = try loadDeals([booking, .cancellation("D1", "2027-02-01"), .cancellation("D1", "2027-03-01")]).diagnostics.errors
        #expect(twice.count == 1)
        #expect(twice.first?.line == 4)
        #expect(twice.first?.message.contains("duplicate cancellation") == true)
        // A cancellation may come before its booking in the file.
        let early = try loadDeals([.cancellation("D1", "2027-02-01"), booking])
        #expect(!early.diagnostics.hasErrors)
        #expect(early.ledger.cancellations.count == 1)
    }

    /// Partner rules: a direct deal names a partner only as referrer; a partner deal must name one.
    @Test("partner column rules")
    func partnerRules() throws {
        var referral = DealRow.direct("D1", "2027-01-10", "1000")
        referral.partner = "P1"
        #expect(try loadDeals([referral]).diagnostics.errors.first?.field == "column 'partner'")  // sourced_by defaults to company
        referral.sourcedBy = "partner"
        #expect(!(try loadDeals([referral])).diagnostics.hasErrors)
        var noPartner = DealRow.partner("D2", "2027-01-10", "1000", partner: "")
        #expect(try loadDeals([noPartner]).diagnostics.errors.first?.field == "column 'partner'")
        noPartner.partner = "P9"
        #expect(try loadDeals([noPartner]).diagnostics.errors.first?.message.contains("no such partner") == true)
        // sourced_by=partner with no partner at all is valid (SPEC 6).
        var orphan = DealRow.direct("D3", "2027-01-10", "1000")
        orphan.sourcedBy = "partner"
        orphan.registration = "approved"
        #expect(!(try loadDeals([orphan])).diagnostics.hasErrors)
    }

    /// Other booking rules: price-book products take no unit_list_price, currency and enumerations are
    /// exact and lowercase, a direct deal names a rep, quantity is > 0.
    @Test("booking column rules", arguments: [
        ("price-book product with a list price", "unit_list_price"),
        ("lower-case currency", "currency"),
        ("capitalised channel", "channel"),
        ("capitalised event", "event"),
        ("unknown purchase", "purchase"),
        ("direct deal without reps", "reps"),
        ("zero quantity", "quantity"),
        ("negative quantity", "quantity"),
        ("list price with 7 decimals", "unit_list_price"),
        ("negative sale price", "sale_price"),
        ("thousands separator", "unit_list_price"),
        ("not a date", "date"),
    ])
    func bookingRules(name: String, column: String) throws {
        var row = DealRow.direct("D1", "2027-01-10", "1000")
        switch name {
        case "price-book product with a list price": row.product = "SEAT"; row.unitListPrice = "40"
        case "lower-case currency": row.currency = "usd"
        case "capitalised channel": row.channel = "Direct"
        case "capitalised event": row.event = "Booking"
        case "unknown purchase": row.purchase = "lease"
        case "direct deal without reps": row.reps = ""
        case "zero quantity": row.quantity = "0"
        case "negative quantity": row.quantity = "-1"
        case "list price with 7 decimals": row.unitListPrice = "1.0000001"
        case "negative sale price": row.salePrice = "-5"
        case "thousands separator": row.unitListPrice = "\"1,000\""
        case "not a date": row.date = "2027-02-30"
        default: Issue.record("unknown vector \(name)")
        }
        let (ledger, diagnostics) = try loadDeals([row])
        let error = try #require(diagnostics.errors.first, "\(name) must be rejected")
        #expect(error.field == "column '\(column)'", "\(name): \(error.render())")
        #expect(error.line == 2)
        #expect(ledger.bookings.isEmpty)
    }

    /// Valid spellings: a sale price with 6 decimals, a SEAT with no list price, explicit defaults.
    @Test("valid bookings")
    func validBookings() throws {
        var a = DealRow.direct("D1", "2027-01-10", "1000")
        a.salePrice = "999.123456"
        a.event = "booking"
        a.purchase = "subscription"
        a.registration = "none"
        a.sourcedBy = "company"
        var b = DealRow.partner("D2", "2027-01-10", "", purchase: "upfront")
        b.product = "SEAT"
        b.quantity = "0.5"
        let (ledger, diagnostics) = try loadDeals([a, b])
        #expect(!diagnostics.hasErrors, "\(diagnostics.errors.map(\.message))")
        #expect(ledger.bookings.count == 2)
        #expect(ledger.rowsRead == 2)
    }

    /// All problems of the file are reported, each on its physical line.
    @Test("every bad row is reported")
    func everyProblem() throws {
        var bad1 = DealRow.direct("D1", "2027-01-10", "1000")
        bad1.currency = "EUR"
        var bad2 = DealRow.direct("D2", "2027-01-10", "1000")
        bad2.reps = "ann;"
        let good = DealRow.direct("D3", "2027-01-10", "1000")
        let (ledger, diagnostics) = try loadDeals([bad1, good, bad2])
        #expect(diagnostics.errors.map(\.line) == [2, 4])
        #expect(ledger.bookings.count == 1)
        #expect(ledger.rowsRead == 3)
    }
}

@Suite("Roster loader: people.csv and partners.csv rules (SPEC 2.3, 2.4, 6)")
struct RosterLoaderTests {
    func load(people: String, partners: String? = "id,name,level,manager\n") throws -> (Roster, DiagnosticList) {
        RosterLoader.load(peopleFile: "people.csv", peopleBytes: Array(people.utf8), partnersFile: "partners.csv",
                          partnersBytes: partners.map { Array($0.utf8) }, plan: try PlanText().load())
    }

    @Test("people rules", arguments: [
        // Within one role a territory has one owner; across roles it may repeat.
        ("ann,A,direct_rep,1,WEST\nbob,B,direct_rep,1,WEST\n", "territory", 3),
        ("ann,A,direct_rep,1,WEST\ncam,C,channel_manager,1,WEST\n", nil, 0),
        // A person id is unique.
        ("ann,A,direct_rep,1,WEST\nann,B,direct_rep,1,EAST\n", "id", 3),
        // Roles with tiers need a quota > 0.
        ("ann,A,direct_rep,,WEST\n", "quota", 2),
        ("ann,A,direct_rep,0,WEST\n", "quota", 2),
        ("ann,A,direct_rep,-5,WEST\n", "quota", 2),
        ("ann,A,direct_rep,1.0000001,WEST\n", "quota", 2),
        ("ann,A,direct_rep,0.000001,WEST\n", nil, 0),
        // The role must be one of the plan's, spelled exactly.
        ("ann,A,Direct_Rep,1,WEST\n", "role", 2),
        ("ann,A,,1,WEST\n", "role", 2),
    ] as [(String, String?, Int)])
    func people(rows: String, column: String?, line: Int) throws {
        let (_, diagnostics) = try load(people: "id,name,role,quota,territory\n" + rows)
        if let column {
            let error = try #require(diagnostics.errors.first)
            #expect(error.field == "column '\(column)'", "\(error.render())")
            #expect(error.line == line)
        } else {
            #expect(!diagnostics.hasErrors, "\(diagnostics.errors.map(\.message))")
        }
    }

    @Test("partner rules", arguments: [
        ("P1,One,Gold,ann\n", nil),       // a fixed level of the plan; any person can manage
        ("P1,One,,\n", nil),
        ("P1,One,Platinum,\n", "level"),  // not a level of the plan
        ("P1,One,gold,\n", "level"),      // names are exact
        ("P1,One,,zoe\n", "manager"),     // not a person
        ("P1,One,,\nP1,Two,,\n", "id"),   // duplicate id
    ] as [(String, String?)])
    func partners(rows: String, column: String?) throws {
        let (roster, diagnostics) = try load(people: "id,name,role,quota,territory\nann,A,direct_rep,1,WEST\n",
                                             partners: "id,name,level,manager\n" + rows)
        if let column {
            #expect(diagnostics.errors.first?.field == "column '\(column)'", "\(diagnostics.errors.map { $0.render() })")
        } else {
            #expect(!diagnostics.hasErrors, "\(diagnostics.errors.map(\.message))")
            #expect(roster.partners.count == 1)
        }
    }
}
