extension String {
    /// Whether every UTF-8 byte of the string passes `test`, read from the string's own storage
    /// in one loop (`utf8.allSatisfy` steps a view index per byte, several times slower; the
    /// statements test millions of short texts this way).
    ///
    /// Example: `"A-1030".allBytes { $0 < 0x80 }` is true; `"Müller".allBytes { $0 < 0x80 }` false.
    @inline(__always)
    func allBytes(_ test: (UInt8) -> Bool) -> Bool {
        if let all = utf8.withContiguousStorageIfAvailable({ bytes -> Bool in
            for b in bytes where !test(b) { return false }
            return true
        }) {
            return all
        }
        return utf8.allSatisfy(test)
    }
}
