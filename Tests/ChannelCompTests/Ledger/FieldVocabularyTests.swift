import Testing
@testable import ChannelComp

private func match<E: FieldVocabulary>(_ type: E.Type, _ text: String) -> E? {
    var t = text
    return t.withUTF8 { E(bytes: $0) }
}

/// The one home of the enumerated deals.csv / journal.csv columns: every case is accepted by
/// its raw name and nothing else is (the full loader and the fast path both match through it).
@Suite("Field vocabularies")
struct FieldVocabularyTests {
    @Test("every case is matched by its raw name, in case order for messages")
    func everyCase() {
        for e in DealEvent.allCases { #expect(match(DealEvent.self, e.rawValue) == e) }
        for e in PurchaseKind.allCases { #expect(match(PurchaseKind.self, e.rawValue) == e) }
        for e in Channel.allCases { #expect(match(Channel.self, e.rawValue) == e) }
        for e in Registration.allCases { #expect(match(Registration.self, e.rawValue) == e) }
        for e in LeadSource.allCases { #expect(match(LeadSource.self, e.rawValue) == e) }
        for e in PayeeType.allCases { #expect(match(PayeeType.self, e.rawValue) == e) }
        #expect(Registration.allNames == ["approved", "pending", "rejected", "none"])
        #expect(DealEvent.allNames == ["booking", "cancellation"])
    }

    @Test("near misses are not values", arguments: [
        "", "Partner", "PARTNER", "partner ", " partner", "partne", "partners", "partner\u{0}", "direct\t", "p",
        "company_", "cancellation1", "subscriptio", "subscriptionx", "nonee", "non",
    ])
    func nearMisses(_ text: String) {
        #expect(match(Channel.self, text) == nil)
        #expect(match(LeadSource.self, text) == nil)
        #expect(match(DealEvent.self, text) == nil)
        #expect(match(PurchaseKind.self, text) == nil)
        #expect(match(Registration.self, text) == nil)
    }

    @Test("keys pack every byte of 1 to 15 bytes and tell apart texts differing in any one byte")
    func keysPackEveryByte() {
        let alphabet = Array("abcdefghijklmnop".utf8)
        for n in 1...15 {
            let text = Array(alphabet[0..<n])
            let key = text.withUnsafeBufferPointer { FieldSpellings<Channel>.key($0) }
            #expect(key != nil)
            for i in 0..<n {
                var changed = text
                changed[i] = UInt8(ascii: "z")
                let other = changed.withUnsafeBufferPointer { FieldSpellings<Channel>.key($0) }
                #expect(other != key, "length \(n), byte \(i)")
            }
            let shorter = Array(text.dropLast()).withUnsafeBufferPointer { FieldSpellings<Channel>.key($0) }
            #expect(shorter != key, "length \(n) against \(n - 1)")
        }
        let sixteen = Array(alphabet).withUnsafeBufferPointer { FieldSpellings<Channel>.key($0) }
        #expect(sixteen == nil)
    }
}
