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
    /// another piece of the file): its key, its date, the values it repeats, and its text.
    ///
    /// Where a message needs a field's column, the row's text is read again
    /// (``located(_:header:)``): columns are counted only for the rare row that has a problem.
    ///
    ///     line 9: D1,,cancellation,2027-02-01,A1,…  → deal D1 line 1, 2027-02-01, copied [account: "A1"]
    struct PendingCancellation: Sendable {
        var dealID: UInt32
        var line: Int
        var date: CivilDate
        var sourceLine: Int
        var rawText: String
        /// The row's non-empty copied columns and their values, in name order.
        var copied: [(column: CopiedColumn, value: String)]

        /// The pending cancellation of a row whose key and date are read and valid — the one
        /// way both the full and the fast path keep a cancellation.
        init(record: CSVRecord, dealID: UInt32, line: Int, date: CivilDate, copiedColumns: [(column: CopiedColumn, index: Int)]) {
            self.dealID = dealID
            self.line = line
            self.date = date
            self.sourceLine = record.line
            self.rawText = record.rawText
            var copied: [(column: CopiedColumn, value: String)] = []
            for (column, i) in copiedColumns where i < record.count && !record.isEmpty(i) {
                copied.append((column, record.string(i)))
            }
            self.copied = copied
        }

        /// Where field `name` of the row is — its character column and its width in characters —
        /// read again from the row's text; (nil, 1) when the header lacks the column.
        func located(_ name: String, header: [String: Int]) -> (column: Int?, width: Int) {
            guard let i = header[name] else { return (nil, 1) }
            var reader = CSVReader(bytes: Array(rawText.utf8))
            var record = CSVRecord()
            guard (try? reader.next(into: &record)) == true, i < record.count else { return (nil, 1) }
            return (record.column(i), record.string(i).count)
        }
    }
}
