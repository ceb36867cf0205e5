import Testing
import _TestSupport
@testable import ChannelComp

/// The longest audit lists (uncredited deals, registration exclusions, channel conflicts) are
/// folded while they are built when the reader's `--top` is known: only the kept rows are made. What is shown must be
/// exactly what folding the whole lists shows — the same rows in the same order, the same counts
/// and totals of the rows left out.
@Suite("Audit: lists folded while built = folded after")
struct AuditPreFoldTests {
    @Test("the sample's periods under both plans, top 1, 2, 3, 5 and 20",
          arguments: ["Plans/channel-neutral.json", "Plans/fully-neutral.json"])
    func sameAsFoldingAfter(planFile: String) throws {
        let s = try Scenario.sample(plan: planFile)
        var foldedSomething = 0
        for month in [3, 6, 10, 12] {
            let run = try s.run("2027-\(month < 10 ? "0" : "")\(month)", details: true)
            let whole = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger)
            for top in [1, 2, 3, 5, 20] {
                let early = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, top: top)
                let selection = AuditSelection(top: top)
                for (a, b) in zip(whole.sections, early.sections) {
                    let verdicts = try NeutralityVerdicts.judge(a, tolerance: .zero)
                    let (after, _, notesAfter) = try selection.apply(a, verdicts: verdicts, currency: whole.currency)
                    let (built, _, notesBuilt) = try selection.apply(b, verdicts: verdicts, currency: whole.currency)
                    let label = "\(planFile) 2027-\(month) \(a.scope.kind) top \(top)"
                    #expect(rows(after.uncredited) == rows(built.uncredited), "\(label): uncredited")
                    #expect(rows(after.registrationExclusions) == rows(built.registrationExclusions), "\(label): registration")
                    #expect(conflicts(after.channelConflicts) == conflicts(built.channelConflicts), "\(label): conflicts")
                    for part in [AuditPart.uncredited, .registration, .conflict] {
                        #expect(note(notesAfter[part]) == note(notesBuilt[part]), "\(label): \(part) note")
                        if notesBuilt[part] != nil { foldedSomething += 1 }
                    }
                }
            }
        }
        // Not vacuous: some lists were longer than the smaller tops.
        #expect(foldedSomething > 4, "\(foldedSomething) lists folded")
    }

    /// With one payee picked, conflicts are filtered by payee first: built whole, folded after.
    @Test("with a payee, conflicts are folded after the payee filter")
    func payeeConflicts() throws {
        let s = try Scenario.sample()
        var checked = 0
        for month in [6, 10, 12] {
            let run = try s.run("2027-\(month < 10 ? "0" : "")\(month)", details: true)
            let whole = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger)
            for person in s.roster.people.prefix(6) {
                let selection = AuditSelection(payee: person.id.rawValue, top: 1)
                let early = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, top: 1, onePayee: true)
                for (a, b) in zip(whole.sections, early.sections) {
                    let verdicts = try NeutralityVerdicts.judge(a, tolerance: .zero)
                    let (after, _, notesAfter) = try selection.apply(a, verdicts: verdicts, currency: whole.currency)
                    let (built, _, notesBuilt) = try selection.apply(b, verdicts: verdicts, currency: whole.currency)
                    #expect(conflicts(after.channelConflicts) == conflicts(built.channelConflicts))
                    #expect(note(notesAfter[.conflict]) == note(notesBuilt[.conflict]))
                    checked += after.channelConflicts.count
                }
            }
        }
        #expect(checked > 0)
    }

    /// A section built folded cannot be shown with another `top` (its other rows were never made).
    @Test("a section built folded to 2 rows refuses to be shown with top 5")
    func otherTopRefused() throws {
        let s = try Scenario.sample()
        let run = try s.run("2027-12", details: true)
        let early = try AuditReport.build(run: run, plan: s.plan, roster: s.roster, ledger: s.ledger, top: 2)
        let section = early.sections[0]
        let verdicts = try NeutralityVerdicts.judge(section, tolerance: .zero)
        #expect(throws: ReportError.self) { try AuditSelection(top: 5).apply(section, verdicts: verdicts, currency: early.currency) }
    }

    private func rows(_ list: [UncreditedDeal]) -> [String] {
        list.map { "\($0.ref.deal)/\($0.ref.line)/\($0.role)/\($0.reason)/\($0.basis.amount)/\($0.reasonText)/\($0.account)" }
    }

    private func conflicts(_ list: [ChannelConflict]) -> [String] {
        list.map { c in
            "\(c.account)/\(c.month)/\(c.directRevenue.amount)/\(c.partnerNet.amount)/"
                + (c.direct + c.partner).map { "\($0.ref.deal):\($0.reps):\($0.net.amount)" }.joined(separator: ",")
        }
    }

    private func note(_ n: FoldNote?) -> String {
        n.map { "\($0.shown) \($0.hidden) \($0.measure) \($0.hiddenTotal.amount) \($0.total.amount)" } ?? "none"
    }
}
