/// The plan recorded in the journal for a fiscal year: the provenance on the rows of its
/// latest closed month that has one (SPEC 8.6).
///
/// Journal with 2027-01 (no provenance: a six-column journal), 2027-02 closed with plan A and
/// 2027-03 closed with plan B → recorded plan B, month 2027-03.
public struct RecordedPlan: Sendable, Equatable {
    public var plan: PlanProvenance
    /// The closed month it was recorded on.
    public var month: Period
    /// Line of that month's last journal row (for messages).
    public var line: Int
}
