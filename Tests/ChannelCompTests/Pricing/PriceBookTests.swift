import Testing
import _TestSupport
@testable import ChannelComp

/// One price-book vector: a schedule, a quantity and the exact list amount (nil: an error).
struct PriceBookVector: CustomTestStringConvertible, Sendable {
    let name: String
    let mode: String
    /// (up_to, unit_price); up_to nil = unbounded.
    let tiers: [(String?, String)]
    let quantity: String
    /// Exact list amount, or nil when the quantity is above a bounded last tier.
    let exact: String?
    var testDescription: String { name }
}

/// Builds the plan's schedule for `vector` through the real plan loader.
func priceSchedule(mode: String, tiers: [(String?, String)]) throws -> PriceSchedule {
    var text = PlanText()
    let items = tiers.map { t in
        "{ \"up_to\": \(t.0.map { "\"\($0)\"" } ?? "null"), \"unit_price\": \"\(t.1)\" }"
    }.joined(separator: ", ")
    text.priceBook = "\"SKU\": { \"mode\": \"\(mode)\", \"tiers\": [ \(items) ] }"
    let plan = try text.load()
    return try #require(plan.priceBook["SKU"])
}

@Suite("Pricing: price book (SPEC 3.2 step 1, 6)")
struct PriceBookTests {
    /// SEAT of SPEC 2.5: units 1–100 at 40.00, 101+ at 32.00.
    static let seat: [(String?, String)] = [("100", "40.00"), (nil, "32.00")]
    /// The same with a bounded last tier: 101–200 at 32.00, nothing above 200.
    static let bounded: [(String?, String)] = [("100", "40.00"), ("200", "32.00")]

    static let vectors: [PriceBookVector] = [
        // Graduated: each unit priced by the band it falls in.
        .init(name: "graduated 100", mode: "graduated", tiers: seat, quantity: "100", exact: "4000.00"),      // 100 × 40
        .init(name: "graduated 101", mode: "graduated", tiers: seat, quantity: "101", exact: "4032.00"),      // 100 × 40 + 1 × 32
        .init(name: "graduated 100.5", mode: "graduated", tiers: seat, quantity: "100.5", exact: "4016.00"),  // 100 × 40 + 0.5 × 32 (SPEC 6)
        .init(name: "graduated 99.5", mode: "graduated", tiers: seat, quantity: "99.5", exact: "3980.00"),    // 99.5 × 40
        .init(name: "graduated 150", mode: "graduated", tiers: seat, quantity: "150", exact: "5600.00"),      // 4000 + 50 × 32 (SPEC 7, D2)
        // Volume: every unit at the price of the first tier with quantity ≤ up_to.
        .init(name: "volume 100", mode: "volume", tiers: seat, quantity: "100", exact: "4000.00"),            // 100 ≤ 100: 100 × 40
        .init(name: "volume 101", mode: "volume", tiers: seat, quantity: "101", exact: "3232.00"),            // 101 > 100: 101 × 32
        .init(name: "volume 100.5", mode: "volume", tiers: seat, quantity: "100.5", exact: "3216.00"),        // 100.5 > 100: 100.5 × 32
        // A bounded last tier: its bound is inclusive, one unit (or a fraction) more is an error.
        .init(name: "graduated 200 of bounded", mode: "graduated", tiers: bounded, quantity: "200", exact: "7200.00"), // 4000 + 100 × 32
        .init(name: "graduated 200.5 of bounded", mode: "graduated", tiers: bounded, quantity: "200.5", exact: nil),
        .init(name: "graduated 201 of bounded", mode: "graduated", tiers: bounded, quantity: "201", exact: nil),
        .init(name: "volume 200 of bounded", mode: "volume", tiers: bounded, quantity: "200", exact: "6400.00"),       // 200 × 32
        .init(name: "volume 200.000001 of bounded", mode: "volume", tiers: bounded, quantity: "200.000001", exact: nil),
        // Exact, not rounded per band: 1 × 0.005 + 1 × 0.005 = 0.010 (rounding each band first would give 0.00 + 0.00).
        .init(name: "graduated rounds once", mode: "graduated", tiers: [("1", "0.005"), (nil, "0.005")], quantity: "2", exact: "0.010"),
    ]

    @Test("exact list amount", arguments: vectors)
    func exactList(_ v: PriceBookVector) throws {
        let schedule = try priceSchedule(mode: v.mode, tiers: v.tiers)
        if let expected = v.exact {
            let amount = try PriceBook.exactList(schedule, quantity: exact(v.quantity))
            #expect(amount == exact(expected), "\(v.name): \(amount)")
        } else {
            #expect(throws: PricingError.self, "\(v.name)") {
                try PriceBook.exactList(schedule, quantity: exact(v.quantity))
            }
        }
    }

    /// Through the loaders and the pricer: the booking's L is the price book's amount, rounded once.
    @Test("a SEAT booking's list amount comes from the price book",
          arguments: [("99", "3960.00"), ("100", "4000.00"), ("101", "4032.00"), ("100.5", "4016.00")])
    func seatBooking(quantity: String, list: String) throws {
        // 99 × 40 = 3960; 100 × 40 = 4000; 4000 + 1 × 32 = 4032; 4000 + 0.5 × 32 = 4016.
        var row = DealRow.direct("D1", "2027-01-10", "")
        row.product = "SEAT"
        row.quantity = quantity
        let s = try Scenario(plan: PlanText(), deals: [row])
        let priced = try s.priced("D1")
        #expect(priced.list.formatted == list)
        #expect(priced.gross.formatted == list)  // direct, no sale_price: S = L
    }

    /// `round(quantity × unit_list_price)`: 37 × 12.3456 = 456.7872 → 456.79 (Fixtures/sample D2704-11).
    @Test("list amount is rounded once to the minor unit")
    func listRounding() throws {
        let s = try Scenario(plan: PlanText(), deals: [.direct("D1", "2027-01-10", "12.3456", quantity: "37")])
        #expect(try s.priced("D1").list.formatted == "456.79")
    }

    /// A booking above a bounded last tier is rejected by the loader, with the quantity column named.
    @Test("quantity above a bounded last tier is a data error")
    func aboveBoundedTierRejected() throws {
        var text = PlanText()
        text.priceBook = "\"SEAT\": { \"mode\": \"graduated\", \"tiers\": [ { \"up_to\": \"100\", \"unit_price\": \"40.00\" }, { \"up_to\": \"200\", \"unit_price\": \"32.00\" } ] }"
        var ok = DealRow.direct("D1", "2027-01-10", "")
        ok.product = "SEAT"
        ok.quantity = "200"
        var bad = ok
        bad.deal = "D2"
        bad.quantity = "200.5"
        let diagnostics = try Scenario.dealDiagnostics(dealsCSV([ok, bad]), plan: text)
        #expect(diagnostics.errors.count == 1)
        let error = try #require(diagnostics.errors.first)
        #expect(error.line == 3)
        #expect(error.field == "column 'quantity'")
        #expect(error.message.contains("above the last tier"))
    }
}
