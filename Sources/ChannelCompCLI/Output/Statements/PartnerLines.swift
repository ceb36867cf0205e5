import ChannelComp

/// One of a partner's deal lines in a statement: a partner-channel booking dated in the
/// period, or the clawback of one, with the priced amounts of the run.
///
/// D2706-04 line 1 (P-CEDAR, Silver, upfront, approved): L 20000.00, 25 % + 5 % + 10 % = 40 %
/// (exactly the cap, not over it), D 8000.00, N 12000.00.
struct PartnerDealRow: DealLineRow {
    var booking: Booking
    var priced: PricedLine
    var cancellation: Cancellation?

    /// The partner's bookings and clawbacks dated in the run's period, each by date, deal, line.
    static func rows(of p: PartnerPayout, _ ctx: StatementContext) -> (bookings: [PartnerDealRow], clawbacks: [PartnerDealRow]) {
        let mine = p.index
        var bookings: [PartnerDealRow] = []
        // Rows are picked by their record's fields (a view); only those shown are made whole.
        for index in ctx.periodBookingsByPartner[mine.offset].map { BookingIndex($0) } {
            guard let v = ctx.view(index), v.channel == .partner, let priced = ctx.run.priced[index] else { continue }
            bookings.append(PartnerDealRow(booking: v.booking, priced: priced, cancellation: nil))
        }
        var clawbacks: [PartnerDealRow] = []
        for c in ctx.periodClawbacks {
            guard let v = ctx.view(c.booking), v.channel == .partner, v.partner == mine,
                  let priced = ctx.run.priced[c.booking] else { continue }
            clawbacks.append(PartnerDealRow(booking: v.booking, priced: priced, cancellation: c))
        }
        return (bookings.sorted(by: dealLineOrder), clawbacks.sorted(by: dealLineOrder))
    }

    static func columns(clawback: Bool) -> [StatementTable.Column] {
        var c: [StatementTable.Column] = [.init(title: "deal"), .init(title: "line", numeric: true)]
        c += clawback ? [.init(title: "booked"), .init(title: "cancelled")] : [.init(title: "date")]
        c += [.init(title: "account"), .init(title: "product"), .init(title: "quantity", numeric: true),
              .init(title: "list L", numeric: true), .init(title: "level"), .init(title: "upfront"),
              .init(title: "registration"), .init(title: "cap"), .init(title: "discount d", numeric: true),
              .init(title: "discount D", numeric: true), .init(title: "net N", numeric: true)]
        return c
    }

    /// Totals of L, D and N under their columns.
    static func footer(_ rows: [PartnerDealRow], columns: [StatementTable.Column], _ ctx: StatementContext) -> [String] {
        var footer = [String](repeating: "", count: columns.count)
        let n = columns.count
        footer[0] = "total"
        footer[n - 8] = StatementFormat.money(StatementFormat.sum(rows.map(\.list), ctx.currency))
        footer[n - 2] = StatementFormat.money(StatementFormat.sum(rows.map(\.discount), ctx.currency))
        footer[n - 1] = StatementFormat.money(StatementFormat.sum(rows.map(\.net), ctx.currency))
        return footer
    }

    /// A clawback shows the booking's own amounts with the opposite sign.
    func signed(_ m: Money) -> Money { cancellation == nil ? m : ((try? m.negated()) ?? m) }
    var list: Money { signed(priced.list) }
    var discount: Money { signed(priced.discount) }
    var net: Money { signed(priced.net) }

    func cells(_ ctx: StatementContext) -> [String] {
        var cells = [booking.deal.rawValue, String(booking.line)]
        if let c = cancellation {
            cells += [booking.date.description, c.date.description]
        } else {
            cells += [booking.date.description]
        }
        cells += [booking.account, booking.product, booking.quantity.description, list.forPeople]
        let levels = ctx.plan.partnerProgram.levels
        if let parts = priced.discountParts {
            let name = parts.level.flatMap { levels.indices.contains($0) ? levels[$0].name : nil } ?? "none"
            cells.append("\(name) \(parts.levelDiscount.percentText)\(parts.levelFixed ? " (fixed)" : "")")
            cells.append(booking.purchase == .upfront ? "+\(parts.upfrontDiscount.percentText)" : "— (\(booking.purchase.rawValue))")
            cells.append(booking.registration == .approved ? "+\(parts.registrationDiscount.percentText)" : "— (\(booking.registration.rawValue))")
            cells.append(parts.capped ? "\(parts.rate.percentText) (from \(parts.uncapped.percentText))" : "—")
            cells.append(parts.rate.percentText)
        } else {
            cells += ["", "", "", "", ""]
        }
        cells += [discount.forPeople, net.forPeople]
        return cells
    }
}

/// A direct deal the partner referred, dated in the period (or the clawback of one), and the
/// fee it earned.
///
/// D2702-10 referred by P-BEACON, approved, S 36000.00 → fee 10 % = 3600.00; D2708-02 pending →
/// fee 0.00, "not approved: no fee".
struct ReferralRow {
    var booking: Booking
    var priced: PricedLine
    var cancellation: Cancellation?

    static func rows(of p: PartnerPayout, _ ctx: StatementContext) -> [ReferralRow] {
        let mine = p.index
        var rows: [ReferralRow] = []
        for index in ctx.periodBookingsByPartner[mine.offset].map { BookingIndex($0) } {
            guard let v = ctx.view(index), v.channel == .direct, let priced = ctx.run.priced[index] else { continue }
            rows.append(ReferralRow(booking: v.booking, priced: priced, cancellation: nil))
        }
        for c in ctx.periodClawbacks {
            guard let v = ctx.view(c.booking), v.channel == .direct, v.partner == mine,
                  let priced = ctx.run.priced[c.booking], !priced.referralFee.isZero else { continue }
            rows.append(ReferralRow(booking: v.booking, priced: priced, cancellation: c))
        }
        return rows.sorted { a, b in
            let da = a.cancellation?.date ?? a.booking.date
            let db = b.cancellation?.date ?? b.booking.date
            if da != db { return da < db }
            if a.booking.deal != b.booking.deal { return a.booking.deal < b.booking.deal }
            if a.booking.line != b.booking.line { return a.booking.line < b.booking.line }
            return a.cancellation == nil && b.cancellation != nil
        }
    }

    var fee: Money { cancellation == nil ? priced.referralFee : ((try? priced.referralFee.negated()) ?? priced.referralFee) }

    func cells(_ ctx: StatementContext) -> [String] {
        let date = cancellation.map { "\($0.date) (clawback of \(booking.date))" } ?? booking.date.description
        var why = ""
        if cancellation != nil {
            why = "cancelled: fee reversed"
        } else if priced.referralFee.isZero {
            why = booking.registration == .approved ? "no fee" : "registration \(booking.registration.rawValue): no fee"
        }
        return [booking.deal.rawValue, String(booking.line), date, booking.account, priced.gross.forPeople,
                booking.registration.rawValue, fee.forPeople, why]
    }
}
