import Testing
@testable import ChannelComp

/// Verdicts in both senses of neutrality, per person and overall (``NeutralityVerdicts``).
@Suite("Neutrality verdicts")
struct NeutralityVerdictTests {
    /// SPEC 7, ann, 2027-01, net basis: direct pay 750 on S 15000 = 0.05; partner pay 182 on
    /// N 3640 = 0.05 and on G 5600 = 0.0325.
    /// channel-neutral ratio (182 ÷ 3640) ÷ (750 ÷ 15000) = 0.05 ÷ 0.05 = 1 → neutral;
    /// completely neutral ratio 0.0325 ÷ 0.05 = 0.65, |0.65 − 1| = 0.35 > 0.01 → not neutral.
    @Test func specExampleAnnNetBasis() throws {
        let audit = try ReportFixture.spec7().audit("2027-01")
        let v = try NeutralityVerdicts.judge(audit.ytd)
        let ann = try #require(v.people.first { $0.person.id.rawValue == "ann" })
        #expect(ann.person.partner.net.formatted == "3640.00")
        #expect(ann.channel.ratio?.isExactly(.one) == true)
        #expect(ann.channel.verdict == .neutral)
        #expect(ann.complete.ratio?.isExactly(try ReportFixture.decimal("0.65")) == true)
        #expect(ann.complete.deviation == (try ReportFixture.decimal("0.35")))
        #expect(ann.complete.verdict == .notNeutral)
        #expect(ann.partnerPayPerNet?.value.description == "0.0500")
        #expect(v.channel.verdict == .neutral && v.channel.within == 1 && v.channel.measured == 1)
        #expect(v.complete.verdict == .notNeutral && v.complete.within == 0)
        #expect(v.complete.worst?.person.id.rawValue == "ann")
    }

    /// The tolerance is inclusive and exact: ratio 0.65 is 0.35 from 1, so it is neutral at a
    /// tolerance of 0.35 and not at 0.3499.
    @Test(arguments: [("0.35", Verdict.neutral), ("0.3499", .notNeutral), ("0.5", .neutral), ("0", .notNeutral)])
    func toleranceBoundary(_ tolerance: String, _ expected: Verdict) throws {
        let audit = try ReportFixture.spec7().audit("2027-01")
        let v = try NeutralityVerdicts.judge(audit.ytd, tolerance: try ReportFixture.decimal(tolerance))
        #expect(v.people.first?.complete.verdict == expected, "tolerance \(tolerance)")
        #expect(v.complete.verdict == expected)
        // The channel-neutral ratio is exactly 1: neutral even at tolerance 0.
        #expect(v.channel.verdict == .neutral)
    }

    /// Gross basis (Fixtures/audit-neutrality, fully-neutral plan): every gross ratio is exactly
    /// 1, so completely neutral; ben's net ratio is 1.6125 (G ÷ N of his partner lines), so not
    /// channel-neutral.
    @Test func grossBasisIsCompletelyButNotChannelNeutral() throws {
        let audit = try ReportFixture.neutrality(plan: "Plans/fully-neutral.json").audit("2027-03")
        let v = try NeutralityVerdicts.judge(audit.ytd)
        #expect(v.complete.verdict == .neutral)
        #expect(v.complete.within == v.complete.measured && v.complete.measured == 3)
        #expect(v.channel.verdict == .notNeutral)
        let ben = try #require(v.people.first { $0.person.id.rawValue == "ben" })
        #expect(ben.channel.ratio?.value.description == "1.6125")
        #expect(v.channel.worst?.person.id.rawValue == "ben")
    }

    /// Nobody on both channels: not measured (and so never a violation).
    @Test func nobodyMeasured() throws {
        let audit = try ReportFixture.spec7().audit("2027-01")
        var section = audit.ytd
        section.neutrality = []
        let v = try NeutralityVerdicts.judge(section)
        #expect(v.channel.verdict == .notMeasured && v.complete.verdict == .notMeasured)
    }

    /// Folding: the sample's 2027-12 YTD has 34 registration exclusions; top 3 keeps the three
    /// largest bases (113400.00, 113186.77, 108000.00) and the note's totals add up.
    @Test func foldingKeepsTheLargestAndTotalsTheRest() throws {
        let s = try Scenario.sample()
        let audit = try s.audit("2027-12")
        let v = try NeutralityVerdicts.judge(audit.ytd)
        let (section, _, notes) = try AuditSelection(top: 3).apply(audit.ytd, verdicts: v, currency: audit.currency)
        #expect(section.registrationExclusions.map(\.basis.formatted) == ["108000.00", "113186.77", "113400.00"])
        let note = try #require(notes[.registration])
        #expect(note.hidden == audit.ytd.registrationExclusions.count - 3)
        let all = try Money.sum(audit.ytd.registrationExclusions.map(\.basis), audit.currency)
        #expect(note.total == all)
        #expect(try note.hiddenTotal + (try Money.sum(section.registrationExclusions.map(\.basis), audit.currency)) == all)
    }
}

/// The rows a folded audit list keeps are the `top` largest, earlier first among equals —
/// chosen in one pass, as sorting every row would choose them.
@Suite("Audit folding: the largest rows")
struct AuditFoldSelectionTests {
    /// [5, 9, 5, 1], 2 → rows 1 (9) and 0 (the first 5); random keys with many ties, any count,
    /// equal to sorting all indices by (key descending, index ascending) and taking the prefix.
    @Test func largestMatchesSorting() {
        #expect(AuditSelection.largest(2, of: [5, 9, 5, 1].map { ExactDecimal($0) }) == [1, 0])
        #expect(AuditSelection.largest(0, of: [ExactDecimal(1)]).isEmpty)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let keys = (0..<Int.random(in: 0..<80, using: &rng)).map { _ in ExactDecimal(Int.random(in: 0..<6, using: &rng)) }
            let count = Int.random(in: 0...25, using: &rng)
            let sorted = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
            #expect(AuditSelection.largest(count, of: keys) == Array(sorted.prefix(count)), "\(keys) top \(count)")
        }
    }
}
