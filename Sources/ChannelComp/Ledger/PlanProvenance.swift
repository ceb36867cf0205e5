/// Which plan a month was closed with (SPEC 8.6): the plan's `name` and the lowercase hex
/// SHA-256 of the plan file's bytes, written by `close` as `plan_name` and `plan_sha256`.
///
///     PlanProvenance(name: "FY2027 channel-neutral", planBytes: Array("{}".utf8)).sha256
///     // "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
///
/// (A journal row's provenance, read by ``JournalLoader``; the hashing initializer is in
/// `Journal/PlanHash.swift`, the only file that needs the `SHA256` module.)
public struct PlanProvenance: Sendable, Equatable {
    public var name: String
    public var sha256: String

    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }

    /// The first 12 hex digits, for messages (`44136fa355b3`).
    public var shortHash: String { String(sha256.prefix(12)) }

    /// Whether `text` is a SHA-256 as `close` writes it: 64 lowercase hex digits.
    public static func isValidHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
