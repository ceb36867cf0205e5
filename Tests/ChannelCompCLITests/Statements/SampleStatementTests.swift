import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// Statements for Fixtures/sample under Plans/channel-neutral.json agree with the SPEC 4.1
/// summary to the cent, and their lines add up to the run's figures.
@Suite struct SampleStatementTests {
    /// 2027-03 ends Q1 (rebates earned) and holds bob's clawback of D2702-08; 2027-04 holds
    /// P-CEDAR's clawback of D2703-09 and a running quarter; 2027-12 ends the year.
    @Test(arguments: ["2027-03", "2027-04", "2027-12"])
    func everyPayoutEqualsTheSummary(period: String) throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, period)
        let summary = try StatementFixture.summaryPayouts(run)
        let files = StatementFixture.files(run, inputs)
        #expect(summary.count == 17)   // 12 people + 5 partners

        // payouts.csv: one row per payee, same amount as the summary.
        let payroll = try StatementFixture.csvRows(try #require(files["payouts.csv"]))
        #expect(payroll.first == ["payee_type", "payee_id", "name", "amount", "currency", "period"])
        #expect(payroll.count == 1 + summary.count)
        for row in payroll.dropFirst() {
            #expect(row[3] == summary[row[1]], "payouts.csv \(row[1])")
            #expect(row[4] == "USD" && row[5] == period)
        }

        // Each statement document, and its text and HTML renderings, show the summary's payout.
        let ctx = StatementContext(run: run, inputs: inputs)
        let people = StatementFileName.uniqueStems(run.people.map(\.id.rawValue))
        for (p, stem) in zip(run.people, people) {
            let expected = PeopleMoney.decorate(try #require(summary[p.id.rawValue]), code: "USD")
            #expect(StatementFixture.fact(PersonStatement.document(p, ctx), "payout") == expected, "\(p.id)")
            let text = try #require(files["people/\(stem).txt"])
            #expect(text.split(separator: "\n").contains { $0.hasPrefix("payout ") && $0.contains(" \(expected)  ") }, "\(p.id) text")
            let html = try #require(files["people/\(stem).html"])
            #expect(html.contains("<tr class=\"emphasis\"><th scope=\"row\">payout</th><td class=\"num\(expected.hasPrefix("-") ? " neg" : "")\">\(expected)</td>"), "\(p.id) html")
        }
        let partners = StatementFileName.uniqueStems(run.partners.map(\.id.rawValue))
        for (p, stem) in zip(run.partners, partners) {
            let expected = PeopleMoney.decorate(try #require(summary[p.id.rawValue]), code: "USD")
            #expect(StatementFixture.fact(PartnerStatement.document(p, ctx), "payout") == expected, "\(p.id)")
            let text = try #require(files["partners/\(stem).txt"])
            #expect(text.split(separator: "\n").contains { $0.hasPrefix("payout ") && $0.contains(" \(expected)  ") }, "\(p.id) text")
            let html = try #require(files["partners/\(stem).html"])
            #expect(html.contains("<th scope=\"row\">payout</th><td class=\"num\(expected.hasPrefix("-") ? " neg" : "")\">\(expected)</td>"), "\(p.id) html")
        }
    }

    /// Deal lines plus clawbacks of the period = credit_period (quota lines), for every person;
    /// partner deals' N minus clawed-back N = purchases of the period, for every partner.
    @Test(arguments: ["2027-02", "2027-03", "2027-04", "2027-09", "2027-12"])
    func linesAddUpToThePeriodsFigures(period: String) throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, period)
        let ctx = StatementContext(run: run, inputs: inputs)
        for p in run.people {
            let lines = CreditLineRow.lines(of: p, ctx)
            let quota = (lines.bookings + lines.clawbacks).filter(\.line.quotaCredit).map(\.line.amount)
            #expect(StatementFormat.sum(quota, run.currency) == p.creditPeriod, "\(p.id) \(period)")
            #expect(lines.clawbacks.allSatisfy { $0.line.amount.amount.signum <= 0 && $0.cancellation != nil })
        }
        for p in run.partners {
            let rows = PartnerDealRow.rows(of: p, ctx)
            let net = (rows.bookings + rows.clawbacks).map(\.net)
            #expect(StatementFormat.sum(net, run.currency) == p.purchasesPeriod, "\(p.id) \(period)")
        }
    }

    /// alice 2027-03: D2703-05 N 8400.00 + D2703-11 N 29244.80 = 37644.80 this period;
    /// 226644.80 YTD / 800000 = 0.2833, below 100 % → tiers[0] at 5 %: 226644.80 × 0.05 = 11332.24;
    /// paid (earned through 2027-02) 9450.00 → payout 11332.24 − 9450.00 = 1882.24.
    @Test func aliceMarch() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-03")
        let alice = try #require(run.people.first { $0.id == "alice" })
        let ctx = StatementContext(run: run, inputs: inputs)
        let doc = PersonStatement.document(alice, ctx)
        #expect(StatementFixture.fact(doc, "quota") == "$800,000.00")
        #expect(StatementFixture.fact(doc, "attainment YTD") == "28.33%")
        #expect(StatementFixture.fact(doc, "tier reached") == "5%")
        #expect(doc.sections[0].facts.first { $0.label == "tier reached" }?.note.hasPrefix("tier 1: from 0% of quota") == true)
        #expect(StatementFixture.fact(doc, "earned YTD") == "$11,332.24")
        #expect(StatementFixture.fact(doc, "paid to date") == "$9,450.00")
        #expect(StatementFixture.fact(doc, "payout") == "$1,882.24")
        #expect(StatementFixture.fact(doc, "cap") == "$400,000.00")
        let deals = try #require(StatementFixture.section(doc, startingWith: "Credited deal lines"))
        let table = try #require(deals.table)
        #expect(table.rows.map { $0[0] } == ["D2703-05", "D2703-11"])
        // deal, line, date, account, channel, partner, basis, basis amount, split, credit, counts as
        #expect(Array(table.rows[0][4...10]) == ["partner", "P-ECHO", "N", "$8,400.00", "100%", "$8,400.00", "quota"])
        #expect(table.footer?[9] == "$37,644.80")
        // 573355.20 = 800000.00 − 226644.80 more credit reaches tiers[1].
        let tiers = try #require(StatementFixture.section(doc, startingWith: "Attainment"))
        #expect(tiers.notes.contains { $0.hasPrefix("$573,355.20 more quota credit reaches tier 2") })
        #expect(tiers.table?.footer?[5] == "$11,332.24")
    }

    /// bob 2027-03: D2702-08 (S 18000.00, booked 2027-02-20) cancelled 2027-03-05, 13 days
    /// later (≤ 90): clawed back −18000.00 in March.
    @Test func bobsClawback() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-03")
        let bob = try #require(run.people.first { $0.id == "bob" })
        let doc = PersonStatement.document(bob, StatementContext(run: run, inputs: inputs))
        let section = try #require(StatementFixture.section(doc, startingWith: "Clawbacks"))
        let rows = try #require(section.table?.rows)
        // deal, line, booked, cancelled, days, account, channel, partner, basis, amount, split, credit
        #expect(rows == [["D2702-08", "1", "2027-02-20", "2027-03-05", "13", "A-2025", "direct", "", "S", "-$18,000.00",
                          "100%", "-$18,000.00", "quota"]])
    }

    /// P-CEDAR 2027-04: D2704-08 N 89991.00 (L 119988.00, Silver 25 %, no upfront, no
    /// registration: D 29997.00) and the clawback of D2703-09 (N −64800.00) → 25191.00 in Q2 so
    /// far; the 2 % tier at 100000.00 needs 100000.00 − 25191.00 = 74809.00 more and would pay
    /// 100000.00 × 2 % = 2000.00 (retroactive).
    @Test func cedarApril() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-04")
        let cedar = try #require(run.partners.first { $0.id == "P-CEDAR" })
        let doc = PartnerStatement.document(cedar, StatementContext(run: run, inputs: inputs))
        let deals = try #require(StatementFixture.section(doc, startingWith: "Your deals")?.table)
        // deal, line, date, account, product, quantity, L, level, upfront, registration, cap, d, D, N
        #expect(deals.rows == [["D2704-08", "1", "2027-04-16", "A-1033", "ROUTER", "24", "$119,988.00", "Silver 25%",
                                "— (subscription)", "— (none)", "—", "25%", "$29,997.00", "$89,991.00"]])
        let clawbacks = try #require(StatementFixture.section(doc, startingWith: "Clawbacks")?.table)
        #expect(clawbacks.rows.map { [$0[0], $0[2], $0[3], $0[14]] } == [["D2703-09", "2027-03-15", "2027-04-20", "-$64,800.00"]])
        #expect(StatementFixture.fact(doc, "net purchases Q2") == "$25,191.00")
        #expect(StatementFixture.fact(doc, "next rebate tier") == "$100,000.00")
        #expect(StatementFixture.fact(doc, "still to buy") == "$74,809.00")
        #expect(StatementFixture.fact(doc, "rebate at that tier") == "$2,000.00")
        #expect(StatementFixture.fact(doc, "rebate if the quarter ended now") == "$0.00")
        #expect(StatementFixture.fact(doc, "level") == "Silver (25% discount)")
    }

    /// P-BEACON 2027-03: Q1 ends; net purchases 100450.00 ≥ 100000 → retroactive 2 %:
    /// 100450.00 × 0.02 = 2009.00; + referral fee 3600.00 (D2702-10) = earned 5609.00;
    /// paid (February's earnings: the fee) 3600.00 → payout 2009.00.
    @Test func beaconQuarterEnd() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-03")
        let beacon = try #require(run.partners.first { $0.id == "P-BEACON" })
        let doc = PartnerStatement.document(beacon, StatementContext(run: run, inputs: inputs))
        #expect(StatementFixture.fact(doc, "rebate earned") == "$2,009.00")
        #expect(StatementFixture.fact(doc, "rebates of ended quarters") == "$2,009.00")
        #expect(StatementFixture.fact(doc, "referral fees YTD") == "$3,600.00")
        #expect(StatementFixture.fact(doc, "earned YTD") == "$5,609.00")
        #expect(StatementFixture.fact(doc, "payout") == "$2,009.00")
        let ended = try #require(StatementFixture.section(doc, startingWith: "Rebates of ended")?.table)
        #expect(ended.rows == [["Q1", "2027-01…2027-03", "$100,450.00", "tier 2", "2%", "$2,009.00"]])
    }

    /// P-ATLAS has the fixed level Gold: no trailing volume, no next level.
    @Test func fixedLevel() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-03")
        let atlas = try #require(run.partners.first { $0.id == "P-ATLAS" })
        let doc = PartnerStatement.document(atlas, StatementContext(run: run, inputs: inputs))
        #expect(StatementFixture.fact(doc, "level") == "Gold (30% discount)")
        #expect(StatementFixture.fact(doc, "next level") == "fixed level")
    }

    /// The index links every statement (HTML and text) and shows the totals of the summary:
    /// people 25670.20 and partners 9733.35 → 35403.55 in 2027-03.
    @Test func indexListsEveryPayee() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-03")
        let files = StatementFixture.files(run, inputs)
        let index = try #require(files["index.html"])
        #expect(files.count == 2 + 2 * 17)
        for p in run.people {
            #expect(index.contains("<a href=\"people/\(p.id.rawValue).html\">\(p.id.rawValue)</a>"), "\(p.id)")
            #expect(index.contains("<a href=\"people/\(p.id.rawValue).txt\">text</a>"), "\(p.id)")
        }
        for p in run.partners {
            #expect(index.contains("<a href=\"partners/\(p.id.rawValue).html\">\(p.id.rawValue)</a>"), "\(p.id)")
        }
        // Every link in the index names a written file.
        for link in index.components(separatedBy: "href=\"").dropFirst() {
            let target = String(link.prefix { $0 != "\"" })
            #expect(files[target] != nil, "index links \(target)")
        }
        #expect(index.contains("<th scope=\"row\">people (12)</th><td class=\"num\">$25,670.20</td>"))
        #expect(index.contains("<th scope=\"row\">partners (5)</th><td class=\"num\">$9,733.35</td>"))
        #expect(index.contains("<th scope=\"row\">total payout</th><td class=\"num\">$35,403.55</td>"))
        // "Echo Partners, LLC" keeps its comma and is escaped text.
        #expect(index.contains("<td>Echo Partners, LLC</td>"))
    }

    /// Pages load nothing and run nothing: inline CSS, no script, no external resource.
    @Test func pagesAreSelfContained() throws {
        let inputs = try StatementFixture.sampleInputs()
        let run = try StatementFixture.run(inputs, "2027-03")
        for (name, text) in StatementFixture.files(run, inputs) where name.hasSuffix(".html") {
            let lower = text.lowercased()
            for banned in ["<script", "<link", "<iframe", "<object", "<embed", "<img", "@import", "url(", "https:"] {
                #expect(!lower.contains(banned), "\(name) contains \(banned)")
            }
            // The only http: text is the SVG namespace name, which loads nothing.
            #expect(lower.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http:") == false, "\(name)")
            #expect(text.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
            #expect(text.contains("<style>") && text.contains("@media print"))
        }
        let files = StatementFixture.files(run, inputs)
        #expect(try #require(files["people/alice.html"]).contains("<svg class=\"chart\""))
        #expect(try #require(files["partners/P-CEDAR.html"]).contains("<svg class=\"chart\""))
    }
}
