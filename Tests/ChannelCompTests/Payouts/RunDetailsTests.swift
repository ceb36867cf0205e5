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

    /// A line reference is 12 bytes (a million-row detailed run keeps over a million), and the
    /// month it gives back is the one the line was credited in: every line of the sample's
    /// year, clawbacks included (2027-12 under channel-neutral has them).
    @Test("a reference is 12 bytes and gives back its line's month")
    func referenceSizeAndMonth() throws {
        #expect(MemoryLayout<CreditLines.Reference>.stride == 12)
        let s = try Scenario.sample()
        let run = try s.run("2027-12", details: true)
        var months: [Period] = []
        run.creditLines.forEachPerson { _, _, period in months.append(period) }
        let lines = Array(run.creditLines)
        #expect(months == lines.map(\.period))
        #expect(lines.contains { $0.clawback != nil } && Set(months).count == 12)
        // Independently of the month rule: each person's quota lines dated in the period add up
        // to the run's credit of the period (no adjustments in the sample).
        for row in run.people {
            var sum = Money.zero(run.currency)
            for (line, month) in zip(lines, months) where line.person == row.index && month == run.period && line.quotaCredit {
                sum = try sum + line.amount
            }
            #expect(sum == row.creditPeriod, "\(row.id.rawValue)")
        }
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

    /// `selecting` keeps exactly the lines whose person and month pass, in order, and reads
    /// them as the whole collection does (sample 2027-06: the period's lines, then one person's).
    @Test("selecting lines by month or person keeps those lines, in order")
    func selectingLines() throws {
        let s = try Scenario.sample()
        let run = try s.run("2027-06", details: true)
        let all = Array(run.creditLines)
        let june = Array(run.creditLines.selecting { _, month in month == run.period })
        let expected = all.filter { $0.period == run.period }
        #expect(june.count == expected.count && june.count > 0 && june.count < all.count)
        #expect(zip(june, expected).allSatisfy { $0.booking == $1.booking && $0.person == $1.person && $0.amount == $1.amount })
        let someone = try #require(all.first?.person)
        let own = Array(run.creditLines.selecting { person, _ in person == someone })
        #expect(own.map(\.booking) == all.filter { $0.person == someone }.map(\.booking))
    }

    /// The cap check and the amounts without the discount parts agree with the priced line on
    /// every booking of the audit fixture (which has one capped line, D5) and of the sample.
    @Test("discount capped and amounts without pricing in full = the priced line's")
    func discountCappedAgrees() throws {
        var cappedSeen = 0
        for (s, month) in [(try ReportFixture.neutrality(plan: "Plans/channel-neutral.json"), "2027-03"), (try Scenario.sample(), "2027-12")] {
            let run = try s.run(month, details: true)
            for i in s.ledger.bookings.indices {
                let priced = run.priced[i]
                #expect(run.priced.discountCapped(i) == priced.map { $0.discountParts?.capped ?? false }, "booking \(i.offset)")
                // The amounts alone are the priced line's amounts.
                let a = run.priced.amounts(i)
                #expect((a == nil) == (priced == nil))
                if let a, let priced {
                    #expect(a.list == priced.list && a.gross == priced.gross && a.net == priced.net)
                    #expect(a.discount == priced.discount && a.referralFee == priced.referralFee)
                }
                if priced?.discountParts?.capped == true { cappedSeen += 1 }
            }
        }
        #expect(cappedSeen >= 1)
    }

    /// The audit's findings are the same on one thread and on two.
    @Test("audit on one and on two threads: the same findings")
    func auditThreads() throws {
        let s = try Scenario.sample()
        let run = try s.run("2027-10", details: true)
        let one = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, threads: 1)
        let two = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, threads: 2)
        for (a, b) in zip(one.sections, two.sections) {
            #expect(a.uncredited.map(\.ref) == b.uncredited.map(\.ref) && !a.uncredited.isEmpty)
            #expect(a.neutrality.map(\.id) == b.neutrality.map(\.id) && a.neutrality.map(\.ratio?.value) == b.neutrality.map(\.ratio?.value))
            #expect(a.channelConflicts.map(\.account) == b.channelConflicts.map(\.account))
            #expect(a.cost.map(\.totalCost) == b.cost.map(\.totalCost))
        }
        #expect(ParallelMap.both(threads: 2, { 6 * 7 }, { "b" }) == (42, "b"))
    }

    /// Chunks folded on two threads: every chunk is taken exactly once, each thread folds its
    /// chunks into one value, so the values together hold every chunk's and there are at most
    /// as many values as threads. Chunk k contributes 1 << k, so a chunk taken twice or never
    /// shows in the total.
    @Test("chunks folded on threads: each chunk once, one value per thread")
    func foldEachChunkOnce() {
        for (chunks, threads) in [(1, 2), (2, 2), (5, 2), (16, 2), (16, 1), (40, 3)] {
            let values = ParallelMap.fold(chunks: chunks, threads: threads, { k in UInt64(1) << UInt64(k) }, { $0 |= $1 })
            #expect(values.reduce(0, |) == (UInt64(1) << UInt64(chunks)) - 1, "\(chunks) chunks on \(threads)")
            #expect(values.reduce(0) { $0 + $1.nonzeroBitCount } == chunks, "\(chunks) chunks on \(threads): a chunk taken twice")
            #expect(values.count >= 1 && values.count <= min(threads, chunks))
        }
        #expect(ParallelMap.fold(chunks: 0, threads: 2, { $0 }, { $0 += $1 }).isEmpty)
    }

    /// A detailed run on two threads (bookings split where the window's work halves, every
    /// cancellation in the second half) keeps the same lines, in the same order, the same
    /// uncredited roles and the same priced bookings as one pass — for every month of the
    /// sample under both plans and for random ledgers, however small.
    @Test("a detailed run in two halves keeps what one pass keeps, in the same order", arguments: [UInt64(3), 33])
    func detailedHalvesEqualOnePass(seed: UInt64) throws {
        var scenarios = [try Scenario.sample(), try Scenario.sample(plan: "Plans/fully-neutral.json")]
        var rng = DomainRNG(seed: seed)
        for _ in 0..<20 {
            let random = VariedLedger(&rng)
            if let s = try? Scenario(plan: random.plan.load(), people: RandomLedger.people, partners: RandomLedger.partners,
                                     deals: dealsCSV(random.rows)) { scenarios.append(s) }
        }
        var compared = 0, split = 0
        for s in scenarios {
            for month in [1, 3, 6, 9, 12] {
                let period = Period(year: 2027, month: month)!
                var one = PayoutEngine(plan: s.plan, roster: s.roster, ledger: s.ledger, journal: nil)
                one.threads = 1
                var two = one
                two.threads = 2
                two.splitAbove = 0
                guard let a = try? one.run(period: period, details: true) else { continue }
                let b = try two.run(period: period, details: true)
                let la = Array(a.creditLines), lb = Array(b.creditLines)
                #expect(la.map(\.booking) == lb.map(\.booking) && la.map(\.person) == lb.map(\.person), "\(period)")
                #expect(la.map(\.amount) == lb.map(\.amount) && la.map(\.clawback) == lb.map(\.clawback), "\(period)")
                #expect(a.uncredited == b.uncredited, "\(period)")
                for i in s.ledger.bookings.indices {
                    #expect((a.priced[i] == nil) == (b.priced[i] == nil), "\(period) booking \(i)")
                }
                #expect(a.ledgerSummary.bookingsUsed == b.ledgerSummary.bookingsUsed && a.ledgerSummary.clawbacksUsed == b.ledgerSummary.clawbacksUsed)
                compared += la.count
                if RunTotals.balancedMiddle(ledger: s.ledger, window: EventWindow(first: a.fiscalYearStart, last: period)) < s.ledger.store.count { split += 1 }
            }
        }
        #expect(compared > 500 && split > 10, "\(compared) lines, \(split) runs split before the last booking")
    }
}
