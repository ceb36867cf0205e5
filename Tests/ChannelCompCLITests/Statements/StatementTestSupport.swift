import Foundation
import Testing
import ChannelComp
@testable import ChannelCompCLI

/// Inputs, runs and rendered statement files for the statement tests.
enum StatementFixture {
    /// The package root, found from this file: Tests/ChannelCompCLITests/Statements/….
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var planPath: String { root + "/Plans/channel-neutral.json" }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Fixtures/sample with Plans/channel-neutral.json, loaded as `payout` loads them.
    static func sampleInputs() throws -> Inputs {
        try InputLoader.load(planPath: planPath, dataDirectory: root + "/Fixtures/sample", console: Console())
    }

    /// Inputs from CSV text in memory, against `plan` (JSON text) or Plans/channel-neutral.json.
    static func inputs(plan planText: String? = nil, people: String, partners: String, deals: String) throws -> Inputs {
        let planBytes = try planText.map { Array($0.utf8) } ?? [UInt8](Data(contentsOf: URL(fileURLWithPath: planPath)))
        let (planValue, planDiagnostics) = PlanLoader.load(file: "plan.json", bytes: planBytes)
        guard let plan = planValue else { throw Failure(description: planDiagnostics.items.map { $0.render() }.joined(separator: "\n")) }
        let (roster, rosterDiagnostics) = RosterLoader.load(
            peopleFile: "people.csv", peopleBytes: Array(people.utf8),
            partnersFile: "partners.csv", partnersBytes: Array(partners.utf8), plan: plan)
        let (ledger, ledgerDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: Array(deals.utf8), plan: plan, roster: roster)
        let problems = (rosterDiagnostics.errors + ledgerDiagnostics.errors).map { $0.render() }
        if !problems.isEmpty { throw Failure(description: problems.joined(separator: "\n")) }
        return Inputs(plan: plan, planFile: "plan.json", roster: roster, ledger: ledger, journal: nil,
                      journalFile: "journal.csv", warnings: [], dataDirectory: "data")
    }

    /// A data folder on disk (plan and data as `payout` reads them).
    static func folderInputs(plan: String, data: String) throws -> Inputs {
        try InputLoader.load(planPath: root + "/" + plan, dataDirectory: root + "/" + data, console: Console())
    }

    /// The run `payout --out` makes: with details.
    static func run(_ inputs: Inputs, _ period: String) throws -> PayoutRun {
        guard let p = Period(parsing: period) else { throw Failure(description: "bad period \(period)") }
        return try PayoutEngine(plan: inputs.plan, roster: inputs.roster, ledger: inputs.ledger, journal: inputs.journal)
            .run(period: p, details: true)
    }

    /// Statement files by name, as text.
    static func files(_ run: PayoutRun, _ inputs: Inputs) -> [String: String] {
        var out: [String: String] = [:]
        for f in StatementWriter.files(run, inputs: inputs) {
            #expect(out[f.name] == nil, "file \(f.name) written twice")
            out[f.name] = String(decoding: f.bytes, as: UTF8.self)
        }
        return out
    }

    /// Rows of a CSV text, parsed by the project's RFC 4180 reader.
    static func csvRows(_ text: String) throws -> [[String]] {
        var reader = CSVReader(bytes: Array(text.utf8))
        var record = CSVRecord()
        var rows: [[String]] = []
        while try reader.next(into: &record) { rows.append(record.strings()) }
        return rows
    }

    /// payee id → payout, from the SPEC 4.1 summary CSV (`payout` column).
    static func summaryPayouts(_ run: PayoutRun) throws -> [String: String] {
        let rows = try csvRows(SummaryRenderer.csv(run))
        guard let header = rows.first, let id = header.firstIndex(of: "payee_id"), let payout = header.firstIndex(of: "payout") else {
            throw Failure(description: "summary CSV without header")
        }
        var out: [String: String] = [:]
        for r in rows.dropFirst() { out[r[id]] = r[payout] }
        return out
    }

    /// The value of the first fact labelled `label` in a document.
    static func fact(_ doc: StatementDocument, _ label: String) -> String? {
        for s in doc.sections { if let f = s.facts.first(where: { $0.label == label }) { return f.value } }
        return nil
    }

    static func section(_ doc: StatementDocument, startingWith heading: String) -> StatementSection? {
        doc.sections.first { $0.heading.hasPrefix(heading) }
    }
}
