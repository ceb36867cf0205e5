import CSV

extension LedgerLoader {
    /// The columns a cancellation may repeat from its booking (SPEC 6: a non-empty one must
    /// equal the booking's), in name order — the order their mismatches are reported in.
    ///
    ///     D1,,cancellation,2027-02-01,A1,,,10,… → account "A1" and quantity "10" are compared
    enum CopiedColumn: String, CaseIterable, Sendable {
        case account, channel, currency, partner, product, purchase, quantity, registration, reps
        case salePrice = "sale_price", sourcedBy = "sourced_by", territory
        case unitListPrice = "unit_list_price"

        /// The column's name in deals.csv.
        var name: String { rawValue }

        /// The copied columns the header has, with their field index, in name order.
        static func resolved(_ header: [String: Int]) -> [(column: CopiedColumn, index: Int)] {
            allCases.compactMap { c in header[c.name].map { (c, $0) } }
        }
    }

    /// A cancellation row kept until every booking is known (its booking may come later, or in
    /// another piece of the file): its key, its date, and where its text is.
    ///
    /// The row's text goes to the pass's byte buffer of cancellation texts (one buffer, not a
    /// `String` per row: a million-row ledger has a hundred thousand cancellations, merged piece
    /// by piece, and holding no references they are copied without touching reference counts).
    /// The values the row repeats from its booking, and the column of a field a message names,
    /// are read again from that text when needed (``copied(_:columns:)``, ``located(_:header:texts:)``);
    /// `copiedMask` says whether there are any.
    ///
    ///     line 9: D1,,cancellation,2027-02-01,A1,…  → deal D1 line 1, 2027-02-01, copied [account: "A1"]
    struct PendingCancellation: Sendable {
        var dealID: UInt32
        var line: Int
        var date: CivilDate
        var sourceLine: Int
        /// The row's text is `texts[textStart..<textStart + textLength]` of its pass.
        var textStart: Int
        var textLength: Int
        /// Bit k set: the row's copied column `CopiedColumn.allCases[k]` is not empty.
        var copiedMask: UInt16

        /// The pending cancellation of a row whose key and date are read and valid — the one
        /// way both the full and the fast path keep a cancellation; its text is appended to `texts`.
        init(record: CSVRecord, dealID: UInt32, line: Int, date: CivilDate, copiedColumns: [(column: CopiedColumn, index: Int)],
             texts: inout [UInt8]) {
            self.dealID = dealID
            self.line = line
            self.date = date
            self.sourceLine = record.line
            textStart = texts.count
            record.withRawBytes { texts.append(contentsOf: $0) }
            textLength = texts.count - textStart
            var mask: UInt16 = 0
            for (column, i) in copiedColumns where i < record.count && !record.isEmpty(i) {
                mask |= 1 << UInt16(CopiedColumn.allCases.firstIndex(of: column)!)
            }
            copiedMask = mask
        }

        /// The row's text (for a message).
        func rawText(_ texts: [UInt8]) -> String {
            texts.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[textStart..<textStart + textLength]), as: UTF8.self) }
        }

        /// The row read again from its text (nil if it no longer reads as one record: never for a
        /// row that was read as one).
        private func reread(_ texts: [UInt8]) -> CSVRecord? {
            var reader = CSVReader(bytes: Array(texts[textStart..<textStart + textLength]))
            var record = CSVRecord()
            guard (try? reader.next(into: &record)) == true else { return nil }
            return record
        }

        /// The row's non-empty copied columns and their values, in name order.
        func copied(_ texts: [UInt8], columns: [(column: CopiedColumn, index: Int)]) -> [(column: CopiedColumn, value: String)] {
            guard copiedMask != 0, let record = reread(texts) else { return [] }
            return columns.compactMap { (column, i) in i < record.count && !record.isEmpty(i) ? (column, record.string(i)) : nil }
        }

        /// Where field `name` of the row is — its character column and its width in characters —
        /// read again from the row's text; (nil, 1) when the header lacks the column.
        func located(_ name: String, header: [String: Int], texts: [UInt8]) -> (column: Int?, width: Int) {
            guard let i = header[name], let record = reread(texts), i < record.count else { return (nil, 1) }
            return (record.column(i), record.string(i).count)
        }
    }
}
