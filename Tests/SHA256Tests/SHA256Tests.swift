import SHA256
import Testing

/// SHA-256 against the FIPS 180-2 / NIST CSRC example vectors and RFC 6234's test suite.
@Suite("SHA-256 (FIPS 180-4)")
struct SHA256Tests {
    /// (name, message, expected digest).
    static let vectors: [(String, [UInt8], String)] = [
        ("empty string", [], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("\"abc\" (one block)", Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("448-bit message (two blocks: the length does not fit after the pad byte)",
         Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("896-bit message", Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ("one million 'a'", [UInt8](repeating: 0x61, count: 1_000_000),
         "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ("RFC 6234 TEST4: '01234567' × 80", Array(String(repeating: "0123456701234567012345670123456701234567012345670123456701234567", count: 10).utf8),
         "594847328451bdfa85056225462cc1d867d877fb388df0ce35f25ab5562bfbb5"),
    ]

    @Test("digest of the standard vectors", arguments: 0..<vectors.count)
    func vector(_ i: Int) {
        let (name, message, expected) = Self.vectors[i]
        #expect(SHA256.hex(message) == expected, "\(name)")
    }

    /// 55, 56, 63, 64 and 65 bytes straddle the padding boundaries; feeding the same message in
    /// pieces of every size 1…70 must give the one-shot digest.
    @Test("streaming in pieces equals one shot, across the padding boundaries")
    func streaming() {
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let oneShot = SHA256.digest(message)
            #expect(oneShot.count == 32)
            for piece in 1...70 {
                var h = SHA256()
                var offset = 0
                while offset < message.count {
                    let end = min(message.count, offset + piece)
                    h.update(Array(message[offset..<end]))
                    offset = end
                }
                #expect(h.finalize() == oneShot, "length \(length), pieces of \(piece)")
            }
        }
    }
}
