import Testing
@testable import ChannelComp

/// Inputs and runs for the report tests.
enum ReportFixture {
    /// `Fixtures/audit-neutrality` under a plan of the repository (`Plans/channel-neutral.json`
    /// pays direct reps on net, `Plans/fully-neutral.json` on gross).
    static func neutrality(plan: String) throws -> Scenario {
        try Scenario(plan: loadPlan(Scenario.repositoryText(plan), file: plan),
                     people: Scenario.repositoryText("Fixtures/audit-neutrality/people.csv"),
                     partners: Scenario.repositoryText("Fixtures/audit-neutrality/partners.csv"),
                     deals: Scenario.repositoryText("Fixtures/audit-neutrality/deals.csv"))
    }

    /// The SPEC 7 data: ann (WEST, quota 500000), cam, P1; D1 direct 10 × 1000, D2 partner 150
    /// SEAT upfront approved, D3 direct 2 × 2500 referred by P1 (approved).
    static func spec7(_ plan: PlanText = PlanText()) throws -> Scenario {
        try Scenario(plan: plan, deals: spec7Deals)
    }

    static let spec7Deals: [DealRow] = [
        .direct("D1", "2027-01-10", "1000", quantity: "10"),
        DealRow(deal: "D2", date: "2027-01-20", account: "A2", product: "SEAT", quantity: "150", purchase: "upfront",
                channel: "partner", partner: "P1", registration: "approved"),
        DealRow(deal: "D3", date: "2027-01-25", account: "A3", quantity: "2", unitListPrice: "2500", partner: "P1",
                registration: "approved", sourcedBy: "partner", reps: "ann"),
    ]

    static func period(_ text: String) throws -> Period {
        guard let p = Period(parsing: text) else { throw ScenarioError("bad period \(text)") }
        return p
    }

    static func decimal(_ text: String) throws -> ExactDecimal { try ExactDecimal(parsing: text) }
}

extension Scenario {
    /// The audit of a period (run with details).
    func audit(_ period: String) throws -> AuditReport {
        let run = try self.run(period, details: true)
        return try AuditReport.build(run: run, plan: plan, roster: roster, ledger: ledger)
    }

    /// The traces of every payee of a period, with the run they come from.
    func traces(_ period: String) throws -> (run: PayoutRun, traces: [PayeeTrace]) {
        let run = try self.run(period, details: true)
        var traces: [PayeeTrace] = []
        for id in Explain.payeeIDs(run) {
            traces += try Explain.trace(payee: id, run: run, plan: plan, roster: roster, ledger: ledger, journal: journal)
        }
        return (run, traces)
    }
}

extension AuditReport {
    var period: AuditSection { sections[0] }
    var ytd: AuditSection { sections[1] }
}

extension AuditSection {
    func person(_ id: String) -> PersonNeutrality? { neutrality.first { $0.id.rawValue == id } }
    func cost(_ channel: Channel?) -> ChannelCost? { cost.first { $0.channel == channel } }
}

extension ExactRatio {
    /// True when numerator ÷ denominator equals p ÷ q exactly (cross-multiplied).
    func equals(_ p: ExactDecimal, over q: ExactDecimal) -> Bool {
        guard let l = try? numerator.multiplied(by: q), let r = try? denominator.multiplied(by: p) else { return false }
        return l == r
    }
}
