/// The priced amounts of one booking line (SPEC 3.2).
///
/// SPEC 7, D2: 150 SEAT (graduated: 100 × 40 + 50 × 32), Bronze 20 % + upfront 5 % +
/// registration 10 % = 35 % → L 5600.00, D 1960.00, N 3640.00, G 5600.00.
public struct PricedLine: Sendable {
    /// Index into ``Ledger/bookings``.
    public var booking: Int
    /// List amount L.
    public var list: Money
    /// Direct deals: revenue S (net = gross = S). Partner deals: the gross G.
    public var gross: Money
    /// What the company books: S on direct deals, N on partner deals.
    public var net: Money
    /// Partner deals: the discount D = round(L × d); zero on direct deals.
    public var discount: Money
    /// Partner deals: how the discount rate was made.
    public var discountParts: DiscountParts?
    /// Direct referral deals: the fee owed to the referring partner (zero otherwise).
    public var referralFee: Money
}

/// The components of a partner discount rate and the cap applied to them.
///
/// Gold 30 % + upfront 5 % + registration 10 % = 45 %, capped at 40 % → `rate` 40 %, `capped` true.
public struct DiscountParts: Sendable {
    /// Index into the plan's levels, nil when no level qualifies (discount 0).
    public var level: Int?
    /// True when the level is fixed in partners.csv.
    public var levelFixed: Bool
    /// The trailing list volume the level was chosen on (zero for fixed levels).
    public var trailingVolume: ExactDecimal
    public var levelDiscount: Rate
    public var upfrontDiscount: Rate
    public var registrationDiscount: Rate
    /// The stacked rate before the cap.
    public var uncapped: Rate
    /// The applied rate d = min(max_discount, uncapped).
    public var rate: Rate
    public var capped: Bool
}

/// List amounts from a price book (SPEC 3.2 step 1, SPEC 6 "Pricing and levels").
///
/// SEAT (≤ 100 at 40.00, then 32.00): graduated 100.5 units → 100 × 40 + 0.5 × 32 = 4016.00;
/// volume 101 units → 101 × 32 = 3232.00; volume 100 units → 100 × 40 = 4000.00.
public enum PriceBook {
    /// The exact (unrounded) list amount of `quantity` units.
    public static func exactList(_ schedule: PriceSchedule, quantity: ExactDecimal) throws(PricingError) -> ExactDecimal {
        do {
            switch schedule.mode {
            case .volume:
                guard let tier = schedule.tiers.first(where: { $0.upTo == nil || quantity <= $0.upTo! }) else {
                    throw PricingError.quantityAboveLastTier
                }
                return try quantity.multiplied(by: tier.unitPrice)
            case .graduated:
                var total = ExactDecimal.zero
                var lower = ExactDecimal.zero
                for tier in schedule.tiers {
                    guard quantity > lower else { break }
                    let upper = tier.upTo.map { min($0, quantity) } ?? quantity
                    let units = try upper.subtracting(lower)
                    total = try total.adding(units.multiplied(by: tier.unitPrice))
                    guard let bound = tier.upTo else { lower = quantity; break }
                    lower = bound
                }
                if quantity > lower { throw PricingError.quantityAboveLastTier }
                return total
            }
        } catch let e as PricingError {
            throw e
        } catch let e as NumericError {
            throw PricingError.arithmetic(e)
        } catch {
            throw PricingError.quantityAboveLastTier
        }
    }
}

/// Why a booking line could not be priced.
public enum PricingError: Error, Sendable, CustomStringConvertible {
    case quantityAboveLastTier
    case arithmetic(NumericError)
    public var description: String {
        switch self {
        case .quantityAboveLastTier: return "quantity is above the price book's last tier"
        case .arithmetic(let e): return "\(e)"
        }
    }
}

/// Prices booking lines: list, revenue, partner level and discount stack, net, gross, referral fee.
public struct Pricer: Sendable {
    public let plan: Plan
    public let roster: Roster
    public let ledger: Ledger
    /// Partner list volume per month index (bookings minus clawed-back cancellations).
    let volumes: PartnerVolumes
    /// Exact list amount per booking, rounded (L).
    public let lists: [Money]

    /// Computes list amounts and the partner volume history; throws located diagnostics.
    public init(plan: Plan, roster: Roster, ledger: Ledger) throws(InputError) {
        self.plan = plan
        self.roster = roster
        self.ledger = ledger
        var lists: [Money] = []
        lists.reserveCapacity(ledger.bookings.count)
        var problems: [Diagnostic] = []
        for b in ledger.bookings {
            do {
                lists.append(try Pricer.listAmount(b, plan: plan))
            } catch {
                problems.append(Diagnostic(file: ledger.file, line: b.sourceLine, field: "column 'quantity'",
                                           message: "cannot price deal \(quoted(b.deal.rawValue)) line \(b.line): \(error)"))
                lists.append(Money.zero(plan.currency))
            }
        }
        if !problems.isEmpty { throw InputError(.invalidData, problems) }
        self.lists = lists
        self.volumes = PartnerVolumes(plan: plan, ledger: ledger, lists: lists)
    }

    /// L = round(quantity × unit_list_price), or the price book's exact amount rounded once.
    static func listAmount(_ b: Booking, plan: Plan) throws -> Money {
        let exact: ExactDecimal
        if let schedule = plan.priceBook[b.product] {
            exact = try PriceBook.exactList(schedule, quantity: b.quantity)
        } else {
            exact = try b.quantity.multiplied(by: b.unitListPrice ?? .zero)
        }
        return try Money(exact, plan.currency).rounded(plan.rounding)
    }

    /// Whether a cancellation claws its booking back (SPEC 6: day N in, day N+1 out).
    public static func isClawedBack(_ c: Cancellation, ledger: Ledger, plan: Plan) -> Bool {
        guard plan.clawbackDays > 0 else { return false }
        let days = c.date.dayNumber - ledger.bookings[c.booking].date.dayNumber
        return days <= plan.clawbackDays
    }

    /// Prices one booking line.
    public func price(_ index: Int) throws(InputError) -> PricedLine {
        let b = ledger.bookings[index]
        do {
            return try priceUnchecked(index)
        } catch {
            throw InputError(.invalidData, [Diagnostic(file: ledger.file, line: b.sourceLine,
                message: "cannot price deal \(quoted(b.deal.rawValue)) line \(b.line): \(error)")])
        }
    }

    func priceUnchecked(_ index: Int) throws(NumericError) -> PricedLine {
        let b = ledger.bookings[index]
        let currency = plan.currency
        let rounding = plan.rounding
        let list = lists[index]
        let zero = Money.zero(currency)
        let customer: Money = try b.salePrice.map { p throws(NumericError) in
            try Money(b.quantity.multiplied(by: p), currency).rounded(rounding)
        } ?? list
        switch b.channel {
        case .direct:
            var fee = zero
            let program = plan.partnerProgram
            if b.sourcedBy == .partner, b.partner != nil, b.registration == .approved {
                fee = try customer.multiplied(by: program.referralFee).rounded(rounding)
            }
            return PricedLine(booking: index, list: list, gross: customer, net: customer, discount: zero,
                              discountParts: nil, referralFee: fee)
        case .partner:
            let parts = try discountParts(b)
            let discount = try list.multiplied(by: parts.rate).rounded(rounding)
            let net = try list - discount
            return PricedLine(booking: index, list: list, gross: customer, net: net, discount: discount,
                              discountParts: parts, referralFee: zero)
        }
    }

    /// d = min(max_discount, level + upfront·[upfront] + registration·[approved]).
    func discountParts(_ b: Booking) throws(NumericError) -> DiscountParts {
        let program = plan.partnerProgram
        var level: Int? = nil
        var fixed = false
        var trailing = ExactDecimal.zero
        if let p = b.partner, let f = roster.partners[Int(p)].fixedLevel {
            level = f
            fixed = true
        } else if let p = b.partner {
            trailing = try volumes.trailing(partner: p, before: b.date.period, months: program.trailingMonths)
            level = Pricer.level(for: trailing, levels: program.levels)
        }
        let levelRate = level.map { program.levels[$0].discount } ?? .zero
        let upfront = b.purchase == .upfront ? program.upfrontDiscount : .zero
        let registration = b.registration == .approved ? program.registrationDiscount : .zero
        let uncapped = try levelRate + upfront + registration
        var rate = uncapped
        var capped = false
        if let cap = program.maxDiscount, uncapped > cap {
            rate = cap
            capped = true
        }
        return DiscountParts(level: level, levelFixed: fixed, trailingVolume: trailing, levelDiscount: levelRate,
                             upfrontDiscount: upfront, registrationDiscount: registration,
                             uncapped: uncapped, rate: rate, capped: capped)
    }

    /// The qualifying level with the largest minimum ≤ volume; nil when none (SPEC 6).
    public static func level(for volume: ExactDecimal, levels: [PartnerLevel]) -> Int? {
        var best: Int? = nil
        for (i, l) in levels.enumerated() where l.minTrailingList <= volume {
            if best == nil || l.minTrailingList > levels[best!].minTrailingList { best = i }
        }
        return best
    }

    /// The trailing list volume of a partner for a deal in `period` (months m−T … m−1).
    public func trailingVolume(partner: Int32, period: Period) throws(NumericError) -> ExactDecimal {
        try volumes.trailing(partner: partner, before: period, months: plan.partnerProgram.trailingMonths)
    }
}

/// Partner-channel list volume per partner and month: bookings minus clawed-back cancellations.
///
/// P1 books L 100000.00 in 2026-12 and a clawed-back cancellation of 40000.00 lands in
/// 2027-01: trailing volume for a deal in 2027-02 (T = 12) is 100000 − 40000 = 60000.
struct PartnerVolumes: Sendable {
    /// partner → (month index → volume)
    var byPartner: [Int32: [Int: ExactDecimal]] = [:]
    /// partner → running totals over its months, for O(1) trailing sums: `cumulative[k]` is the
    /// volume of months `firstMonth … firstMonth + k`.
    var running: [Int32: (firstMonth: Int, cumulative: [ExactDecimal])] = [:]

    init(plan: Plan, ledger: Ledger, lists: [Money]) {
        for (i, b) in ledger.bookings.enumerated() where b.channel == .partner {
            guard let p = b.partner else { continue }
            let m = b.date.period.index
            let current = byPartner[p]?[m] ?? .zero
            // Amounts are bounded (< 10^13 per input) so sums of any ledger fit: `?? current` is unreachable.
            byPartner[p, default: [:]][m] = (try? current.adding(lists[i].amount)) ?? current
        }
        for c in ledger.cancellations where Pricer.isClawedBack(c, ledger: ledger, plan: plan) {
            let b = ledger.bookings[c.booking]
            guard b.channel == .partner, let p = b.partner else { continue }
            let m = c.date.period.index
            let current = byPartner[p]?[m] ?? .zero
            byPartner[p, default: [:]][m] = (try? current.subtracting(lists[c.booking].amount)) ?? current
        }
        for (partner, months) in byPartner {
            guard let first = months.keys.min(), let last = months.keys.max() else { continue }
            var cumulative: [ExactDecimal] = []
            cumulative.reserveCapacity(last - first + 1)
            var sum = ExactDecimal.zero
            for m in first...last {
                if let v = months[m] { sum = (try? sum.adding(v)) ?? sum }
                cumulative.append(sum)
            }
            running[partner] = (first, cumulative)
        }
    }

    /// Volume of months `m − months … m − 1`: two running totals subtracted.
    func trailing(partner: Int32, before period: Period, months: Int) throws(NumericError) -> ExactDecimal {
        guard months > 0, let r = running[partner] else { return .zero }
        let m = period.index
        func total(through month: Int) -> ExactDecimal {
            let k = month - r.firstMonth
            if k < 0 { return .zero }
            return r.cumulative[min(k, r.cumulative.count - 1)]
        }
        return try total(through: m - 1).subtracting(total(through: m - months - 1))
    }
}
