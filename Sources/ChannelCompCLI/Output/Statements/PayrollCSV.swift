import ChannelComp

/// `payouts.csv`: one row per payee for payroll and payables import (SPEC 4.2).
///
/// People, then partners, each sorted by id bytes (the run's order); amounts keep their sign:
///
///     payee_type,payee_id,name,amount,currency,period
///     person,alice,Alice Martin,1882.24,USD,2027-03
///     partner,P-ECHO,"Echo Partners, LLC",0.00,USD,2027-03
enum PayrollCSV {
    static let header = "payee_type,payee_id,name,amount,currency,period"

    /// Choices for payroll import; the defaults give the file above, unchanged.
    ///
    /// `skipZero`: leave out lines whose amount is 0.00 (`--payroll-skip-zero`).
    /// `markRecoveries`: add a last column `kind` — `payment`, `recovery` (a negative amount: money
    /// to get back) or `zero` (`--payroll-mark-recoveries`).
    struct Options {
        var skipZero = false
        var markRecoveries = false
    }

    static func render(_ run: PayoutRun, options: Options = Options()) -> String {
        var out = header + (options.markRecoveries ? ",kind" : "") + "\n"
        let period = run.period.description
        func add(_ type: String, _ id: String, _ name: String, _ amount: Money) {
            if options.skipZero && amount.isZero { return }
            var line = row(type, id, name, amount, period)
            if options.markRecoveries {
                line.removeLast()
                line += "," + (amount.isZero ? "zero" : amount.amount.signum < 0 ? "recovery" : "payment") + "\n"
            }
            out += line
        }
        for p in run.people { add("person", p.id.rawValue, p.name, p.payout) }
        for p in run.partners { add("partner", p.id.rawValue, p.name, p.payout) }
        return out
    }

    static func row(_ type: String, _ id: String, _ name: String, _ amount: Money, _ period: String) -> String {
        [type, SpreadsheetCell.text(id), SpreadsheetCell.text(name), amount.formatted, amount.currency.code, period]
            .joined(separator: ",") + "\n"
    }
}

/// A CSV cell holding text from input, safe to open in a spreadsheet and to show in a terminal:
/// the one function every CSV output (payouts.csv, `payout`/`audit`/`compare --format csv`)
/// passes ids, names and other free text through.
///
/// Control and invisible characters other than line feed and tab are spelled out
/// (``VisibleText``: an ESC never reaches a terminal or a payroll file raw). Text a spreadsheet
/// would run as a formula — starting with `=`, `+`, `-`, `@`, a tab or a CR — gets a leading
/// apostrophe; then RFC 4180 quoting where needed:
///
///     Ann                 → Ann
///     =HYPERLINK("x")     → "'=HYPERLINK(""x"")"
///     -5                  → '-5
///     Echo Partners, LLC  → "Echo Partners, LLC"
///     Ann<ESC>[2J         → Ann\u{1b}[2J
///
/// Amounts are numbers, not text, and never pass through here (`-12.00` stays `-12.00`).
enum SpreadsheetCell {
    /// The first bytes that make a spreadsheet read a cell as a formula: `=` `+` `-` `@` tab CR.
    /// A byte, not a character: `=` followed by a combining mark is one character that is not
    /// `=`, yet a spreadsheet still sees the `=` first.
    static let formulaStarts: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    static func text(_ value: String) -> String {
        var cell = VisibleText.escape(value)
        if let first = cell.utf8.first, formulaStarts.contains(first) { cell = "'" + cell }
        return CSVWriter.field(cell)
    }
}
