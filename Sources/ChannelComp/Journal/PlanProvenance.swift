import SHA256

/// Which plan a month was closed with (SPEC 8.6): the plan's `name` and the lowercase hex
/// SHA-256 of the plan file's bytes, written by `close` as `plan_name` and `plan_sha256`.
///
///     PlanProvenance(name: "FY2027 channel-neutral", planBytes: Array("{}".utf8)).sha256
///     // "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
public struct PlanProvenance: Sendable, Equatable {
    public var name: String
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }

    /// The provenance of a plan file: its `name` and the SHA-256 of its exact bytes.
    public init(name: String, planBytes: [UInt8]) {
        self.init(name: name, sha256: SHA256.hex(planBytes))
    }

    /// The first 12 hex digits, for messages (`44136fa355b3`).
    public var shortHash: String { String(sha256.prefix(12)) }

    /// Whether `text` is a SHA-256 as `close` writes it: 64 lowercase hex digits.
    public static func isValidHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

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
