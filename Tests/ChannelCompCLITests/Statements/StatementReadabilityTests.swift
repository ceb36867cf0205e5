import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// Statements are read by people, and partner statements are sent to other companies: the main
/// body has money for people and no internal references; those are kept in the last section,
/// the "Audit trail (appendix)".
@Suite struct StatementReadabilityTests {
    /// Internal references: ledger and roster file lines, plan key paths, input column names.
    static func internalReference() throws -> Regex<AnyRegexOutput> {
        try Regex(#"\.csv|roles\.|partners\.(levels|rebate|referral|upfront|registration|max)|tiers\[|sourced_by"#)
    }

    @Test(arguments: ["2027-03", "2027-04", "2027-12"])
    func mainBodyHasNoInternalReferences(period: String) throws {
        let inputs = try StatementFixture.sampleInputs()
        let files = StatementFixture.files(try StatementFixture.run(inputs, period), inputs)
        var checked = 0
        for (name, text) in files where name.hasSuffix(".txt") || (name.hasSuffix(".html") && name != "index.html") {
            let appendix = try #require(text.range(of: TraceSection.heading), "\(name): no audit trail")
            let body = text[..<appendix.lowerBound]
            let found = body.firstMatch(of: try Self.internalReference()).map { String(body[$0.range]) }
            #expect(found == nil, "\(name): \(found ?? "")")
            // The appendix keeps the trail: ledger lines and plan keys are there.
            #expect(text[appendix.lowerBound...].contains("deals.csv:") || !text[appendix.lowerBound...].contains("D27"), "\(name)")
            checked += 1
        }
        #expect(checked == 2 * 17)
    }

    /// alice 2027-03: the payout line reads `$1,882.24`, attainment once as `28.33%`, and the
    /// first tier as `tier 1`; the trace (appendix) keeps the plain 1882.24 and the plan key.
    @Test func aliceReadsLikeAStatement() throws {
        let inputs = try StatementFixture.sampleInputs()
        let files = StatementFixture.files(try StatementFixture.run(inputs, "2027-03"), inputs)
        let text = try #require(files["people/alice.txt"])
        let lines = text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("payout ") && $0.contains("$1,882.24") })
        #expect(lines.contains { $0.hasPrefix("attainment YTD") && $0.contains("28.33%") && !$0.contains("0.2833") })
        #expect(lines.contains { $0.hasPrefix("tier reached") && $0.contains("tier 1:") })
        #expect(text.contains("payout 2027-03 = 1882.24 (difference)"))
        #expect(text.contains("[plan roles.direct_rep.rates.tiers[0]]"))
    }
}
