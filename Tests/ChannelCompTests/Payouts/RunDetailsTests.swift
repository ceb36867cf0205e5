import Testing
import _TestSupport
@testable import ChannelComp

/// The detailed run keeps credit lines and priced lines as references and makes them again
/// when read (`CreditLines`, `PricedLines`): what is read must be what the run credited and
/// priced, whichever way it is read.
@Suite("Run details made again when read")
struct RunDetailsTests {
    /// Every month of the sample's fiscal year under both plans: iterating, indexing, grouping
    /// by person and taking a person's subset give the same lines; each person's quota lines
    /// add up to their credit YTD; each line is one the crediter gives that event again.
    @Test("credit lines read every way agree, and add up to the run's credit", arguments: ["Plans/channel-neutral.json", "Plans/fully-neutral.json"])
    func creditLinesAgree(planFile: String) throws {
        let s = try Scenario.sample(plan: planFile)
        var linesSeen = 0
        for month in 1...12 {
            let period = Period(year: 2027, month: month)!
            let run = try s.run(period.description, details: true)
            let iterated = Array(run.creditLines)
            #expect(iterated.count == run.creditLines.count)
            var byPerson: [PersonIndex: [Int]] = [:]
            run.creditLines.forEachPerson { i, person, linePeriod in
                byPerson[person, default: []].append(i)
                #expect(iterated[i].person == person && iterated[i].period == linePeriod)
            }
            for (i, line) in iterated.enumerated() {
                let indexed = run.creditLines[i]
                let same = indexed.booking == line.booking && indexed.person == line.person && indexed.amount == line.amount
                let sameRule = indexed.share == line.share && indexed.rule == line.rule && indexed.clawback == line.clawback
                #expect(same && sameRule, "line \(i)")
            }
            for row in run.people {
                let own = run.creditLines.subset(byPerson[row.index] ?? [])
                #expect(own.allSatisfy { $0.person == row.index })
                // Σ quota lines = credit YTD (the sample has no adjustments).
                var sum = Money.zero(run.currency)
                for line in own where line.quotaCredit { sum = try sum + line.amount }
                let ytd: Money = row.creditYTD
                #expect(sum == ytd, "\(row.id.rawValue) \(period.description): lines \(sum.formatted) ≠ credit YTD \(ytd.formatted)")
            }
            // Priced lines: only bookings the run priced, and equal to pricing them now.
            let pricer = try Pricer(plan: s.plan, roster: s.roster, ledger: s.ledger)
            for line in iterated {
                let priced = try #require(run.priced[line.booking])
                let fresh = try pricer.price(line.booking)
                let same = priced.net == fresh.net && priced.gross == fresh.gross
                #expect(same && priced.list == fresh.list)
            }
            linesSeen += iterated.count
        }
        // Not vacuous: the sample credits over a hundred lines in the year.
        #expect(linesSeen > 300, "\(linesSeen) lines")
    }

    /// A booking after the period is not priced in the run: reading it gives nil, as before.
    @Test("a booking the run did not price reads as nil")
    func unpricedBooking() throws {
        let s = try Scenario.sample()
        let run = try s.run("2027-01", details: true)
        let later = try #require(s.ledger.bookings.indices.first { s.ledger.bookings[$0].date > CivilDate(year: 2027, month: 1, day: 31)! })
        #expect(run.priced[later] == nil)
        #expect(!run.priced.isEmpty)
        let plain = try s.run("2027-01", details: false)
        #expect(plain.priced.isEmpty && plain.creditLines.isEmpty)
    }
}
