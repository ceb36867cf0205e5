// libFuzzer entry for SPEC 6's id rule (issue 16.9): fuzzed bytes become the deal id, account,
// territory and product of a booking row. The fast path and the full path must give the same
// ledger and the same messages (the fast path never accepts what the full path refuses); every
// id accepted passes IdentifierRules; VisibleText leaves no invisible character but LF and tab.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIdentifiers(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let plan = FuzzIdentifierFixture.plan else { preconditionFailure("the fixture plan does not load") }
    // Four fields from the input, split at 0xFF; each RFC 4180 quoted so any byte is data.
    var fields: [[UInt8]] = [[], [], [], []]
    var k = 0
    for b in bytes { if b == 0xFF { k = min(k + 1, 3) } else { fields[k].append(b) } }
    func quoted(_ f: [UInt8], _ fallback: String) -> [UInt8] {
        let value = f.isEmpty ? Array(fallback.utf8) : f
        return [0x22] + value.flatMap { $0 == 0x22 ? [0x22, 0x22] : [$0] } + [0x22]
    }
    var csv = Array("deal_id,date,account,territory,product,quantity,unit_list_price,currency,channel,partner,registration,sourced_by,reps,purchase\n".utf8)
    csv += quoted(fields[0], "D1") + Array(",2027-01-10,".utf8) + quoted(fields[1], "A1") + [0x2C]
        + quoted(fields[2], "WEST") + [0x2C] + quoted(fields[3], "WIDGET") + Array(",10,1000,USD,direct,,,,ann,\n".utf8)
    let (fast, fastDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: csv, plan: plan, roster: FuzzIdentifierFixture.roster, fastPath: true)
    let (full, fullDiagnostics) = LedgerLoader.load(file: "deals.csv", bytes: csv, plan: plan, roster: FuzzIdentifierFixture.roster, fastPath: false)
    precondition(fast.bookings.count == full.bookings.count, "fast path and full path disagree on acceptance")
    precondition(fastDiagnostics.items.map { $0.render() } == fullDiagnostics.items.map { $0.render() }, "fast path and full path disagree on messages")
    for b in full.bookings {
        for id in [b.deal.rawValue, b.account, b.territory, b.product] where !id.isEmpty {
            precondition(IdentifierRules.problem(in: id) == nil, "an id breaking SPEC 6 was accepted")
        }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    precondition(!VisibleText.escape(text).unicodeScalars.contains { $0 != "\n" && $0 != "\t" && VisibleText.isInvisible($0) },
                 "VisibleText left an invisible character")
    return 0
}

enum FuzzIdentifierFixture {
    static let plan: Plan? = PlanLoader.load(file: "plan.json", bytes: Array("""
        { "name": "fuzz", "currency": "USD",
          "partners": { "trailing_months": 12, "levels": [ { "name": "Bronze", "min_trailing_list": "0", "discount": "20%" } ] },
          "roles": { "direct_rep": { "direct_deals": { "credit": "named" },
                                     "partner_deals": { "credit": "territory", "basis": "net", "quota_credit": true, "requires_registration": false },
                                     "rates": { "method": "marginal", "tiers": [ { "from": "0%", "rate": "5%" } ] } } } }
        """.utf8)).0
    static let roster: Roster = {
        guard let plan else { preconditionFailure("the fixture plan does not load") }
        return RosterLoader.load(peopleFile: "people.csv", peopleBytes: Array("id,name,role,quota,territory\nann,Ann,direct_rep,500000,WEST\n".utf8),
                                 partnersFile: "partners.csv", partnersBytes: nil, plan: plan).0
    }()
}
