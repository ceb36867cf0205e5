/// The time `close` records in the journal's `closed_at`: an ISO 8601 date-time with a zone,
/// or a plain date.
///
/// Accepted: `2027-02-01T00:00:00Z`, `2027-02-01T09:30:00.250+02:00`, `2027-02-01`. Refused:
/// `yesterday`, `2027-02-30T00:00:00Z` (no such day), `2027-02-01T24:00:00Z`,
/// `2027-02-01T10:00:00` (no zone: ambiguous), anything with a comma, quote or control
/// character (it is written into a CSV file).
public struct ClosingTime: Sendable, Equatable, CustomStringConvertible {
    /// The text as given (it is written to the journal as it is).
    public let text: String
    public var description: String { text }

    /// What is expected, for error messages.
    public static let expected = "an ISO 8601 time with a zone, like 2027-02-01T00:00:00Z or 2027-02-01T09:30:00+02:00, or a date 2027-02-01"

    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, CivilDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)) != nil else { return nil }
        if bytes.count > 10 {
            guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"),
                  let hour = Self.number(bytes, 11), bytes[13] == UInt8(ascii: ":"),
                  let minute = Self.number(bytes, 14), bytes[16] == UInt8(ascii: ":"),
                  let second = Self.number(bytes, 17),
                  hour < 24, minute < 60, second < 60 else { return nil }
            var i = 19
            if bytes[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
                guard i > start, i - start <= 9 else { return nil }
            }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "Z") {
                guard i + 1 == bytes.count else { return nil }
            } else {
                guard bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-"), i + 6 == bytes.count,
                      let zh = Self.number(bytes, i + 1), bytes[i + 3] == UInt8(ascii: ":"),
                      let zm = Self.number(bytes, i + 4), zh <= 14, zm < 60 else { return nil }
            }
        }
        self.text = text
    }

    /// The two-digit number at `offset`, or nil.
    private static func number(_ bytes: [UInt8], _ offset: Int) -> Int? {
        guard offset + 1 < bytes.count, (48...57).contains(bytes[offset]), (48...57).contains(bytes[offset + 1]) else { return nil }
        return Int(bytes[offset] - 48) * 10 + Int(bytes[offset + 1] - 48)
    }
}
