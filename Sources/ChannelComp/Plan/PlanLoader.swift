import TextSuggestions
/// Loads a plan from JSON, strictly (SPEC 2.5 and 6).
///
/// Amounts and rates must be JSON strings (`"35%"`, `"0.35"`, `"12500.00"`); unknown keys are
/// errors with a did-you-mean hint; every problem names the key path:
///
///     Plans/bad.json:14: error: key partners.levels[2].discount: expected a rate as a JSON string like "30%" or "0.30", found the number 0.3
public enum PlanLoader {
    /// Parses and validates; returns the plan, or nil with every problem found.
    public static func load(file: String, bytes: [UInt8]) -> (Plan?, DiagnosticList) {
        var decoder = PlanDecoder(file: file)
        decoder.lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            decoder.diagnostics.append(Diagnostic(file: file, line: error.location.line, column: error.location.column,
                                                  message: "invalid JSON: \(error.message)",
                                                  sourceText: decoder.sourceLine(error.location.line)))
            return (nil, decoder.diagnostics)
        }
        let plan = decoder.plan(root)
        return (decoder.diagnostics.hasErrors ? nil : plan, decoder.diagnostics)
    }
}

/// Walks the JSON tree of a plan, collecting every problem with its key path.
struct PlanDecoder {
    let file: String
    var diagnostics = DiagnosticList()
    /// The plan file's lines, for quoting the offending line.
    var lines: [String] = []
    /// Minor units of the plan's currency once known (for `cap`).
    var minorUnits = 2

    init(file: String) { self.file = file }

    mutating func fail(_ node: JSONNode?, _ path: String, _ message: String, hint: String? = nil, at location: JSONLocation? = nil) {
        let loc = location ?? node?.location
        diagnostics.append(Diagnostic(file: file, line: loc?.line, column: loc?.column,
                                      field: path.isEmpty ? nil : "key \(path)", message: message,
                                      sourceText: loc.flatMap { sourceLine($0.line) }, hint: hint))
    }

    func sourceLine(_ line: Int) -> String? {
        line >= 1 && line <= lines.count ? lines[line - 1] : nil
    }

    /// The members of an object, checking required and allowed keys.
    mutating func object(_ node: JSONNode, _ path: String, required: [String], optional: [String], what: String? = nil) -> [String: JSONNode]? {
        guard case .object(let members) = node.value else {
            fail(node, path, "expected \(what ?? "an object { … }"), found \(describe(node))")
            return nil
        }
        var result: [String: JSONNode] = [:]
        let allowed = required + optional
        for m in members {
            if !allowed.contains(m.key) {
                let near = allowed.filter { editDistance($0, m.key) <= 2 }.first
                fail(m.value, join(path, m.key), "unknown key \(quoted(m.key))\(path.isEmpty ? "" : " in \(path)"): a typo must not silently fall back to a default",
                     hint: near.map { "did you mean '\($0)'?" } ?? "allowed keys here: \(allowed.joined(separator: ", "))",
                     at: m.keyLocation)
                continue
            }
            result[m.key] = m.value
        }
        for key in required where result[key] == nil && !members.contains(where: { $0.key == key }) {
            fail(node, join(path, key), "required key \(quoted(key)) is missing\(path.isEmpty ? "" : " in \(path)")")
        }
        return result
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func describe(_ node: JSONNode) -> String {
        switch node.value {
        case .string(let s): return "the string \(quoted(s))"
        case .number(let n): return "the number \(n)"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    mutating func string(_ node: JSONNode?, _ path: String, what: String) -> String? {
        guard let node else { return nil }
        guard case .string(let s) = node.value else {
            fail(node, path, "expected \(what) as a JSON string, found \(describe(node))")
            return nil
        }
        return s
    }

    /// A rate: `"N%"` (percent) or `"N"` (fraction), never negative.
    mutating func rate(_ node: JSONNode?, _ path: String) -> Rate? {
        guard let node else { return nil }
        switch node.value {
        case .string(let s):
            do {
                let rate = try Rate(parsing: s)
                if !s.hasSuffix("%"), rate.fraction > ExactDecimal.one {
                    let loc = node.location
                    diagnostics.append(Diagnostic(.warning, file: file, line: loc.line, column: loc.column,
                        field: "key \(path)", message: "rate \(quoted(s)) has no '%', so it is a fraction: \(rate.percentText)",
                        sourceText: sourceLine(loc.line), hint: "write \"\(s)%\" for \(s) percent"))
                }
                return rate
            } catch {
                fail(node, path, "expected a rate like \"35%\" or \"0.35\" (not negative), found \(quoted(s)): \(error.reason)")
                return nil
            }
        case .number(let n):
            fail(node, path, "expected a rate as a JSON string like \"35%\" or \"0.35\", found the number \(n)",
                 hint: "write \"\(n)\" in quotes: rates and amounts never pass through binary floating point")
            return nil
        default:
            fail(node, path, "expected a rate as a JSON string like \"35%\" or \"0.35\", found \(describe(node))")
            return nil
        }
    }

    /// An amount: a plain non-negative decimal in a JSON string.
    mutating func amount(_ node: JSONNode?, _ path: String, maxFractionDigits: Int = 6) -> ExactDecimal? {
        guard let node else { return nil }
        switch node.value {
        case .string(let s):
            do {
                let value = try ExactDecimal(parsing: s, maxFractionDigits: maxFractionDigits)
                if value.isNegative {
                    fail(node, path, "expected an amount ≥ 0, found \(quoted(s))")
                    return nil
                }
                if value >= LedgerLoader.maxAmount {
                    fail(node, path, "expected an amount below 10^13, found \(quoted(s))")
                    return nil
                }
                return value
            } catch {
                fail(node, path, "expected an amount like \"12500.00\" (at most \(maxFractionDigits) decimals), found \(quoted(s)): \(error.reason)")
                return nil
            }
        case .number(let n):
            fail(node, path, "expected an amount as a JSON string like \"\(n)\", found the number \(n)",
                 hint: "write \"\(n)\" in quotes: amounts never pass through binary floating point")
            return nil
        default:
            fail(node, path, "expected an amount as a JSON string like \"12500.00\", found \(describe(node))")
            return nil
        }
    }

    /// A count: a JSON integer (no fraction, no exponent) in `range`.
    mutating func integer(_ node: JSONNode?, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        if case .number(let n) = node.value, n.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") }),
           let value = Int(n), range.contains(value) {
            return value
        }
        let bound = range.upperBound == Int.max ? "≥ \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
        fail(node, path, "expected a whole JSON number \(bound), found \(describe(node))")
        return nil
    }

    mutating func bool(_ node: JSONNode?, _ path: String) -> Bool? {
        guard let node else { return nil }
        if case .bool(let b) = node.value { return b }
        fail(node, path, "expected true or false, found \(describe(node))")
        return nil
    }

    mutating func array(_ node: JSONNode?, _ path: String, what: String) -> [JSONNode]? {
        guard let node else { return nil }
        guard case .array(let items) = node.value else {
            fail(node, path, "expected \(what) as a JSON array [ … ], found \(describe(node))")
            return nil
        }
        if items.isEmpty {
            fail(node, path, "expected \(what), found an empty list: a tier list, where present, is never empty")
            return nil
        }
        return items
    }

    mutating func choice<E: RawRepresentable>(_ node: JSONNode?, _ path: String, _ names: [String]) -> E? where E.RawValue == String {
        guard let node, let s = string(node, path, what: "one of \(names.joined(separator: ", "))") else { return nil }
        if let e = E(rawValue: s), names.contains(s) { return e }
        fail(node, path, "expected one of \(names.map { "\"\($0)\"" }.joined(separator: ", ")), found \(quoted(s))",
             hint: names.first { editDistance($0, s) <= 2 }.map { "did you mean \"\($0)\"?" })
        return nil
    }

    // MARK: The plan

    mutating func plan(_ root: JSONNode) -> Plan? {
        guard let top = object(root, "", required: ["name", "currency", "partners", "roles"],
                               optional: ["fiscal_year_start_month", "rounding", "clawback_days", "price_book"],
                               what: "the plan as a JSON object { \"name\": …, \"currency\": …, … }") else { return nil }
        let name = string(top["name"], "name", what: "the plan's name")
        var currency: Currency? = nil
        if let code = string(top["currency"], "currency", what: "an ISO 4217 currency code like \"USD\"") {
            currency = Currency(code: code)
            if currency == nil { fail(top["currency"], "currency", "expected an ISO 4217 currency code like \"USD\", found \(quoted(code)): unknown currency") }
        }
        if let currency { minorUnits = currency.minorUnits }
        let startMonth = top["fiscal_year_start_month"].map { integer($0, "fiscal_year_start_month", 1...12) } ?? 1
        let rounding: RoundingRule? = top["rounding"].map { choice($0, "rounding", ["half-even", "half-up"]) } ?? .halfEven
        let clawback = top["clawback_days"].map { integer($0, "clawback_days", 0...Int(Int32.max)) } ?? 0
        var priceBook: [String: PriceSchedule]? = [:]
        if let pb = top["price_book"] { priceBook = self.priceBook(pb) }
        let program = top["partners"].flatMap { partnerProgram($0) }
        let roles = top["roles"].flatMap { self.roles($0, currency: currency) }
        guard let name, let currency, let startMonth, let rounding, let clawback, let priceBook, let program, let roles,
              !diagnostics.hasErrors else { return nil }
        return Plan(name: name, currency: currency, fiscalCalendar: FiscalCalendar(startMonth: startMonth),
                    rounding: rounding, clawbackDays: clawback, priceBook: priceBook,
                    partnerProgram: program, roles: roles)
    }

    mutating func priceBook(_ node: JSONNode) -> [String: PriceSchedule]? {
        guard case .object(let members) = node.value else {
            fail(node, "price_book", "expected an object of products { \"SEAT\": { … } }, found \(describe(node))")
            return nil
        }
        var book: [String: PriceSchedule] = [:]
        var ok = true
        for m in members {
            let path = "price_book.\(m.key)"
            guard let entry = object(m.value, path, required: ["mode", "tiers"], optional: []) else { ok = false; continue }
            let mode: PriceSchedule.Mode? = entry["mode"].flatMap { choice($0, "\(path).mode", ["graduated", "volume"]) }
            var tiers: [PriceSchedule.Tier] = []
            if let items = array(entry["tiers"], "\(path).tiers", what: "price tiers") {
                var previous: ExactDecimal? = nil
                for (i, item) in items.enumerated() {
                    let tp = "\(path).tiers[\(i)]"
                    guard let t = object(item, tp, required: ["up_to", "unit_price"], optional: []) else { ok = false; continue }
                    var upTo: ExactDecimal? = nil
                    if let u = t["up_to"] {
                        if case .null = u.value {
                            if i != items.count - 1 {
                                fail(u, "\(tp).up_to", "null (unbounded) is allowed only on the last tier")
                                ok = false
                            }
                        } else if let v = amount(u, "\(tp).up_to", maxFractionDigits: 18) {
                            if v.signum <= 0 {
                                fail(u, "\(tp).up_to", "expected an upper bound > 0, found \(quoted(v.description))")
                                ok = false
                            } else if let p = previous, v <= p {
                                fail(u, "\(tp).up_to", "tiers must be strictly ascending by up_to: \(v) is not above the previous \(p)")
                                ok = false
                            }
                            upTo = v
                            previous = v
                        } else { ok = false }
                    }
                    if let price = amount(t["unit_price"], "\(tp).unit_price") {
                        tiers.append(PriceSchedule.Tier(upTo: upTo, unitPrice: price))
                    } else { ok = false }
                }
            } else { ok = false }
            if let mode, ok { book[m.key] = PriceSchedule(mode: mode, tiers: tiers, keyPath: path) }
        }
        return ok ? book : nil
    }

    mutating func partnerProgram(_ node: JSONNode) -> PartnerProgram? {
        let path = "partners"
        guard let p = object(node, path, required: ["trailing_months", "levels"],
                             optional: ["upfront_discount", "registration_discount", "max_discount", "referral_fee", "rebate"])
        else { return nil }
        let trailing = integer(p["trailing_months"], "partners.trailing_months", 0...1200)
        var levels: [PartnerLevel] = []
        var ok = true
        if let items = array(p["levels"], "partners.levels", what: "partner levels") {
            var names: [String: Int] = [:]
            var minimums: [ExactDecimal: Int] = [:]
            for (i, item) in items.enumerated() {
                let lp = "partners.levels[\(i)]"
                guard let l = object(item, lp, required: ["name", "min_trailing_list", "discount"], optional: []) else { ok = false; continue }
                let name = string(l["name"], "\(lp).name", what: "a level name")
                let minimum = amount(l["min_trailing_list"], "\(lp).min_trailing_list")
                let discount = rate(l["discount"], "\(lp).discount")
                if let name {
                    if let first = names[name] {
                        fail(l["name"], "\(lp).name", "level name \(quoted(name)) is already used by partners.levels[\(first)]: level names must be unique")
                        ok = false
                    } else { names[name] = i }
                }
                if let minimum {
                    if let first = minimums[minimum] {
                        fail(l["min_trailing_list"], "\(lp).min_trailing_list", "minimum \(minimum) is already used by partners.levels[\(first)]: level minimums must be distinct")
                        ok = false
                    } else { minimums[minimum] = i }
                }
                if let d = discount, d > Rate(fraction: .one) {
                    fail(l["discount"], "\(lp).discount", "discount \(d.percentText) is above 100 %: the partner would be invoiced a negative amount")
                    ok = false
                }
                if let name, let minimum, let discount {
                    levels.append(PartnerLevel(name: name, minTrailingList: minimum, discount: discount, keyPath: lp))
                } else { ok = false }
            }
        } else { ok = false }
        levels.sort { $0.minTrailingList < $1.minTrailingList }
        let upfront = p["upfront_discount"].map { rate($0, "partners.upfront_discount") } ?? Rate.zero
        let registration = p["registration_discount"].map { rate($0, "partners.registration_discount") } ?? Rate.zero
        let maxDiscount: Rate?? = p["max_discount"].map { rate($0, "partners.max_discount") }
        let referral = p["referral_fee"].map { rate($0, "partners.referral_fee") } ?? Rate.zero
        var rebate: TierSchedule?? = .some(nil)
        if let r = p["rebate"] { rebate = tierSchedule(r, "partners.rebate", fromIsRate: false).map { .some($0) } ?? nil }
        guard let trailing, ok, let upfront, let registration, let referral, let rebate else { return nil }
        if case .some(nil) = maxDiscount { return nil }
        // A discount above 100 % would invoice the partner a negative amount.
        let hundredPercent = Rate(fraction: .one)
        for (key, rate) in [("upfront_discount", upfront), ("registration_discount", registration)] where rate > hundredPercent {
            fail(p[key], "partners.\(key)", "discount \(rate.percentText) is above 100 %: the partner would be invoiced a negative amount")
        }
        if let cap = maxDiscount ?? nil {
            if cap > hundredPercent {
                fail(p["max_discount"], "partners.max_discount", "max_discount \(cap.percentText) is above 100 %: the partner would be invoiced a negative amount")
            }
        } else if let top = levels.map(\.discount).max() {
            let stacked = (try? top + upfront + registration) ?? top
            if stacked > hundredPercent {
                fail(node, "partners.max_discount", "the discounts can stack to \(stacked.percentText) (highest level \(top.percentText) + upfront \(upfront.percentText) + registration \(registration.percentText)), above 100 %, and there is no max_discount",
                     hint: "add \"max_discount\" (at most \"100%\") or lower a discount")
            }
        }
        if diagnostics.hasErrors { return nil }
        return PartnerProgram(trailingMonths: trailing, levels: levels, upfrontDiscount: upfront,
                              registrationDiscount: registration, maxDiscount: maxDiscount ?? nil,
                              referralFee: referral, rebate: rebate)
    }

    /// `{ "method": …, "tiers": [ { "from": …, "rate": … } ] }`; role tiers' `from` is a rate, rebate tiers' an amount.
    mutating func tierSchedule(_ node: JSONNode, _ path: String, fromIsRate: Bool) -> TierSchedule? {
        guard let s = object(node, path, required: ["method", "tiers"], optional: []) else { return nil }
        let method: TierSchedule.Method? = s["method"].flatMap { choice($0, "\(path).method", ["marginal", "retroactive"]) }
        var tiers: [TierSchedule.Tier] = []
        var ok = true
        if let items = array(s["tiers"], "\(path).tiers", what: "tiers") {
            var previous: ExactDecimal? = nil
            for (i, item) in items.enumerated() {
                let tp = "\(path).tiers[\(i)]"
                guard let t = object(item, tp, required: ["from", "rate"], optional: []) else { ok = false; continue }
                let from: ExactDecimal? = fromIsRate ? rate(t["from"], "\(tp).from")?.fraction : amount(t["from"], "\(tp).from")
                let r = rate(t["rate"], "\(tp).rate")
                if let from, let p = previous, from <= p {
                    fail(t["from"], "\(tp).from", "tiers must be strictly ascending by 'from': \(fromIsRate ? Rate(fraction: from).percentText : from.description) is not above the previous tier's \(fromIsRate ? Rate(fraction: p).percentText : p.description)",
                         hint: from == p ? "two tiers start at the same threshold" : "list tiers from the lowest threshold up")
                    ok = false
                }
                if let from { previous = from }
                if let from, let r { tiers.append(TierSchedule.Tier(from: from, rate: r)) } else { ok = false }
            }
        } else { ok = false }
        guard let method, ok else { return nil }
        return TierSchedule(method: method, tiers: tiers, keyPath: path)
    }

    mutating func roles(_ node: JSONNode, currency: Currency?) -> [Role]? {
        guard case .object(let members) = node.value else {
            fail(node, "roles", "expected an object of roles { \"direct_rep\": { … } }, found \(describe(node))")
            return nil
        }
        if members.isEmpty { fail(node, "roles", "expected at least one role, found an empty object") }
        var roles: [Role] = []
        var ok = !members.isEmpty
        for m in members {
            let path = "roles.\(m.key)"
            guard let r = object(m.value, path, required: ["direct_deals", "partner_deals"], optional: ["rates", "cap"]) else { ok = false; continue }
            let direct = r["direct_deals"].flatMap { creditRule($0, "\(path).direct_deals", channel: .direct) }
            let partner = r["partner_deals"].flatMap { creditRule($0, "\(path).partner_deals", channel: .partner) }
            var rates: TierSchedule?? = .some(nil)
            if let rn = r["rates"] { rates = tierSchedule(rn, "\(path).rates", fromIsRate: true).map { .some($0) } ?? nil }
            var cap: Money?? = .some(nil)
            if let c = r["cap"] {
                cap = amount(c, "\(path).cap", maxFractionDigits: minorUnits).map { .some(Money($0, currency ?? .usd)) } ?? nil
            }
            guard let direct, let partner, let rates, let cap else { ok = false; continue }
            roles.append(Role(name: m.key, directDeals: direct, partnerDeals: partner, rates: rates, cap: cap, keyPath: path))
        }
        return ok ? roles : nil
    }

    mutating func creditRule(_ node: JSONNode, _ path: String, channel: Channel) -> CreditRule? {
        let methods = ["named", "territory", "partner_manager", "team", "none"]
        if channel == .direct {
            // Direct deals are always credited on revenue S, as quota credit.
            guard let c = object(node, path, required: ["credit"], optional: []) else { return nil }
            guard let method: CreditRule.Method = c["credit"].flatMap({ choice($0, "\(path).credit", methods) }) else { return nil }
            return CreditRule(method: method, basis: .gross, quotaCredit: true, requiresRegistration: false,
                              flatRate: nil, keyPath: path)
        }
        guard case .object(let members) = node.value else {
            fail(node, path, "expected an object { \"credit\": … }, found \(describe(node))")
            return nil
        }
        let creditNode = members.first { $0.key == "credit" }?.value
        let isNone: Bool = { if case .string("none")? = creditNode?.value { return true }; return false }()
        let required = isNone ? ["credit"] : ["credit", "basis", "quota_credit", "requires_registration"]
        let optional = isNone ? ["basis", "quota_credit", "requires_registration", "flat_rate"] : ["flat_rate"]
        guard let c = object(node, path, required: required, optional: optional) else { return nil }
        let method: CreditRule.Method? = c["credit"].flatMap { choice($0, "\(path).credit", methods) }
        let basis: CreditRule.Basis?? = c["basis"].map { choice($0, "\(path).basis", ["net", "gross"]) }
        let quotaCredit: Bool?? = c["quota_credit"].map { bool($0, "\(path).quota_credit") }
        let requiresRegistration: Bool?? = c["requires_registration"].map { bool($0, "\(path).requires_registration") }
        let flat: Rate?? = c["flat_rate"].map { rate($0, "\(path).flat_rate") }
        if case .some(.some(false)) = quotaCredit, flat == nil {
            fail(node, "\(path).flat_rate", "a partner_deals entry with \"quota_credit\": false must give \"flat_rate\" (the rate its credit is paid at)")
            return nil
        }
        if case .some(.some(true)) = quotaCredit, let f = flat, f != nil {
            fail(c["flat_rate"], "\(path).flat_rate", "\"flat_rate\" applies only with \"quota_credit\": false; quota credit is paid through the role's rates")
            return nil
        }
        guard let method else { return nil }
        if case .some(nil) = basis { return nil }
        if case .some(nil) = quotaCredit { return nil }
        if case .some(nil) = requiresRegistration { return nil }
        if case .some(nil) = flat { return nil }
        return CreditRule(method: method, basis: (basis ?? nil) ?? .net, quotaCredit: (quotaCredit ?? nil) ?? true,
                          requiresRegistration: (requiresRegistration ?? nil) ?? false,
                          flatRate: flat ?? nil, keyPath: path)
    }
}
