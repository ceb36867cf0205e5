import ChannelComp
@testable import ChannelCompCLI
import Foundation
import Testing

/// Shared helpers of the journal and `close` tests: fresh data-folder copies, in-process CLI
/// runs, and a small reader for the journal and the SPEC 4.1 payout CSV.
///
/// Example: `let data = try DataFolder(copying: "Fixtures/sample")` makes
/// `/tmp/channelcomp-journal-XXXX/data` holding `deals.csv`, `people.csv`, `partners.csv`;
/// `data.cli("close", period: "2027-01")` runs
/// `channelcomp close --plan Plans/channel-neutral.json --data <copy> --period 2027-01
/// --closed-at 2027-02-01T00:00:00Z` and returns `(code: 0, out: …, err: …)`.
enum JournalTestSupport {
    /// The package root, found from this file's path (`Tests/ChannelCompCLITests/Journal/…`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        packageRoot.appendingPathComponent(relative).path
    }

    static let channelNeutralPlan = path("Plans/channel-neutral.json")
    static let closedAt = "2027-02-01T00:00:00Z"
    /// The six columns of SPEC 3.7 (a journal written before SPEC 8.6).
    static let journalHeader = "period,payee_type,payee_id,amount,currency,closed_at"
    /// The header `close` writes on a new journal (SPEC 8.6 adds the plan's provenance).
    static let closeHeader = journalHeader + ",plan_name,plan_sha256"

    /// `,<plan name>,<sha256 of the plan file>`: the end of every row `close` writes with `plan`.
    static func provenance(_ plan: String = channelNeutralPlan) -> String {
        let bytes = FileManager.default.contents(atPath: plan).map { Array($0) } ?? []
        let p = PlanProvenance(name: "FY2027 channel-neutral", planBytes: bytes)
        return ",\(p.name),\(p.sha256)"
    }

    /// Runs the CLI in-process and captures its exit status and output.
    static func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
        let console = Console()
        let code = ChannelCompCLI.run(arguments, console: console)
        return (code, console.out, console.err)
    }
}

/// A fresh temporary copy of a data folder; removed when the value is released.
final class DataFolder: @unchecked Sendable {
    let root: URL
    let path: String
    var plan: String

    /// Copies `source` (relative to the package root) into a new temporary folder.
    convenience init(copying source: String = "Fixtures/sample", plan: String = JournalTestSupport.channelNeutralPlan) throws {
        try self.init(source: JournalTestSupport.packageRoot.appendingPathComponent(source), plan: plan)
    }

    private init(source: URL, plan: String) throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("channelcomp-journal-\(UUID().uuidString)")
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        let data = root.appendingPathComponent("data")
        try fm.copyItem(at: source, to: data)
        path = data.path
        self.plan = plan
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var journalPath: String { path + "/journal.csv" }
    var dealsPath: String { path + "/deals.csv" }

    /// A copy of this folder (files as they are now) in a new temporary folder.
    func duplicate() throws -> DataFolder {
        try DataFolder(source: URL(fileURLWithPath: path), plan: plan)
    }

    /// `channelcomp <command> --plan P --data D [--period X] [extra…]`, in-process.
    @discardableResult
    func cli(_ command: String, period: String? = nil, _ extra: [String] = []) -> (code: Int32, out: String, err: String) {
        var args = [command, "--plan", plan, "--data", path]
        if let period { args += ["--period", period] }
        return JournalTestSupport.run(args + extra)
    }

    /// `close` with the fixed `--closed-at` used throughout (deterministic journal bytes).
    @discardableResult
    func close(_ period: String, closedAt: String = JournalTestSupport.closedAt) -> (code: Int32, out: String, err: String) {
        cli("close", period: period, ["--closed-at", closedAt])
    }

    /// Closes each period, recording an issue (with its stderr) if any close fails.
    func closeAll(_ periods: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for p in periods {
            let r = close(p)
            #expect(r.code == 0, "close \(p) failed: \(r.err)", sourceLocation: sourceLocation)
        }
    }

    /// The payout CSV of a period (SPEC 4.1), parsed; records an issue if the run fails.
    func payout(_ period: String, sourceLocation: SourceLocation = #_sourceLocation) -> PayoutTable {
        let r = cli("payout", period: period, ["--format", "csv"])
        #expect(r.code == 0, "payout \(period) failed: \(r.err)", sourceLocation: sourceLocation)
        return PayoutTable(csv: r.out)
    }

    /// The journal's bytes, or nil when there is no journal.
    func journalBytes() -> [UInt8]? {
        FileManager.default.contents(atPath: journalPath).map { Array($0) }
    }

    func journal() -> JournalTable {
        JournalTable(bytes: journalBytes() ?? [])
    }

    func writeJournal(_ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: journalPath))
    }

    /// Rewrites the journal with only the six columns of SPEC 3.7 (as written before SPEC 8.6).
    func downgradeJournalToSixColumns() throws {
        let rows = journal().rows
        let columns = JournalTestSupport.journalHeader.split(separator: ",").map(String.init)
        var text = JournalTestSupport.journalHeader + "\n"
        for row in rows { text += CSVField.line(columns.map { row[$0] ?? "" }) }
        try writeJournal(text)
    }

    func appendToDeals(_ line: String) throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: dealsPath))
        if bytes.last != 10 { bytes.append(10) }
        bytes.append(contentsOf: Array((line + "\n").utf8))
        try bytes.write(to: URL(fileURLWithPath: dealsPath))
    }

    /// Names of the files in the data folder (hidden ones included).
    func fileNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

/// Rows of a CSV file as header-keyed dictionaries, read with the project's RFC 4180 reader.
struct CSVRows {
    var header: [String] = []
    var rows: [[String: String]] = []

    init(bytes: [UInt8]) {
        var reader = CSVReader(bytes: bytes)
        var record = CSVRecord()
        var first = true
        while (try? reader.next(into: &record)) == true {
            let fields = record.strings()
            if first {
                header = fields
                first = false
                continue
            }
            var row: [String: String] = [:]
            for (i, name) in header.enumerated() where i < fields.count { row[name] = fields[i] }
            rows.append(row)
        }
    }
}

/// A payee key: `person/alice`, `partner/P-ATLAS`.
func payeeKey(_ row: [String: String]) -> String {
    "\(row["payee_type"] ?? "?")/\(row["payee_id"] ?? "?")"
}

/// The SPEC 4.1 payout summary of one run.
struct PayoutTable {
    var table: CSVRows

    init(csv: String) { table = CSVRows(bytes: Array(csv.utf8)) }

    var rows: [[String: String]] { table.rows }
    /// Payee keys in output order.
    var payees: [String] { rows.map(payeeKey) }

    /// One column of one payee (`"person/carol"`, `"payout"`).
    func value(_ payee: String, _ column: String) -> String? {
        rows.first { payeeKey($0) == payee }?[column]
    }

    /// `payee → column value`.
    func column(_ column: String) -> [String: String] {
        Dictionary(rows.map { (payeeKey($0), $0[column] ?? "") }, uniquingKeysWith: { a, _ in a })
    }
}

/// The journal, parsed.
struct JournalTable {
    var table: CSVRows

    init(bytes: [UInt8]) { table = CSVRows(bytes: bytes) }

    var header: [String] { table.header }
    var rows: [[String: String]] { table.rows }

    func rows(of period: String) -> [[String: String]] { rows.filter { $0["period"] == period } }

    var periods: [String] { Array(Set(rows.compactMap { $0["period"] })).sorted() }

    /// `payee → amount` of one period.
    func amounts(of period: String) -> [String: String] {
        Dictionary(rows(of: period).map { (payeeKey($0), $0["amount"] ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    /// `payee → sum of amounts` over every row, summed exactly.
    func totals() throws -> [String: ExactDecimal] {
        var sums: [String: ExactDecimal] = [:]
        for row in rows {
            let amount = try ExactDecimal(parsing: row["amount"] ?? "")
            sums[payeeKey(row)] = try (sums[payeeKey(row)] ?? .zero).adding(amount)
        }
        return sums
    }
}

/// An exact decimal from its text; a test issue (and 0) if it is not a number.
func exact(_ text: String?, sourceLocation: SourceLocation = #_sourceLocation) -> ExactDecimal {
    do {
        return try ExactDecimal(parsing: text ?? "")
    } catch {
        Issue.record("not a number: \(String(describing: text))", sourceLocation: sourceLocation)
        return .zero
    }
}

/// Records an issue if two journal contents (nil: no file) differ byte for byte, showing
/// both as text rather than as byte arrays.
func expectSameBytes(_ actual: [UInt8]?, _ expected: [UInt8]?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    func show(_ bytes: [UInt8]?) -> String {
        guard let bytes else { return "<no file>" }
        return "\(bytes.count) bytes:\n" + String(decoding: bytes, as: UTF8.self)
    }
    Issue.record("\(what)\n--- expected \(show(expected))\n--- actual \(show(actual))", sourceLocation: sourceLocation)
}
