import Foundation
import Testing
import _TestSupport
@testable import ChannelComp

/// `compare` takes plan A's loaded data for plan B when the two plans read a data folder
/// alike: the rule must hold exactly when loading under B would give the same data.
@Suite("Plan: reads data alike")
struct PlanDataReadingTests {
    static func plan(_ file: String) throws -> Plan {
        try loadPlan(Scenario.repositoryText(file), file: file)
    }

    /// Plan JSON with one edit (a string replaced once), loaded.
    static func edited(_ file: String, _ from: String, _ to: String) throws -> Plan {
        let text = try Scenario.repositoryText(file)
        let range = try #require(text.range(of: from), "\(from) not in \(file)")
        return try loadPlan(text.replacingCharacters(in: range, with: to), file: file)
    }

    @Test("the sample's two plans read it alike, and the sample loads the same under both")
    func samplePlans() throws {
        let a = try Self.plan("Plans/channel-neutral.json"), b = try Self.plan("Plans/fully-neutral.json")
        #expect(a.readsDataAlike(b) && b.readsDataAlike(a))
        let sa = try Scenario.sample(plan: "Plans/channel-neutral.json"), sb = try Scenario.sample(plan: "Plans/fully-neutral.json")
        #expect(sa.roster.people.map(\.id) == sb.roster.people.map(\.id))
        #expect(sa.roster.people.map(\.role) == sb.roster.people.map(\.role))
        #expect(sa.ledger.store.count == sb.ledger.store.count && sa.ledger.cancellations.count == sb.ledger.cancellations.count)
        for i in 0..<sa.ledger.store.count {
            #expect("\(sa.ledger.bookings[BookingIndex(i)])" == "\(sb.ledger.bookings[BookingIndex(i)])")
        }
    }

    /// Each thing a loader reads, changed alone, makes the plans read data differently.
    @Test("currency, role names and rates, level names and the price book each matter")
    func eachDifferenceMatters() throws {
        let file = "Plans/channel-neutral.json"
        let a = try Self.plan(file)
        #expect(a.readsDataAlike(try Self.plan(file)))
        #expect(!a.readsDataAlike(try Self.edited(file, "\"currency\": \"USD\"", "\"currency\": \"EUR\"")))
        var renamed = a
        renamed.roles[0].name += "_x"
        #expect(!a.readsDataAlike(renamed))
        var reordered = a
        reordered.roles.reverse()
        #expect(a.roles.count < 2 || !a.readsDataAlike(reordered))
        var noRates = a
        noRates.roles[0].rates = nil
        #expect(!a.readsDataAlike(noRates))
        var level = a
        if !level.partnerProgram.levels.isEmpty {
            level.partnerProgram.levels[0].name += "_x"
            #expect(!a.readsDataAlike(level))
        }
        var book = a
        book.priceBook["NEW-PRODUCT"] = a.priceBook.values.first
        #expect(a.priceBook.isEmpty || !a.readsDataAlike(book))
        // Only the run reads these: still alike.
        var rounding = a
        rounding.clawbackDays += 30
        rounding.name += " (what-if)"
        #expect(a.readsDataAlike(rounding))
    }
}
