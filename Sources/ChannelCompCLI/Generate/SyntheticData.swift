import ChannelComp

/// A deterministic, realistic synthetic data folder of any size, for demos and benchmarks.
///
/// `SyntheticData(deals: 1000, seed: 1)` → about 1000 ledger rows (≈3 % cancellations, half
/// inside the 90-day clawback window), 4 people (≈ N/500, at least 4), 2 partners (≈ N/2000,
/// at least 2), dates 2026-11-01 … 2027-12-31. The same deals and seed always give the same bytes.
///
/// `rosterChanges: true` (`generate --roster-changes`) adds SPEC 8's changing roster
/// (``SyntheticRoster``): effective-dated rows, hires, leavers, territory moves, quota
/// changes, sales managers and a director, partner manager changes. Off by default, so the
/// default output (benchmarks, the oracle cross-check, existing tests) stays byte for byte.
struct SyntheticData {
    let deals: Int
    let seed: UInt64
    var rosterChanges = false

    var peopleCount: Int { max(4, deals / 500) }
    var managerCount: Int { max(1, peopleCount / 10) }
    var repCount: Int { peopleCount - managerCount }
    var partnerCount: Int { max(2, deals / 2000) }
    var roster: SyntheticRoster { SyntheticRoster(repCount: repCount, channelManagerCount: managerCount) }

    /// The rep named for territory k's deals on the day: its owner that day.
    func repOn(_ k: Int, _ day: Int) -> String {
        rosterChanges ? roster.owner(k, on: day, rep: repID) : repID(k)
    }

    /// SplitMix64: small, fast, and the same on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func percent(_ p: Int) -> Bool { below(100) < p }
    }

    static let products: [(id: String, cents: Int?)] = [
        ("WIDGET", 120_000), ("GADGET", 34_999), ("SUPPORT", 9_950), ("SEAT", nil),
    ]

    func repID(_ i: Int) -> String { "rep" + padded(i + 1, 5) }
    func managerID(_ i: Int) -> String { "cam" + padded(i + 1, 4) }
    func partnerID(_ i: Int) -> String { "P" + padded(i + 1, 5) }
    func territory(_ rep: Int) -> String { "T" + padded(rep + 1, 5) }

    /// people.csv: reps own one territory each; channel managers have none.
    func peopleCSV() -> String {
        var random = Random(state: seed ^ 0xA11CE)
        var out = rosterChanges ? "id,name,role,quota,territory,effective_from,effective_to,manager\n" : "id,name,role,quota,territory\n"
        // Expected yearly credit per rep: bookings per rep × average basis (≈ 11500) × 12/14.
        let bookings = deals - deals * 3 / 100
        let perRep = max(1, bookings / max(1, repCount))
        let expected = perRep * 11_500 * 12 / 14
        for r in 0..<repCount {
            let quota = max(50_000, expected * (80 + random.below(70)) / 100 / 1000 * 1000)
            if rosterChanges {
                out += roster.repRows(r, quota: quota, rep: repID, territory: territory, date: dateText)
            } else {
                out += "\(repID(r)),Rep \(r + 1),direct_rep,\(quota),\(territory(r))\n"
            }
        }
        let perManager = max(1, bookings / 2 / managerCount) * 11_500 * 12 / 14 / 3
        for m in 0..<managerCount {
            let quota = max(50_000, perManager * (80 + random.below(70)) / 100 / 1000 * 1000)
            out += "\(managerID(m)),Channel Manager \(m + 1),channel_manager,\(quota),\(rosterChanges ? ",,," : "")\n"
        }
        if rosterChanges { out += roster.managementRows(teamQuota: max(50_000, expected) * 8 / 1000 * 1000) }
        return out
    }

    /// partners.csv: one in ten with a fixed level, one in twenty without a manager.
    func partnersCSV() -> String {
        var random = Random(state: seed ^ 0xBEEF)
        let levels = ["Bronze", "Silver", "Gold"]
        var out = rosterChanges ? "id,name,level,manager,effective_from,effective_to\n" : "id,name,level,manager\n"
        for p in 0..<partnerCount {
            let level = random.percent(10) ? levels[random.below(3)] : ""
            let manager = random.percent(5) ? "" : managerID(p % managerCount)
            if rosterChanges {
                out += roster.partnerRows(p, id: partnerID(p), level: level, manager: manager, channelManager: managerID, date: dateText)
            } else {
                out += "\(partnerID(p)),Partner \(p + 1),\(level),\(manager)\n"
            }
        }
        return out
    }

    /// Streams deals.csv in chunks to `sink` (so 5 M rows never sit in memory as one string).
    func writeDeals(_ sink: (inout [UInt8]) throws -> Void) rethrows {
        var random = Random(state: seed)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        func put(_ s: String) { buffer.append(contentsOf: s.utf8) }
        put("deal_id,line,event,date,account,territory,product,quantity,unit_list_price,sale_price,currency,purchase,channel,partner,registration,sourced_by,reps\n")
        let cancellations = deals * 3 / 100
        let bookings = deals - cancellations
        let cancelEvery = cancellations > 0 ? max(1, bookings / cancellations) : Int.max
        var written = 0
        var dealNumber = 0
        var cancelled = 0
        let firstDay = CivilDate(year: 2026, month: 11, day: 1)!.dayNumber
        let span = CivilDate(year: 2027, month: 12, day: 31)!.dayNumber - firstDay + 1
        var line = 1
        var dealID = ""
        var dealDate = ""
        var dealDay = 0
        while written < bookings {
            // A new deal, or a second line of the previous one (one deal in five).
            if line == 1 || !random.percent(20) || line >= 3 {
                dealNumber += 1
                line = 1
                dealID = "D" + padded(dealNumber, 8)
                dealDay = firstDay + (written * span) / max(1, bookings)
                dealDate = dateText(dealDay)
            } else {
                line += 1
            }
            let account = "A" + padded(random.below(max(10, deals / 5)) + 1, 7)
            let product = SyntheticData.products[random.below(4)]
            let quantity = product.cents == nil ? random.below(250) + 1 : random.below(50) + 1
            let listText = product.cents.map(money) ?? ""
            let channel = random.percent(50) ? "direct" : "partner"
            var territoryText = ""
            var partner = ""
            var registration = ""
            var sourcedBy = ""
            var reps = ""
            var purchase = ""
            var sale = ""
            if channel == "direct" {
                let rep = random.below(repCount)
                territoryText = territory(rep)
                let kind = random.below(100)
                if kind < 80 || repCount < 3 {
                    reps = repOn(rep, dealDay)
                } else if kind < 95 {
                    reps = "\(repOn(rep, dealDay)):60;\(repOn((rep + 1) % repCount, dealDay)):40"
                } else {
                    reps = "\(repOn(rep, dealDay));\(repOn((rep + 1) % repCount, dealDay));\(repOn((rep + 2) % repCount, dealDay))"
                }
                if random.percent(5) {
                    sourcedBy = "partner"
                    partner = partnerID(skewedPartner(&random))
                    registration = random.percent(80) ? "approved" : "pending"
                }
                if let cents = product.cents, random.percent(30) { sale = money(cents * 9 / 10) }
            } else {
                partner = partnerID(skewedPartner(&random))
                territoryText = random.percent(90) ? territory(random.below(repCount)) : "UNASSIGNED"
                let r = random.below(100)
                registration = r < 50 ? "approved" : r < 70 ? "pending" : r < 80 ? "rejected" : ""
                if random.percent(30) { purchase = "upfront" }
                if let cents = product.cents, random.percent(40) { sale = money(cents * 11 / 10) }
            }
            put("\(dealID),\(line == 1 ? "" : String(line)),,\(dealDate),\(account),\(territoryText),\(product.id),\(quantity),\(listText),\(sale),USD,\(purchase),\(channel),\(partner),\(registration),\(sourcedBy),\(reps)\n")
            written += 1
            if cancelled < cancellations && written % cancelEvery == 0 {
                // Half inside the 90-day window, half outside.
                let days = cancelled % 2 == 0 ? 1 + random.below(90) : 91 + random.below(120)
                put("\(dealID),\(line == 1 ? "" : String(line)),cancellation,\(dateText(dealDay + days)),,,,,,,,,,,,,\n")
                cancelled += 1
            }
            if buffer.count >= 1 << 22 { try sink(&buffer); buffer.removeAll(keepingCapacity: true) }
        }
        if !buffer.isEmpty { try sink(&buffer) }
    }

    /// Partners of very different sizes: a few big ones, a long tail.
    func skewedPartner(_ random: inout Random) -> Int {
        let a = random.below(partnerCount)
        let b = random.below(partnerCount)
        return min(a, b)
    }

    /// The plan the data is made for: ``planJSON``, plus the management roles with
    /// `rosterChanges`.
    var plan: String {
        guard rosterChanges else { return SyntheticData.planJSON }
        // The roles object closes the plan: the management roles go after its last member
        // (a test loads this plan, so a changed ending cannot go unnoticed).
        let end = "\n  }\n}\n"
        guard SyntheticData.planJSON.hasSuffix(end) else { return SyntheticData.planJSON }
        return String(SyntheticData.planJSON.dropLast(end.count)) + SyntheticRoster.managementRolesJSON + end
    }

    func dateText(_ dayNumber: Int) -> String {
        // Inverse of CivilDate.dayNumber (Howard Hinnant's civil_from_days).
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return "\(padded(y, 4))-\(padded(m, 2))-\(padded(d, 2))"
    }

    func money(_ cents: Int) -> String { "\(cents / 100).\(padded(cents % 100, 2))" }

    func padded(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// The plan the data is made for: SPEC 2.5's channel-neutral plan.
    static let planJSON = """
    {
      "name": "FY2027 channel-neutral (synthetic)",
      "currency": "USD",
      "fiscal_year_start_month": 1,
      "rounding": "half-even",
      "clawback_days": 90,
      "price_book": {
        "SEAT": { "mode": "graduated",
                  "tiers": [ { "up_to": "100", "unit_price": "40.00" },
                             { "up_to": null,  "unit_price": "32.00" } ] }
      },
      "partners": {
        "trailing_months": 12,
        "levels": [
          { "name": "Bronze", "min_trailing_list": "0",       "discount": "20%" },
          { "name": "Silver", "min_trailing_list": "250000",  "discount": "25%" },
          { "name": "Gold",   "min_trailing_list": "1000000", "discount": "30%" }
        ],
        "upfront_discount": "5%",
        "registration_discount": "10%",
        "max_discount": "40%",
        "referral_fee": "10%",
        "rebate": { "method": "retroactive",
                    "tiers": [ { "from": "0",      "rate": "0%" },
                               { "from": "100000", "rate": "2%" },
                               { "from": "500000", "rate": "3%" } ] }
      },
      "roles": {
        "direct_rep": {
          "direct_deals":  { "credit": "named" },
          "partner_deals": { "credit": "territory", "basis": "net",
                             "quota_credit": true, "requires_registration": false },
          "rates": { "method": "marginal",
                     "tiers": [ { "from": "0%",   "rate": "5%" },
                                { "from": "100%", "rate": "9%" },
                                { "from": "150%", "rate": "6%" } ] },
          "cap": "400000"
        },
        "channel_manager": {
          "direct_deals":  { "credit": "none" },
          "partner_deals": { "credit": "partner_manager", "basis": "net",
                             "quota_credit": true, "requires_registration": true },
          "rates": { "method": "retroactive",
                     "tiers": [ { "from": "0%", "rate": "0%" },
                                { "from": "50%", "rate": "2%" },
                                { "from": "100%", "rate": "3%" } ] }
        }
      }
    }

    """
}
