/// The channel-neutrality and eligibility audit of a period and its year to date (SPEC 4.3).
///
/// Built from a payout run made with `details: true`, the plan and the data it was made from;
/// pure: values in, values out. Sample, 2027-10: account A-2017 has direct deal D2710-07 and
/// partner deal D2710-11 in the month (a channel conflict); D2710-11's registration is
/// `rejected`, so the channel manager is not credited on it (a registration exclusion).
public struct AuditReport: Sendable {
    public var planName: String
    public var currency: Currency
    public var period: Period
    public var fiscalYearStart: Period
    /// The period, then the year to date.
    public var sections: [AuditSection]

    /// Builds the audit of the run's period and year to date; each section's findings are
    /// gathered on up to `threads` threads (the same findings on any number).
    ///
    /// `top` > 0: the lists of uncredited deals and registration exclusions — a year of a large
    /// ledger lists hundreds of thousands — and, unless the reader picked one payee
    /// (`onePayee`: the conflicts are filtered by payee before they are folded), the channel
    /// conflicts are folded to their `top` largest rows as they are built, only those rows made
    /// (``AuditSelection/apply(_:verdicts:currency:)`` with the same `top` then shows exactly
    /// what folding the whole lists would).
    public static func build(run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger, threads: Int = 1,
                             top: Int = 0, onePayee: Bool = false) throws(ReportError) -> AuditReport {
        try requireDetails(run)
        var sections: [AuditSection] = []
        for scope in ReportScope.both(run) {
            sections.append(try AuditSection.build(scope: scope, run: run, plan: plan, roster: roster, ledger: ledger,
                                                   threads: threads, top: top, onePayee: onePayee))
        }
        return AuditReport(planName: run.planName, currency: run.currency, period: run.period,
                           fiscalYearStart: run.fiscalYearStart, sections: sections)
    }
}

/// Everything the audit reports for one scope (the period, or the year to date).
public struct AuditSection: Sendable {
    public var scope: ReportScope
    /// People credited on both channels in the scope, by id.
    public var neutrality: [PersonNeutrality]
    /// Deals (bookings) a role credited nobody on, other than for registration, by deal row.
    public var uncredited: [UncreditedDeal]
    /// Partner deals a role with `requires_registration: true` did not credit (registration not approved).
    public var registrationExclusions: [UncreditedDeal]
    /// Direct deals sourced by a partner that pay no referral fee.
    public var unpaidReferrals: [UnpaidReferral]
    /// Accounts with direct and partner bookings in the same month.
    public var channelConflicts: [ChannelConflict]
    /// Partner bookings whose stacked discount was capped at `max_discount`.
    public var maxDiscountHits: [MaxDiscountHit]
    /// Compensation cost as a share of net revenue: direct, partner, then all channels.
    public var cost: [ChannelCost]
    /// The rows lists were folded to when built (0: every row kept), and the notes of those folded.
    public var foldedTop = 0
    public var folded: [AuditPart: FoldNote] = [:]

    static func build(scope: ReportScope, run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger,
                      threads: Int = 1, top: Int = 0, onePayee: Bool = false) throws(ReportError) -> AuditSection {
        // Six independent parts taken by the threads as they finish one, the longest first (as
        // measured at 5 M rows: channel conflicts, pay per channel, capped discounts, the
        // revenue for the cost, uncredited deals, referrals): their costs do not grow alike (at
        // a million rows pay per channel is the largest; at five million the conflicts' sort by
        // account has outgrown it), and fixed halves left a core idle for a second at 5 M rows.
        enum Part: Sendable {
            case people([PersonNeutrality])
            case conflicts(list: [ChannelConflict], note: FoldNote?)
            case missing(uncredited: [UncreditedDeal], registration: [UncreditedDeal], folded: [AuditPart: FoldNote])
            case revenue(ChannelCost.Revenue)
            case capped([MaxDiscountHit])
            case referrals([UnpaidReferral])
        }
        let parts = ParallelMap.map(count: 6, threads: threads) { k in
            Result { () throws(ReportError) -> Part in
                try ReportError.wrap {
                    switch k {
                    case 0:
                        let c = try channelConflicts(scope: scope, run: run, roster: roster, ledger: ledger, top: onePayee ? 0 : top)
                        return .conflicts(list: c.list, note: c.note)
                    case 1: return .people(try ChannelNeutrality.build(run: run, plan: plan, roster: roster, ledger: ledger, scope: scope))
                    case 2: return .capped(try maxDiscountHits(scope: scope, run: run, plan: plan, roster: roster, ledger: ledger))
                    case 3: return .revenue(try ChannelCost.Revenue(run: run, events: scopeEvents(scope, ledger: ledger, plan: plan), ledger: ledger))
                    case 4:
                        let m = try uncreditedDeals(scope: scope, run: run, plan: plan, roster: roster, ledger: ledger, top: top)
                        return .missing(uncredited: m.uncredited, registration: m.registration, folded: m.folded)
                    default: return .referrals(try unpaidReferrals(scope: scope, run: run, plan: plan, roster: roster, ledger: ledger))
                    }
                }
            }
        }
        var section = AuditSection(scope: scope, neutrality: [], uncredited: [], registrationExclusions: [], unpaidReferrals: [],
                                   channelConflicts: [], maxDiscountHits: [], cost: [], foldedTop: top)
        var people: [PersonNeutrality] = []
        var conflictNote: FoldNote? = nil
        // Read in the order the parts were made in before they were scheduled apart (pay per
        // channel, its cost, then the findings about rows), so that of two failures the same one
        // is reported.
        for k in [1, 3, 4, 5, 0, 2] {
            switch try parts[k].get() {
            case .people(let p):
                people = p
                section.neutrality = p.filter(\.onBothChannels)
            case .revenue(let revenue):
                section.cost = try ReportError.wrap { try ChannelCost.build(scope: scope, run: run, people: people, revenue: revenue, plan: plan) }
            case .conflicts(let list, let note): section.channelConflicts = list; conflictNote = note
            case .missing(let uncredited, let registration, let folded):
                section.uncredited = uncredited
                section.registrationExclusions = registration
                section.folded = folded
            case .capped(let hits): section.maxDiscountHits = hits
            case .referrals(let referrals): section.unpaidReferrals = referrals
            }
        }
        section.folded = section.folded.merging(conflictNote.map { [.conflict: $0] } ?? [:]) { a, _ in a }
        return section
    }

    // MARK: Deals nobody of a role was credited on

    /// The deals a role credited nobody on in the scope, by deal row then role name: those for
    /// registration apart; each list folded to its `top` largest bases when `top` > 0, only the
    /// rows kept made (the basis of every row is read to rank and sum them).
    static func uncreditedDeals(scope: ReportScope, run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger,
                                top: Int = 0) throws -> (uncredited: [UncreditedDeal], registration: [UncreditedDeal],
                                                         folded: [AuditPart: FoldNote]) {
        // Sorted (by row, then role) before the findings are made: sorting the made findings
        // moved large values.
        let first = scope.first.index, last = scope.last.index
        // Roles in the order of their names (equal names, equal rank), so that sorting compares
        // two numbers, not two strings retained and released per comparison on both threads.
        let names = plan.roles.map(\.name)
        let order = names.indices.sorted { names[$0] < names[$1] }
        var rank = [Int](repeating: 0, count: names.count)
        for (k, role) in order.enumerated() {
            rank[role] = k > 0 && names[role] == names[order[k - 1]] ? rank[order[k - 1]] : k
        }
        let (entries, channels) = ledger.store.records.withUnsafeBufferPointer { records in
            let entries = run.uncredited
                .filter { (first...last).contains(records[$0.booking.offset].periodIndex) && names.indices.contains($0.role) }
                .sorted { a, b in
                    let la = records[a.booking.offset].sourceLine, lb = records[b.booking.offset].sourceLine
                    return la != lb ? la < lb : rank[a.role] < rank[b.role]
                }
            return (entries, entries.map { records[$0.booking.offset].channel })
        }
        let pricedLines = run.priced.reader()
        // Per role and channel, not per finding (a year can list a quarter of a million): the
        // rule, and the words for a registration that is not approved.
        let rules = plan.roles.map { role in Channel.allCases.map { role.rule(for: $0) } }
        var registrationWords: [Registration: String] = [:]
        // Each row's basis (what a fold ranks and sums), without making the row.
        func basis(_ k: Int) throws -> (Money, BasisKind, Channel) {
            let entry = entries[k]
            let channel = channels[k]
            guard let priced = pricedLines.amounts(entry.booking) else { throw ReportError.detailsMissing }
            let rule = rules[entry.role][channel == .direct ? 0 : 1]
            let kind: BasisKind = channel == .direct ? .revenue : (rule.basis == .net ? .net : .gross)
            return (kind == .gross ? priced.gross : priced.net, kind, channel)
        }
        let zero = Money.zero(run.currency)
        var kept = [Bool](repeating: true, count: entries.count)
        var folded: [AuditPart: FoldNote] = [:]
        if top > 0 {
            for (part, registration) in [(AuditPart.uncredited, false), (.registration, true)] {
                let rows = entries.indices.filter { (entries[$0].reason == .registrationNotApproved) == registration }
                guard rows.count > top else { continue }
                let amounts = try rows.map { try basis($0).0 }
                let (shown, note) = try AuditSelection.fold(top: top, keys: amounts.map(\.amount.magnitude), amounts: amounts,
                                                            measure: "basis", zero: zero)
                for r in rows { kept[r] = false }
                for k in shown { kept[rows[k]] = true }
                folded[part] = note
            }
        }
        var uncredited: [UncreditedDeal] = [], registrationExclusions: [UncreditedDeal] = []
        for (k, entry) in entries.enumerated() where kept[k] {
            let b = ledger.bookings.view(entry.booking)
            let (amount, kind, channel) = try basis(k)
            let rule = rules[entry.role][channel == .direct ? 0 : 1]
            let words: String
            if entry.reason == .registrationNotApproved {
                let registration = b.registration
                if let known = registrationWords[registration] {
                    words = known
                } else {
                    words = reasonText(entry.reason, booking: b, role: plan.roles[entry.role], roleIndex: entry.role, roster: roster)
                    registrationWords[registration] = words
                }
            } else {
                words = reasonText(entry.reason, booking: b, role: plan.roles[entry.role], roleIndex: entry.role, roster: roster)
            }
            let deal = UncreditedDeal(
                ref: .booking(entry.booking, ledger: ledger), date: b.date, channel: channel,
                partner: partnerID(b.partner, roster), account: b.account, territory: b.territory,
                role: plan.roles[entry.role].name, rule: rule.keyPath, reason: entry.reason, reasonText: words,
                registration: b.registration, basisKind: kind, basis: amount)
            if entry.reason == .registrationNotApproved { registrationExclusions.append(deal) } else { uncredited.append(deal) }
        }
        return (uncredited, registrationExclusions, folded)
    }

    /// Why nobody was credited, in words.
    ///
    /// `.noTerritoryOwner` on a deal in ISLANDS for `direct_rep` → "no direct_rep owns territory ISLANDS".
    static func reasonText(_ reason: NoCreditReason, booking b: BookingView, role: Role, roleIndex: Int, roster: Roster) -> String {
        switch reason {
        case .registrationNotApproved:
            return "registration \(b.registration.rawValue); the rule requires approved"
        case .noTerritoryOwner:
            return b.territory.isEmpty ? "the deal has no territory" : "no \(role.name) owns territory \(b.territory)"
        case .noManager:
            guard let p = b.partner else { return "the deal names no partner" }
            let partner = roster.partners[p]
            guard let row = partner.row(on: b.date) else { return "partner \(partner.id) has no row in effect on \(b.date)" }
            guard let m = row.manager else { return "partner \(partner.id) has no manager" }
            guard roster.people[m].row(on: b.date) != nil else {
                return "partner \(partner.id)'s manager \(roster.people[m].id) has no row in effect on \(b.date)"
            }
            return "partner \(partner.id)'s manager \(roster.people[m].id) is not a \(role.name)"
        case .nobodyNamed:
            return "reps names no \(role.name)"
        case .nobodyAbove:
            return "no \(role.name) is above the people credited on \(b.date)"
        }
    }

    // MARK: Referrals without approval

    static func unpaidReferrals(scope: ReportScope, run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger) throws -> [UnpaidReferral] {
        var out: [UnpaidReferral] = []
        let records = ledger.store.records
        let first = scope.first.index, last = scope.last.index
        let pricedLines = run.priced.reader()
        for k in records.indices {
            // Tested on the record; a view is made for the few rows listed.
            let r = records[k]
            guard !r.isPartnerChannel, r.sourcedBy == .partner, (first...last).contains(r.periodIndex),
                  r.partnerIndex == nil || !r.isApproved else { continue }
            let b = ledger.bookings.view(BookingIndex(k))
            let i = b.index
            guard let priced = pricedLines.amounts(i) else { throw ReportError.detailsMissing }
            var fee: Money? = nil
            let reason: String
            if b.partner == nil {
                reason = "sourced_by=partner but no partner named: no fee"
            } else {
                reason = "registration \(b.registration.rawValue): no fee (partners.referral_fee needs approved)"
                fee = try priced.net.multiplied(by: plan.partnerProgram.referralFee).rounded(plan.rounding)
            }
            out.append(UnpaidReferral(ref: .booking(i, ledger: ledger), date: b.date, account: b.account,
                                      partner: partnerID(b.partner, roster), registration: b.registration,
                                      revenue: priced.net, feeNotPaid: fee, reason: reason))
        }
        return out.sorted { $0.ref.sourceLine < $1.ref.sourceLine }
    }

    // MARK: Channel conflicts

    /// Accounts with direct and partner bookings in one month of the scope, by month then
    /// account; folded to the `top` largest (direct S + partner N) when `top` > 0 — the sums of
    /// every conflict are read to rank them, only the kept conflicts' deals are made.
    static func channelConflicts(scope: ReportScope, run: PayoutRun, roster: Roster, ledger: Ledger,
                                 top: Int = 0) throws -> (list: [ChannelConflict], note: FoldNote?) {
        // Accounts as groups of equal accounts (``AccountGroups``), months as offsets into the
        // scope: the channels seen per (account, month) are two bits in one flat array, then
        // only the rows of the few keys that saw both are listed.
        let months = scope.last.index - scope.first.index + 1
        let first = scope.first.index, last = scope.last.index
        // The loops read the records and groups through their buffers: on two threads, an
        // array retained and released per row by both counts on one cache line.
        var groups: [Int: [BookingIndex]] = [:]
        ledger.store.records.withUnsafeBufferPointer { records in
            let accounts = AccountGroups(ledger) { (first...last).contains(records[$0].periodIndex) }
            accounts.group.withUnsafeBufferPointer { group in
                func slot(_ i: Int) -> Int { Int(group[i]) * months + (records[i].periodIndex - first) }
                var channels = [UInt8](repeating: 0, count: accounts.count * months)
                channels.withUnsafeMutableBufferPointer { channels in
                    for i in records.indices where group[i] != AccountGroups.excluded {
                        channels[slot(i)] |= records[i].isPartnerChannel ? 2 : 1
                    }
                    for i in group.indices where group[i] != AccountGroups.excluded {
                        let key = slot(i)
                        if channels[key] == 3 { groups[key, default: []].append(BookingIndex(i)) }
                    }
                }
            }
        }
        let priced = run.priced.reader()
        let zero = Money.zero(run.currency)
        // Each conflict's rows (in file order), account, month and sums, before any deal is made.
        var found: [(rows: [BookingIndex], account: String, month: Period, directRevenue: Money, partnerNet: Money)] = []
        found.reserveCapacity(groups.count)
        // Rows' lines and channels from the records' buffer (a booking view copies the store,
        // retaining each of its arrays, per row).
        try ledger.store.records.withUnsafeBufferPointer { records in
            for indices in groups.values {
                let sorted = indices.sorted(by: { records[$0.offset].sourceLine < records[$1.offset].sourceLine })
                // The group's account as first written in the file, and the month the slot stands for.
                let firstRow = ledger.bookings.view(sorted[0])
                var directRevenue = zero, partnerNet = zero
                for i in sorted {
                    guard let priced = priced.amounts(i) else { throw ReportError.detailsMissing }
                    if records[i.offset].isPartnerChannel {
                        partnerNet = try partnerNet + priced.net
                    } else {
                        directRevenue = try directRevenue + priced.net
                    }
                }
                found.append((sorted, firstRow.account, firstRow.date.period, directRevenue, partnerNet))
            }
        }
        found.sort { a, b in
            if a.month != b.month { return a.month < b.month }
            return a.account.utf8.lexicographicallyPrecedes(b.account.utf8)
        }
        let totals = try found.map { try $0.directRevenue + $0.partnerNet }
        let (kept, note) = try AuditSelection.fold(top: top, keys: totals.map(\.amount.magnitude), amounts: totals,
                                                   measure: "direct S + partner N", zero: zero)
        var out: [ChannelConflict] = []
        out.reserveCapacity(kept.count)
        for k in kept {
            let f = found[k]
            var conflict = ChannelConflict(account: f.account, month: f.month, direct: [], partner: [],
                                           directRevenue: f.directRevenue, partnerNet: f.partnerNet)
            for i in f.rows {
                let b = ledger.bookings.view(i)
                guard let priced = priced.amounts(i) else { throw ReportError.detailsMissing }
                let deal = ConflictDeal(ref: .booking(i, ledger: ledger), date: b.date, territory: b.territory,
                                        partner: partnerID(b.partner, roster),
                                        reps: b.reps.map { roster.people[$0.person].id.rawValue }, net: priced.net)
                if b.channel == .direct { conflict.direct.append(deal) } else { conflict.partner.append(deal) }
            }
            out.append(conflict)
        }
        return (out, note)
    }

    // MARK: Discounts capped at max_discount

    static func maxDiscountHits(scope: ReportScope, run: PayoutRun, plan: Plan, roster: Roster, ledger: Ledger) throws -> [MaxDiscountHit] {
        var out: [MaxDiscountHit] = []
        let records = ledger.store.records
        let first = scope.first.index, last = scope.last.index
        let pricedLines = run.priced.reader()
        for k in records.indices where records[k].isPartnerChannel && (first...last).contains(records[k].periodIndex) {
            let i = BookingIndex(k)
            // Most partner rows are under the cap: asked without pricing them in full.
            guard pricedLines.discountCapped(i) != false else { continue }
            guard let priced = pricedLines.line(i) else { throw ReportError.detailsMissing }
            guard let parts = priced.discountParts, parts.capped else { continue }
            let b = ledger.bookings.view(i)
            let uncappedDiscount = try priced.list.multiplied(by: parts.uncapped).rounded(plan.rounding)
            out.append(MaxDiscountHit(
                ref: .booking(i, ledger: ledger), date: b.date, partner: partnerID(b.partner, roster) ?? "",
                level: parts.level.map { plan.partnerProgram.levels[$0].name }, levelDiscount: parts.levelDiscount,
                upfrontDiscount: parts.upfrontDiscount, registrationDiscount: parts.registrationDiscount,
                uncapped: parts.uncapped, applied: parts.rate, list: priced.list, discount: priced.discount,
                net: priced.net, discountAboveCap: try uncappedDiscount - priced.discount))
        }
        return out.sorted { $0.ref.sourceLine < $1.ref.sourceLine }
    }
}

func partnerID(_ index: PartnerIndex?, _ roster: Roster) -> String? {
    guard let index, roster.partners.indices.contains(index.offset) else { return nil }
    return roster.partners[index].id.rawValue
}

/// A booking a role credited nobody on, and why.
///
/// D2703-10 (SEAT 100.5, P-ECHO, ISLANDS) under `direct_rep`: no direct_rep owns territory
/// ISLANDS; the role would have been credited N 3212.80 in total.
public struct UncreditedDeal: Sendable {
    public var ref: DealRef
    public var date: CivilDate
    public var channel: Channel
    public var partner: String?
    public var account: String
    public var territory: String
    public var role: String
    /// The plan rule that credited nobody: `roles.direct_rep.partner_deals`.
    public var rule: String
    public var reason: NoCreditReason
    public var reasonText: String
    public var registration: Registration
    public var basisKind: BasisKind
    /// What the role would have been credited in total (S, N or G per the rule).
    public var basis: Money
}

/// A direct deal sourced by a partner that pays no referral fee.
///
/// D2708-02 (P-BEACON, registration pending, S 12000.00): no fee; 10 % would have been 1200.00.
public struct UnpaidReferral: Sendable {
    public var ref: DealRef
    public var date: CivilDate
    public var account: String
    public var partner: String?
    public var registration: Registration
    /// S of the deal.
    public var revenue: Money
    /// round(referral_fee × S) had the registration been approved; nil without a partner.
    public var feeNotPaid: Money?
    public var reason: String
}

/// An account with direct and partner bookings in the same month (a potential channel conflict).
///
/// A-2017 in 2027-10: direct D2710-07 (bob) and partner D2710-11 (P-ATLAS).
public struct ChannelConflict: Sendable {
    public var account: String
    public var month: Period
    public var direct: [ConflictDeal]
    public var partner: [ConflictDeal]
    /// Σ S of the direct bookings.
    public var directRevenue: Money
    /// Σ N of the partner bookings.
    public var partnerNet: Money
}

/// One booking of a channel conflict.
public struct ConflictDeal: Sendable {
    public var ref: DealRef
    public var date: CivilDate
    public var territory: String
    public var partner: String?
    /// People named in `reps`.
    public var reps: [String]
    /// S (direct) or N (partner).
    public var net: Money
}

/// A partner booking whose stacked discount was capped at `max_discount`.
///
/// D2708-09 (P-ATLAS, Gold 30 % + upfront 5 % + registration 10 % = 45 % → 40 %): L 90000.00,
/// D 36000.00, N 54000.00; 4500.00 of discount above the cap not given.
public struct MaxDiscountHit: Sendable {
    public var ref: DealRef
    public var date: CivilDate
    public var partner: String
    public var level: String?
    public var levelDiscount: Rate
    public var upfrontDiscount: Rate
    public var registrationDiscount: Rate
    public var uncapped: Rate
    public var applied: Rate
    public var list: Money
    public var discount: Money
    public var net: Money
    /// round(L × uncapped) − D.
    public var discountAboveCap: Money
}

/// Compensation cost of one channel (or all) as a share of its net revenue.
///
/// Direct: net revenue (Σ S, clawbacks subtracted) 1000000.00; people's pay attributable to
/// direct lines 52000.00 + referral fees 3600.00 = 55600.00 → share 0.0556 (5.56 %).
public struct ChannelCost: Sendable {
    /// nil: all channels.
    public var channel: Channel?
    /// Σ S of direct bookings or Σ N of partner bookings in the scope, clawbacks subtracted.
    public var netRevenue: Money
    /// Pay attributable to people on this channel's lines (``PersonNeutrality``), rounded to the
    /// minor unit: the all-channels total is rounded once, direct is rounded, partner is the
    /// total less direct, so the rows add up (over the year to date the total is Σ earned_ytd).
    public var peoplePay: Money
    /// Referral fees (direct deals) or rebates earned in the scope (partner deals).
    public var partnerPay: Money
    public var totalCost: Money
    /// totalCost ÷ netRevenue, 4 places; nil when the revenue is zero.
    public var share: ExactRatio?

    /// `sum` plus `amount` (minus it when `negated`: a clawback), overflow reported.
    ///
    ///     add(1000, 250, negated: true) == 750
    static func add(_ sum: Int128, _ amount: Int128, negated: Bool) throws(NumericError) -> Int128 {
        let (result, overflow) = negated ? sum.subtractingReportingOverflow(amount) : sum.addingReportingOverflow(amount)
        if overflow { throw NumericError.overflow(operation: negated ? "subtract" : "add", operands: ["\(sum)", "\(amount)"]) }
        return result
    }

    /// Direct, partner, and all channels.
    ///
    /// People's pay is attributed with the YTD effective rate (``PersonNeutrality``); rebates
    /// count in the scope holding their quarter's last month; referral fees with their booking
    /// (reversed with a clawback).
    static func build(scope: ReportScope, run: PayoutRun, people: [PersonNeutrality], events: [ScopeEvent],
                      ledger: Ledger, plan: Plan) throws -> [ChannelCost] {
        try build(scope: scope, run: run, people: people, revenue: try Revenue(run: run, events: events, ledger: ledger), plan: plan)
    }

    /// The scope's net revenue per channel and its referral fees, in minor units: the part of the
    /// cost that reads every event. It does not depend on people's pay, so a report can gather
    /// it while the pay per channel is being worked out.
    ///
    /// Example: a direct booking with S = 1,000.00 and a 50.00 fee, its clawback, and a partner
    /// booking with N = 800.00 → direct 0, partner 80000, fees 0 (cents).
    struct Revenue: Sendable {
        /// Σ S of direct events, Σ N of partner events, Σ referral fees of direct events (clawbacks subtracted).
        var direct: Int128 = 0
        var partner: Int128 = 0
        var fees: Int128 = 0

        init(run: PayoutRun, events: [ScopeEvent], ledger: Ledger) throws {
            // Summed in minor units, as the pricer keeps them (a Money per event and sum costs an
            // allocation-free but reference-counted value each: a tenth of a million-row audit).
            let pricedLines = run.priced.reader()
            let records = ledger.store.records
            for e in events {
                guard let priced = pricedLines.minorAmounts(e.booking) else { throw ReportError.detailsMissing }
                if records[e.booking.offset].isPartnerChannel {
                    partner = try ChannelCost.add(partner, priced.net, negated: e.isClawback)
                } else {
                    direct = try ChannelCost.add(direct, priced.net, negated: e.isClawback)
                    fees = try ChannelCost.add(fees, priced.referralFee, negated: e.isClawback)
                }
            }
        }
    }

    /// Direct, partner, and all channels, from the scope's `revenue` and the people's pay.
    static func build(scope: ReportScope, run: PayoutRun, people: [PersonNeutrality], revenue sums: Revenue,
                      plan: Plan) throws -> [ChannelCost] {
        let zero = Money.zero(run.currency)
        let minorScale = UInt8(run.currency.minorUnits)
        let revenue = [sums.direct, sums.partner].map { Money(ExactDecimal(unchecked: $0, minorScale), run.currency) }
        let fees = Money(ExactDecimal(unchecked: sums.fees, minorScale), run.currency)
        var pay = [ExactDecimal.zero, ExactDecimal.zero]
        for p in people {
            pay[0] = try pay[0].adding(p.direct.pay)
            pay[1] = try pay[1].adding(p.partner.pay)
        }
        var rebates = zero
        for partner in run.partners {
            for q in partner.quarters where q.ended && scope.contains(q.start.advanced(by: 2)) {
                rebates = try rebates + q.rebate
            }
        }
        func row(_ channel: Channel?, _ revenue: Money, _ peoplePay: Money, _ partner: Money) throws -> ChannelCost {
            let total = try peoplePay + partner
            let share = try ExactRatio(total.amount, revenue.amount)
            return ChannelCost(channel: channel, netRevenue: revenue, peoplePay: peoplePay, partnerPay: partner,
                               totalCost: total, share: share)
        }
        // The people total is rounded once; direct is rounded, partner is the rest, so the channels
        // add up to the total (over the year to date: Σ earned_ytd).
        let allPay = try Money(pay[0].adding(pay[1]), run.currency).rounded(plan.rounding)
        let directPay = try Money(pay[0], run.currency).rounded(plan.rounding)
        let direct = try row(.direct, revenue[0], directPay, fees)
        let partner = try row(.partner, revenue[1], try allPay - directPay, rebates)
        let all = try row(nil, try revenue[0] + revenue[1], allPay, try fees + rebates)
        return [direct, partner, all]
    }
}
