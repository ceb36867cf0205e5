/// One number of a payee's trace, how it is made from its children, and where it comes from.
///
/// `explain` prints a tree of these (OpenFisca's trace node): a payout of 1200.00 is a
/// ``Formula/difference`` of earned YTD 3000.00 and paid to date 1800.00; earned YTD is a
/// ``Formula/rounded(places:rule:)`` of the exact tier pay 2999.996, which is a ``Formula/sum``
/// of tier slices, each a ``Formula/product(factor:)`` of a slice of credit and the tier's
/// rate; the credit is a sum of credit lines, each naming its `deals.csv` row and plan rule.
/// ``verify()`` recomputes every node from its children, so the leaves always add up.
public struct TraceNode: Sendable {
    /// How a node's amount follows from its (non-aside) children.
    public enum Formula: Sendable, Equatable {
        /// Read from input or decided by a rule (no arithmetic to check).
        case given
        /// amount = Σ children.
        case sum
        /// amount = first child − Σ the other children.
        case difference
        /// amount = the only child × factor (exact).
        case product(factor: ExactDecimal)
        /// amount = the only child rounded to `places` with `rule`.
        case rounded(places: Int, rule: RoundingRule)
        /// amount = min(cap, the only child).
        case capped(at: ExactDecimal)
    }

    /// What kind of number the amount is (for display).
    public enum Unit: String, Sendable {
        /// Money in the run's currency.
        case money
        /// A fraction shown as a percentage (0.35 → 35%).
        case rate
        /// A plain ratio (attainment 1.0325).
        case ratio
    }

    public var label: String
    public var amount: ExactDecimal?
    public var unit: Unit
    public var formula: Formula
    /// How the number was made, in words (`"N = L − D: 5600.00 − 1960.00"`, `"clawed back"`).
    public var note: String
    public var sources: [TraceSource]
    public var children: [TraceNode]
    /// Shown under its parent for context, but not part of the parent's formula (e.g. the
    /// credit a tier schedule was applied to).
    public var aside: Bool

    public init(_ label: String, amount: ExactDecimal?, unit: Unit = .money, formula: Formula = .given,
                note: String = "", sources: [TraceSource] = [], children: [TraceNode] = [], aside: Bool = false) {
        self.label = label
        self.amount = amount
        self.unit = unit
        self.formula = formula
        self.note = note
        self.sources = sources
        self.children = children
        self.aside = aside
    }

    /// This node, marked as context for its parent.
    func asAside() -> TraceNode {
        var copy = self
        copy.aside = true
        return copy
    }

    /// The children that take part in the formula.
    public var terms: [TraceNode] { children.filter { !$0.aside } }

    /// Every node whose amount does not follow from its children, as readable lines
    /// (empty when the whole tree holds). Checks this node and every descendant, asides too.
    ///
    /// A sum node of 10.00 over children 6.00 and 3.00 → `["total: 10.00 ≠ sum of children 9.00"]`.
    public func verify(path: String = "") -> [String] {
        var problems: [String] = []
        var ancestors: [UnsafePointer<TraceNode>] = []
        withUnsafePointer(to: self) { Self.verify($0, path: path, into: &problems, ancestors: &ancestors) }
        return problems
    }

    /// ``verify(path:)`` of `node` and its descendants; the path to a node (`path`, then the
    /// labels of `ancestors`) is joined only when it has a problem.
    ///
    /// Nodes are read in place through pointers into their parents' buffers: a statement run
    /// verifies millions of nodes, and reading each out of its array would copy it (retaining
    /// its label, note, sources and children) only to read its amount.
    private static func verify(_ node: UnsafePointer<TraceNode>, path: String, into problems: inout [String],
                               ancestors: inout [UnsafePointer<TraceNode>]) {
        ancestors.append(node)
        defer { ancestors.removeLast() }
        node.pointee.children.withUnsafeBufferPointer { kids in
            check(node, kids, path: path, into: &problems, ancestors: ancestors)
            guard let first = kids.baseAddress else { return }
            for i in 0..<kids.count { verify(first + i, path: path, into: &problems, ancestors: &ancestors) }
        }
    }

    /// Whether `node`'s amount follows from `kids` (its children) by its formula; a line per
    /// problem, named by `path` and the labels of `ancestors` (which end with `node`).
    private static func check(_ node: UnsafePointer<TraceNode>, _ kids: UnsafeBufferPointer<TraceNode>, path: String,
                              into problems: inout [String], ancestors: [UnsafePointer<TraceNode>]) {
        func here() -> String { ((path.isEmpty ? [] : [path]) + ancestors.map { $0.pointee.label }).joined(separator: " › ") }
        let amount = node.pointee.amount
        // `what` is made only for a problem (`product of child × 0.05` formats the factor).
        func check(_ expected: ExactDecimal?, _ what: @autoclosure () -> String) {
            guard let amount else { problems.append("\(here()): no amount, but it is a \(what())"); return }
            guard let expected else { problems.append("\(here()): a \(what()) with a child without amount"); return }
            if expected != amount { problems.append("\(here()): \(amount) ≠ \(what()) \(expected)") }
        }
        /// The index of the one term of a product, rounding or cap (nil when there is not
        /// exactly one).
        func onlyTerm(_ what: String) -> Int? {
            var only = -1
            var count = 0
            for i in kids.indices where !kids[i].aside { count += 1; only = i }
            if count != 1 { problems.append("\(here()): a \(what) needs exactly one child, has \(count)"); return nil }
            return only
        }
        switch node.pointee.formula {
        case .given:
            break
        case .sum:
            var total: ExactDecimal? = .zero
            for i in kids.indices where !kids[i].aside {
                guard let t = total, let v = kids[i].amount else { total = nil; break }
                total = try? t.adding(v)
            }
            check(total, "sum of children")
        case .difference:
            var total: ExactDecimal? = nil
            var first = true
            for i in kids.indices where !kids[i].aside {
                if first { total = kids[i].amount; first = false; continue }
                guard let t = total, let v = kids[i].amount else { total = nil; break }
                total = try? t.subtracting(v)
            }
            if first { problems.append("\(here()): a difference without children"); break }
            check(total, "difference of children")
        case .product(let factor):
            guard let term = onlyTerm("product") else { break }
            check(kids[term].amount.flatMap { try? $0.multiplied(by: factor) }, "product of child × \(factor)")
        case .rounded(let places, let rule):
            guard let term = onlyTerm("rounding") else { break }
            check(kids[term].amount.flatMap { try? $0.rounded(scale: places, rule: rule) }, "rounding of child")
        case .capped(let cap):
            guard let term = onlyTerm("cap") else { break }
            check(kids[term].amount.map { min($0, cap) }, "capped child")
        }
    }

    /// How a child takes part in its parent's formula, as printed: a plain term, a term that
    /// is subtracted (every term of a difference after the first, marked −), or context (an
    /// aside, marked ·).
    public enum ChildRole: Sendable { case term, subtracted, aside }

    /// Calls `body` with each child (read in place), its role and whether it is the last.
    ///
    /// `payout = earned YTD − paid to date` → (earned YTD, .term, false), (paid to date, .subtracted, true).
    public func forEachChild(_ body: (_ child: borrowing TraceNode, _ role: ChildRole, _ isLast: Bool) -> Void) {
        children.withUnsafeBufferPointer { kids in
            var termIndex = 0
            for i in kids.indices {
                var role = ChildRole.aside
                if !kids[i].aside {
                    role = formula == .difference && termIndex > 0 ? .subtracted : .term
                    termIndex += 1
                }
                body(kids[i], role, i == kids.count - 1)
            }
        }
    }

    /// Depth-first search for the first node with this label.
    public func first(labeled label: String) -> TraceNode? {
        if self.label == label { return self }
        for c in children { if let found = c.first(labeled: label) { return found } }
        return nil
    }

    /// Number of nodes in the tree (nodes read in place through pointers, as in
    /// ``verify(path:)``: reading each out of its array would copy it).
    public var count: Int {
        withUnsafePointer(to: self) { Self.count($0) }
    }

    private static func count(_ node: UnsafePointer<TraceNode>) -> Int {
        node.pointee.children.withUnsafeBufferPointer { kids in
            var n = 1
            if let first = kids.baseAddress { for i in 0..<kids.count { n += count(first + i) } }
            return n
        }
    }
}

/// Where a traced number comes from.
///
/// `.deal(DealRef(deal: "D2701-01", line: 1, file: "deals.csv", sourceLine: 5))` prints as
/// `deals.csv:5 D2701-01/1`; `.plan("roles.direct_rep.rates.tiers[1]")` as
/// `plan roles.direct_rep.rates.tiers[1]`.
public enum TraceSource: Sendable, Equatable {
    /// A booking row of deals.csv.
    case deal(DealRef)
    /// A cancellation row of deals.csv (the ref names the booking's deal and line, and the
    /// cancellation's own physical line).
    case cancellation(DealRef)
    /// A key path in the plan.
    case plan(String)
    /// A row of journal.csv.
    case journal(file: String, line: Int)
    /// A row of people.csv or partners.csv.
    case roster(file: String, line: Int)
    /// A row of adjustments.csv (SPEC 8.4).
    case adjustment(file: String, line: Int)

    /// `deals.csv:5 D2701-01/1`, `deals.csv:40 cancels D2703-09/1`, `plan partners.max_discount`,
    /// `journal.csv:3`, `people.csv:2`.
    public var text: String {
        switch self {
        case .deal(let r): return "\(r.location) \(r.id)"
        case .cancellation(let r): return "\(r.location) cancels \(r.id)"
        case .plan(let key): return "plan \(key)"
        case .journal(let file, let line): return "\(file):\(line)"
        case .roster(let file, let line): return "\(file):\(line)"
        case .adjustment(let file, let line): return "\(file):\(line)"
        }
    }
}

/// The trace of one payee: the payout as a tree of numbers down to ledger rows and plan rules.
public struct PayeeTrace: Sendable {
    public var payeeType: PayeeType
    public var id: String
    public var name: String
    /// The role (people) or `partner`.
    public var role: String
    public var planName: String
    public var currency: Currency
    public var period: Period
    /// The payout: the root of the tree.
    public var root: TraceNode
    /// Context shown after the payout tree (attainment, level, purchases by quarter).
    public var context: [TraceNode]
    /// The payout of the run's summary for this payee (what the tree must reach).
    public var summaryPayout: Money

    /// Problems found by ``TraceNode/verify()`` in the tree and the context, plus a mismatch
    /// between the root and the summary payout.
    public func verify() -> [String] {
        var problems = root.verify()
        for c in context { problems += c.verify() }
        if root.amount != summaryPayout.amount {
            problems.append("payout: the trace gives \(root.amount?.description ?? "nothing"), the summary \(summaryPayout.formatted)")
        }
        return problems
    }
}
