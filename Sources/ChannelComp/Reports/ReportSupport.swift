/// Why a report could not be built.
///
/// A run made without `details: true` has no credit lines to report on → `.detailsMissing`;
/// an amount too large for exact arithmetic → `.arithmetic(.overflow(…))`.
public enum ReportError: Error, Sendable, CustomStringConvertible {
    case arithmetic(NumericError)
    case detailsMissing
    case unknownPayee(String)
    /// Two plans `compare` refuses to compare (``CompareRules``).
    case incomparable(String)
    /// An audit section built with its lists folded to `built` rows, shown with another `top`.
    case folded(built: Int, asked: Int)

    public var description: String {
        switch self {
        case .arithmetic(let e): return "arithmetic error while building the report: \(e)"
        case .detailsMissing: return "the payout run was made without details (credit and priced lines); run the engine with details: true"
        case .unknownPayee(let id): return "no payee \(quotedID(id))"
        case .incomparable(let why): return why
        case .folded(let built, let asked): return "the audit section was built folded to \(built) rows; it cannot be shown with --top \(asked)"
        }
    }

    /// Runs `body`, turning any error into a ``ReportError``.
    static func wrap<T>(_ body: () throws -> T) throws(ReportError) -> T {
        do { return try body() }
        catch let e as ReportError { throw e }
        catch let e as NumericError { throw .arithmetic(e) }
        catch { throw .arithmetic(.invalidAllocation(reason: "\(error)")) }
    }
}

func quotedID(_ s: String) -> String { "'" + s + "'" }

/// A deal row named the way auditors look it up: deal id, line, and the physical line of the file.
///
/// `D2701-01/1 (deals.csv:5)`: booking line 1 of deal D2701-01, on physical line 5 of deals.csv
/// (the header is line 1).
public struct DealRef: Sendable, Equatable, Hashable {
    public var deal: String
    public var line: Int
    /// File name without folders: `deals.csv`.
    public var file: String
    /// Physical line in the file (header = 1).
    public var sourceLine: Int

    public init(deal: String, line: Int, file: String, sourceLine: Int) {
        self.deal = deal
        self.line = line
        self.file = file
        self.sourceLine = sourceLine
    }

    /// `D2701-01/1`.
    public var id: String { "\(deal)/\(line)" }
    /// `deals.csv:5`.
    public var location: String { "\(file):\(sourceLine)" }

    /// The booking's reference.
    static func booking(_ index: BookingIndex, ledger: Ledger) -> DealRef {
        let b = ledger.bookings.view(index)
        return DealRef(deal: b.deal.rawValue, line: b.line, file: baseName(ledger.file), sourceLine: b.sourceLine)
    }

    /// The cancellation row's reference (deal and line of the booking it cancels).
    static func cancellation(_ index: Int, ledger: Ledger) -> DealRef {
        let c = ledger.cancellations[index]
        let b = ledger.bookings.view(c.booking)
        return DealRef(deal: b.deal.rawValue, line: b.line, file: baseName(ledger.file), sourceLine: c.sourceLine)
    }
}

/// The months a report section covers: one period, or the fiscal year through the period.
///
/// Period 2027-03 of a calendar fiscal year: `.period` covers 2027-03 only, `.ytd` covers
/// 2027-01 … 2027-03.
public struct ReportScope: Sendable, Equatable {
    public enum Kind: String, Sendable { case period, ytd }
    public var kind: Kind
    public var first: Period
    public var last: Period

    public func contains(_ p: Period) -> Bool { p >= first && p <= last }

    /// `2027-03` or `2027-01…2027-03`.
    public var description: String { first == last ? "\(last)" : "\(first)…\(last)" }

    /// The two scopes of a run: its period and its year to date.
    static func both(_ run: PayoutRun) -> [ReportScope] {
        [ReportScope(kind: .period, first: run.period, last: run.period),
         ReportScope(kind: .ytd, first: run.fiscalYearStart, last: run.period)]
    }
}

/// An exact ratio kept as numerator and denominator, with its value rounded for display.
///
/// 7 ÷ 8 → numerator 7, denominator 8, `value` 0.8750 (half-even, 4 places). Tests compare
/// ratios exactly by cross-multiplying.
public struct ExactRatio: Sendable, Equatable {
    public var numerator: ExactDecimal
    public var denominator: ExactDecimal
    /// numerator ÷ denominator, rounded half-even to `places`.
    public var value: ExactDecimal

    /// nil when the denominator is zero.
    init?(_ numerator: ExactDecimal, _ denominator: ExactDecimal, places: Int = 4) throws {
        guard !denominator.isZero else { return nil }
        self.numerator = numerator
        self.denominator = denominator
        self.value = try numerator.divided(by: denominator, scale: places, rule: .halfEven)
    }

    /// True when the ratio is exactly `other` (cross-multiplied, no rounding).
    public func isExactly(_ other: ExactDecimal) -> Bool {
        guard let product = try? denominator.multiplied(by: other) else { return false }
        return product == numerator
    }
}

extension Money {
    /// Sum of amounts in one currency (zero at minor units when empty).
    static func sum(_ items: [Money], _ currency: Currency) throws -> Money {
        var total = Money.zero(currency)
        for m in items { total = try total + m }
        return total
    }
}

/// The bookings and clawed-back cancellations of a scope, each placed by its own date: the
/// ledger's one walk (``Ledger/forEachEvent(in:plan:summary:_:)``) over the scope's months.
typealias ScopeEvent = LedgerEvent

func scopeEvents(_ scope: ReportScope, ledger: Ledger, plan: Plan) -> [ScopeEvent] {
    ledger.events(in: EventWindow(first: scope.first, last: scope.last), plan: plan)
}

/// Requires the run's detail lines when the ledger has anything in the fiscal year.
func requireDetails(_ run: PayoutRun) throws(ReportError) {
    if run.priced.isEmpty && (run.ledgerSummary.bookingsUsed + run.ledgerSummary.clawbacksUsed) > 0 {
        throw .detailsMissing
    }
}

/// `+` with a sign: amount, or its negation for a clawback.
func signed(_ m: Money, _ negative: Bool) throws -> Money { negative ? try m.negated() : m }
