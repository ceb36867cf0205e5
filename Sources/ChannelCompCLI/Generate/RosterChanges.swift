import ChannelComp

/// The changing roster of `generate --roster-changes` (SPEC 8): hires, leavers, territory
/// moves, quota changes, two management levels and partner manager changes, laid out so that
/// every territory has exactly one owner on every day and every rep named on a deal has a row
/// in effect on its date.
///
/// Per territory k (rep k owns it at first), by k mod 7:
///
///     1 → quota change: rep k's quota × 6/5 from 2027-07-01
///     3 → leaver and hire: rep k leaves on day L(k) (a day of 2027-03-31 … 2027-10-16),
///         hire k takes the territory from L(k) + 1
///     5 → territory move: reps k and k+1 swap territories (and teams) on M(k) (a month's first
///         day, 2027-02-01 … 2027-10-01)
///
/// Reps are managed by sales managers (`sm0001`, …, one per eight reps), who report to one
/// director (`dir01`). Partner p with p mod 4 = 2 changes channel manager on 2027-04-01, and
/// with p mod 8 = 2 gets a fixed level Silver from then on.
struct SyntheticRoster {
    let repCount: Int
    let channelManagerCount: Int

    enum Change: Equatable {
        case none, quotaChange, leaver(lastDay: Int), swap(firstDay: Int), swapped(firstDay: Int)
    }

    static let julyFirst = CivilDate(year: 2027, month: 7, day: 1)!.dayNumber
    static let aprilFirst = CivilDate(year: 2027, month: 4, day: 1)!.dayNumber

    var salesManagerCount: Int { max(1, repCount / 8) }

    func change(_ k: Int) -> Change {
        switch k % 7 {
        case 1: return .quotaChange
        case 3: return .leaver(lastDay: CivilDate(year: 2027, month: 3, day: 31)!.dayNumber + (k * 13) % 200)
        case 5 where k + 1 < repCount: return .swap(firstDay: CivilDate(year: 2027, month: 2 + (k / 7) % 9, day: 1)!.dayNumber)
        case 6: if case .swap(let first) = change(k - 1) { return .swapped(firstDay: first) }
            return .none
        default: return .none
        }
    }

    /// The rep who owns territory k on the day (a day number).
    func owner(_ k: Int, on day: Int, rep: (Int) -> String) -> String {
        switch change(k) {
        case .leaver(let last): return day <= last ? rep(k) : hireID(k)
        case .swap(let first): return day < first ? rep(k) : rep(k + 1)
        case .swapped(let first): return day < first ? rep(k) : rep(k - 1)
        default: return rep(k)
        }
    }

    func hireID(_ k: Int) -> String { "hire" + pad(k + 1, 5) }
    func salesManagerID(_ i: Int) -> String { "sm" + pad(i + 1, 4) }
    func teamManager(_ k: Int) -> String { salesManagerID(k % salesManagerCount) }

    /// people.csv rows of rep k (owner of territory k at first) and of its hire, if any.
    func repRows(_ k: Int, quota: Int, rep: (Int) -> String, territory: (Int) -> String, date: (Int) -> String) -> String {
        let id = rep(k), name = "Rep \(k + 1)", t = territory(k), m = teamManager(k)
        switch change(k) {
        case .none:
            return "\(id),\(name),direct_rep,\(quota),\(t),,,\(m)\n"
        case .quotaChange:
            return "\(id),\(name),direct_rep,\(quota),\(t),,\(date(Self.julyFirst - 1)),\(m)\n"
                + "\(id),\(name),direct_rep,\(quota * 6 / 5),\(t),\(date(Self.julyFirst)),,\(m)\n"
        case .leaver(let last):
            return "\(id),\(name),direct_rep,\(quota),\(t),,\(date(last)),\(m)\n"
                + "\(hireID(k)),Hire \(k + 1),direct_rep,\(quota),\(t),\(date(last + 1)),,\(m)\n"
        case .swap(let first):
            return "\(id),\(name),direct_rep,\(quota),\(t),,\(date(first - 1)),\(m)\n"
                + "\(id),\(name),direct_rep,\(quota),\(territory(k + 1)),\(date(first)),,\(teamManager(k + 1))\n"
        case .swapped(let first):
            return "\(id),\(name),direct_rep,\(quota),\(t),,\(date(first - 1)),\(m)\n"
                + "\(id),\(name),direct_rep,\(quota),\(territory(k - 1)),\(date(first)),,\(teamManager(k - 1))\n"
        }
    }

    /// The sales managers (quota: their team's, roughly) and the director.
    func managementRows(teamQuota: Int) -> String {
        var out = ""
        for i in 0..<salesManagerCount {
            out += "\(salesManagerID(i)),Sales Manager \(i + 1),sales_manager,\(teamQuota),,,,dir01\n"
        }
        out += "dir01,Sales Director,sales_director,\(teamQuota * salesManagerCount),,,,\n"
        return out
    }

    /// partners.csv rows of partner p.
    func partnerRows(_ p: Int, id: String, level: String, manager: String, channelManager: (Int) -> String, date: (Int) -> String) -> String {
        guard p % 4 == 2, !manager.isEmpty else { return "\(id),Partner \(p + 1),\(level),\(manager),,\n" }
        let later = channelManager((p + 1) % channelManagerCount)
        let laterLevel = p % 8 == 2 ? "Silver" : level
        return "\(id),Partner \(p + 1),\(level),\(manager),,\(date(Self.aprilFirst - 1))\n"
            + "\(id),Partner \(p + 1),\(laterLevel),\(later),\(date(Self.aprilFirst)),\n"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// The two management roles added to the generator's plan, paid on their teams' deals by
    /// `team` credit (SPEC 8.3): sales managers on both channels (net), the director on direct
    /// deals.
    static let managementRolesJSON = """
        ,
            "sales_manager": {
              "direct_deals":  { "credit": "team" },
              "partner_deals": { "credit": "team", "basis": "net",
                                 "quota_credit": true, "requires_registration": false },
              "rates": { "method": "marginal",
                         "tiers": [ { "from": "0%", "rate": "1%" } ] }
            },
            "sales_director": {
              "direct_deals":  { "credit": "team" },
              "partner_deals": { "credit": "none" },
              "rates": { "method": "marginal",
                         "tiers": [ { "from": "0%", "rate": "0.5%" } ] }
            }
        """
}
