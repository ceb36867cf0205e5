import TextSuggestions
/// Reads one CSV input file as a table with named columns, collecting located diagnostics.
///
/// Checks the header (required and duplicated columns are errors, unknown columns a warning),
/// skips ragged rows with an error, and hands each good row to the caller as a ``CSVRow``
/// whose typed accessors record their own errors:
///
///     var table = CSVTable(file: "people.csv", bytes: bytes, known: ["id", "name"], required: ["id"])
///     table.forEachRow { row in let id = row.requiredText("id") }
struct CSVTable {
    let file: String
    private(set) var diagnostics = DiagnosticList()
    private var reader: CSVReader
    private(set) var header: [String] = []
    private(set) var columns: [String: Int] = [:]
    /// False when the header is unusable (missing required columns): rows are not read.
    private(set) var usable = false
    /// Data rows read (header and blank lines excluded), good or bad.
    private(set) var rowsRead = 0
    /// Data rows with at least one error.
    private(set) var rowsRejected = 0

    /// Reads the next chunk of a file read in pieces (nil: the file is not read in pieces).
    private var source: ChunkSource?
    /// Whether `source` is set (the file is read in chunks).
    private var chunked = false
    /// How many bytes each read of `source` asks for.
    private var chunkSize = ChunkSource.chunkSize

    init(file: String, bytes: [UInt8], known: [String], required: [String]) {
        self.file = file
        self.reader = CSVReader(bytes: bytes)
        readHeader(known: known, required: required)
    }

    /// A table over a file read chunk by chunk, so that a large file is never held whole.
    ///
    /// `chunkSize`: the bytes asked for at a time; a piece of a file read on two threads asks
    /// for all of itself at once (one read, one buffer, no joining of chunks).
    init(file: String, source: ChunkSource, known: [String], required: [String], chunkSize: Int = ChunkSource.chunkSize) {
        self.file = file
        self.source = source
        self.chunked = true
        self.chunkSize = max(1, chunkSize)
        let (first, failure) = CSVTable.firstChunk(source, self.chunkSize)
        self.reader = CSVReader(firstChunk: first)
        if let failure { CSVTable.readFailure(failure, file: file, line: 1, into: &diagnostics) }
        readHeader(known: known, required: required)
    }

    /// A table over a later piece of a file whose header (`header`, already checked) was read
    /// by another table: the piece starts at a record boundary and its lines count from 1.
    init(file: String, header: [String], continuing source: ChunkSource, chunkSize: Int = ChunkSource.chunkSize) {
        self.file = file
        self.source = source
        self.chunked = true
        self.chunkSize = max(1, chunkSize)
        self.header = header
        for (i, name) in header.enumerated() where columns[name] == nil { columns[name] = i }
        self.usable = true
        let (chunk, failure) = CSVTable.firstChunk(source, self.chunkSize)
        self.reader = CSVReader(continuingWith: chunk)
        if let failure { CSVTable.readFailure(failure, file: file, line: 1, into: &diagnostics) }
    }

    /// The physical line at which the next record would start (after the last row: one past the end).
    var currentLine: Int { reader.currentLine }

    /// True when the input ended inside a quoted field (see ``CSVReader/endedInsideQuotes``).
    var endedInsideQuotes: Bool { reader.endedInsideQuotes }

    /// The first chunk of `source`, or why it could not be read (then no bytes).
    private static func firstChunk(_ source: ChunkSource, _ chunkSize: Int) -> ([UInt8], ChunkReadError?) {
        switch source.read(chunkSize) {
        case .success(let bytes): return (bytes, nil)
        case .failure(let e): return ([], e)
        }
    }

    private static func readFailure(_ e: ChunkReadError, file: String, line: Int, into diagnostics: inout DiagnosticList) {
        diagnostics.append(Diagnostic(file: file, line: line, message: "the file could not be read past this line: \(e.reason)",
                                      hint: "nothing was computed; check the disk and run again"))
    }

    /// The next record, pulling chunks as the reader needs them.
    ///
    /// (`source` is looked at only when a chunk is needed: binding it for every record would
    /// retain and release its closure once a row.)
    private mutating func next(into record: inout CSVRecord) throws(CSVSyntaxError) -> Bool {
        if !chunked { return try reader.next(into: &record) }
        while true {
            if let got = try reader.nextIfComplete(into: &record) { return got }
            switch source!.read(max(chunkSize, reader.unreadCount)) {
            case .success(let more):
                reader.refill(more, isFinal: more.isEmpty)
            case .failure(let e):
                CSVTable.readFailure(e, file: file, line: reader.currentLine, into: &diagnostics)
                reader.refill([], isFinal: true)
            }
        }
    }

    private mutating func readHeader(known: [String], required: [String]) {
        var record = CSVRecord()
        do {
            guard try next(into: &record) else {
                diagnostics.append(Diagnostic(file: file, line: 1, message: "the file is empty: expected a header line naming the columns (\(required.joined(separator: ", ")))"))
                return
            }
        } catch {
            diagnostics.append(Diagnostic(file: file, line: error.line, column: error.column,
                                          message: "in the header: " + error.message,
                                          sourceText: error.lineText.isEmpty ? nil : error.lineText))
            return
        }
        let raw = record.rawText
        var names: [String] = []
        for i in 0..<record.count { names.append(record.string(i)) }
        header = names
        if required.contains(where: { !names.contains($0) }),
           let sep = SpreadsheetHints.separator(ofHeader: raw, required: required) {
            // A spreadsheet saved with another separator: one error that says so, not one per column.
            diagnostics.append(Diagnostic(file: file, line: record.line,
                message: "the header is separated by \(SpreadsheetHints.name(sep)), not commas: it reads as \(names.count) column\(names.count == 1 ? "" : "s")",
                sourceText: raw,
                hint: "save the file as comma-separated CSV (spreadsheets in locales with a decimal comma write ';'); "
                    + "numbers then need '.' as the decimal point"))
            return
        }
        var ok = true
        for (i, name) in names.enumerated() {
            if columns[name] != nil {
                diagnostics.append(Diagnostic(file: file, line: record.line, column: record.column(i),
                    field: "column '\(name)'", message: "the column name appears twice in the header: each column must be named once",
                    sourceText: raw, markerWidth: name.count))
                ok = false
            } else {
                columns[name] = i
            }
        }
        for name in required where columns[name] == nil {
            let suggestion = names.first { editDistance($0, name) <= 2 && !known.contains($0) }
            diagnostics.append(Diagnostic(file: file, line: record.line, field: "column '\(name)'",
                message: "required column is missing from the header", sourceText: raw,
                hint: suggestion.map { "the header has '\($0)': is it a typo of '\(name)'?" }
                    ?? "required columns: \(required.joined(separator: ", "))"))
            ok = false
        }
        let unknown = names.filter { !known.contains($0) && !$0.isEmpty }
        if !unknown.isEmpty {
            diagnostics.append(Diagnostic(.warning, file: file, line: record.line,
                message: "unknown column\(unknown.count == 1 ? "" : "s") \(unknown.map { "'\($0)'" }.joined(separator: ", ")) will be ignored",
                hint: "known columns: \(known.joined(separator: ", "))"))
        }
        if names.contains("") {
            let i = names.firstIndex(of: "")!
            diagnostics.append(Diagnostic(file: file, line: record.line, column: record.column(i),
                message: "column \(i + 1) of the header has no name", sourceText: raw))
            ok = false
        }
        usable = ok
    }

    /// Calls `body` for each data row with the right number of fields.
    mutating func forEachRow(_ body: (inout CSVRow) -> Void) {
        forEachRow(fast: { _ in false }, body)
    }

    /// Calls `fast` for each data row with the right number of fields, and `body` for those
    /// `fast` declines (returns false for): a fast path for plain rows, the full one for the rest.
    mutating func forEachRow(fast: (CSVRecord) -> Bool, _ body: (inout CSVRow) -> Void) {
        var record = CSVRecord()
        guard usable else {
            // Nothing can be read against a broken header; count the rows so none is unaccounted for.
            while true {
                do { guard try next(into: &record) else { break } } catch {}
                rowsRead += 1
                rowsRejected += 1
            }
            if rowsRead > 0 {
                diagnostics.append(Diagnostic(file: file, message: "\(rowsRead) data row\(rowsRead == 1 ? "" : "s") not checked: the header is invalid"))
            }
            return
        }
        while true {
            do {
                guard try next(into: &record) else { break }
            } catch {
                rowsRead += 1
                rowsRejected += 1
                diagnostics.append(Diagnostic(file: file, line: error.line, column: error.column, message: error.message,
                                              sourceText: error.lineText.isEmpty ? nil : error.lineText))
                continue
            }
            if record.count <= header.count && record.isAllEmpty {
                // `,,,,,` — what spreadsheets write for an empty row: skipped like a blank line (SPEC 6).
                // A row with more fields than the header is ragged, empty or not.
                diagnostics.append(Diagnostic(.warning, file: file, line: record.line,
                    message: "a row of empty fields was skipped (spreadsheets write ',,,,' for empty rows)"))
                continue
            }
            rowsRead += 1
            if record.count != header.count {
                rowsRejected += 1
                diagnostics.append(Diagnostic(file: file, line: record.line,
                    message: "the row has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(header.count): expected exactly \(header.count) comma-separated fields",
                    sourceText: record.rawText,
                    hint: record.count > header.count
                        ? "a value containing a comma must be quoted: \"ACME, Inc.\""
                        : "a field is missing: every row needs \(header.count) fields, empty ones included (a,,c)"))
                continue
            }
            if fast(record) { continue }
            var row = CSVRow(table: self, record: record)
            body(&row)
            if row.hasError { rowsRejected += 1 }
            diagnostics.append(contentsOf: row.diagnostics)
        }
    }
}

/// A column of a ``CSVTable``: its name and, once resolved against the header, its index.
///
/// Loaders on the hot path resolve their columns once (`table.column("quantity")`); a string
/// literal also works and is looked up per use.
struct Column: ExpressibleByStringLiteral {
    let name: String
    let index: Int?
    let resolved: Bool
    init(name: String, index: Int?) {
        self.name = name
        self.index = index
        self.resolved = true
    }
    init(stringLiteral value: String) {
        name = value
        index = nil
        resolved = false
    }
}

extension CSVTable {
    /// The column named `name`, resolved against the header.
    func column(_ name: String) -> Column { Column(name: name, index: columns[name]) }
}

/// One data row of a ``CSVTable`` with typed accessors that record located errors.
struct CSVRow {
    let file: String
    let columns: [String: Int]
    let record: CSVRecord
    var diagnostics = DiagnosticList()
    var hasError: Bool { diagnostics.hasErrors }
    var line: Int { record.line }

    init(table: CSVTable, record: CSVRecord) {
        self.file = table.file
        self.columns = table.columns
        self.record = record
    }

    @inline(__always)
    func index(_ column: Column) -> Int? { column.resolved ? column.index : columns[column.name] }

    func has(_ column: Column) -> Bool { index(column) != nil }

    /// True when the column is absent or the field is empty.
    @inline(__always)
    func isEmpty(_ column: Column) -> Bool {
        guard let i = index(column) else { return true }
        return record.isEmpty(i)
    }

    /// The field's text, or "" when the column is absent.
    func text(_ column: Column) -> String {
        guard let i = index(column) else { return "" }
        return record.string(i)
    }

    /// Whether the field's bytes pass `test` (false when the column is absent): `row.matches(c.currency, currency.isCode)`.
    func matches(_ column: Column, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard let i = index(column) else { return false }
        return record.withBytes(i, test)
    }

    mutating func error(_ column: Column?, _ message: String, hint: String? = nil) {
        var col: Int? = nil
        var width = 1
        if let column, let i = index(column) {
            col = record.column(i)
            width = max(1, record.string(i).count)
        }
        diagnostics.append(Diagnostic(file: file, line: record.line, column: col,
            field: column.map { "column '\($0.name)'" }, message: message,
            sourceText: record.rawText, markerWidth: width, hint: hint))
    }

    /// Records an error when a required field is empty or its column absent; true when present.
    mutating func require(_ column: Column, what: String) -> Bool {
        if !isEmpty(column) { return true }
        error(column, has(column) ? "expected \(what), found an empty value"
            : "expected \(what), but the header has no '\(column.name)' column")
        return false
    }

    /// The non-empty text of a required field; records an error and returns nil when empty.
    mutating func requiredText(_ column: Column, what: String) -> String? {
        require(column, what: what) ? text(column) : nil
    }

    /// A plain decimal (`-?[0-9]+(\.[0-9]+)?`), or nil (with an error) when malformed.
    mutating func decimal(_ column: Column, what: String, maxFractionDigits: Int?, allowNegative: Bool) -> ExactDecimal? {
        guard let i = index(column) else { return nil }
        let result = record.withBytes(i) { ExactDecimal.parse($0, maxFractionDigits: maxFractionDigits) }
        switch result {
        case .success(let value):
            if !allowNegative && value.isNegative {
                error(column, "expected \(what), found \(quoted(text(column))): it is negative")
                return nil
            }
            return value
        case .failure(let parseError):
            error(column, "expected \(what), found \(quoted(text(column))): \(parseError.reason)",
                hint: SpreadsheetHints.number(text(column)))
            return nil
        }
    }

    /// A lowercase enumeration value; empty gives `defaultValue`.
    mutating func choice<E: FieldVocabulary>(_ column: Column, default defaultValue: E) -> E? {
        guard let i = index(column), !record.isEmpty(i) else { return defaultValue }
        if let found = record.withBytes(i, { E(bytes: $0) }) { return found }
        let value = text(column)
        let names = E.allNames
        let hint = names.first { $0 == value.lowercased() }.map { "values are lowercase: '\($0)'" }
            ?? names.first { editDistance($0, value) <= 2 }.map { "did you mean '\($0)'?" }
        error(column, "expected one of \(names.joined(separator: ", ")) (or empty for \(defaultValue.rawValue)), found \(quoted(value))", hint: hint)
        return nil
    }

    /// A `YYYY-MM-DD` date.
    mutating func date(_ column: Column) -> CivilDate? {
        guard require(column, what: "a date YYYY-MM-DD"), let i = index(column) else { return nil }
        if let d = record.withBytes(i, { CivilDate.parse($0) }) { return d }
        error(column, "expected a real calendar date YYYY-MM-DD, found \(quoted(text(column)))", hint: SpreadsheetHints.date(text(column)))
        return nil
    }
}


extension CSVRecord {
    /// True when every field is empty: `,,,,` (a spreadsheet's empty row).
    ///
    /// `,,,` → true; `,,x,` → false; a single empty field is a blank line, never seen here.
    @inline(__always)
    var isAllEmpty: Bool {
        guard count > 1, isEmpty(0) else { return false }
        for i in 1..<count where !isEmpty(i) { return false }
        return true
    }
}
