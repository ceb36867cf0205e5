@testable import ChannelComp

/// A plan with a tiered direct_rep and channel_manager (SPEC 2.5) and a rate-less `director`
/// role, for roster tests (a role's rates only matter for "quota required").
func rosterPlan(fiscalYearStartMonth: Int? = nil) throws -> Plan {
    var text = PlanText()
    text.fiscalYearStartMonth = fiscalYearStartMonth
    text.roles = PlanText.standardRoles + """
        ,
        "director": {
          "direct_deals": { "credit": "none" },
          "partner_deals": { "credit": "none" }
        }
        """
    return try text.load()
}

/// Loads people.csv and partners.csv text; returns the roster and every diagnostic.
func loadRoster(people: String, partners: String? = nil, plan: Plan? = nil) throws -> (Roster, DiagnosticList) {
    RosterLoader.load(peopleFile: "people.csv", peopleBytes: Array(people.utf8),
                      partnersFile: "partners.csv", partnersBytes: partners.map { Array($0.utf8) },
                      plan: try plan ?? rosterPlan())
}

/// A date from `YYYY-MM-DD` (tests only: traps on a typo).
func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

extension Roster {
    func index(of person: String) -> PersonIndex { personIndex[person]! }
    /// The ids of the chain above `person` on `date`.
    func chain(above person: String, on date: String) -> [String] {
        managerChain(above: index(of: person), onPacked: day(date).packed).map { people[$0].id.rawValue }
    }
    func owner(_ territory: String, role: String, on date: String, plan: Plan) -> String? {
        territoryOwner(role: plan.roleIndex(named: role)!, territory: territory, onPacked: day(date).packed)
            .map { people[$0].id.rawValue }
    }
}
