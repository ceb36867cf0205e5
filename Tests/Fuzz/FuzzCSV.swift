// libFuzzer entry for the CSV reader: any bytes must give records or located errors, never a
// trap; and reading them in chunks (deals.csv is read that way) must give exactly the same
// records, lines, columns and errors as reading the whole buffer; and reading without the
// 64-byte masks (the field-by-field reader alone) must too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = readAll(bytes, chunk: nil)
    // Chunk size from the input itself, so the fuzzer explores the cut points too.
    let chunk = 1 + Int(bytes.first ?? 0) % 13
    let chunked = readAll(bytes, chunk: chunk)
    precondition(whole == chunked, "chunked reading (\(chunk)-byte chunks) differs from whole-buffer reading")
    // The field-by-field reader alone (no 64-byte masks) must read exactly the same.
    let general = readAll(bytes, chunk: nil, byBlocks: false)
    precondition(whole == general, "reading by masks differs from the field-by-field reader")
    return 0
}

/// Every record (lines, fields, columns, raw text) and error (line, column, message, line text).
func readAll(_ bytes: [UInt8], chunk: Int?, byBlocks: Bool = true) -> [String] {
    var offset = 0
    func nextChunk() -> [UInt8] {
        let end = min(bytes.count, offset + (chunk ?? bytes.count))
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
    var reader = chunk == nil ? CSVReader(bytes: bytes) : CSVReader(firstChunk: nextChunk())
    reader.byBlocks = byBlocks
    var record = CSVRecord()
    var items: [String] = []
    var steps = 0
    while steps <= 2 * bytes.count + 2 {
        steps += 1
        do {
            let got: Bool
            if chunk == nil {
                got = try reader.next(into: &record)
            } else if let complete = try reader.nextIfComplete(into: &record) {
                got = complete
            } else {
                let more = nextChunk()
                reader.refill(more, isFinal: more.isEmpty)
                continue
            }
            guard got else { return items }
            var text = "rec \(record.line)-\(record.endLine) raw=\(record.rawText)"
            for i in 0..<record.count {
                text += " [\(record.string(i)) @\(record.column(i)) L\(record.fieldLine(i))]"
            }
            items.append(text)
        } catch {
            precondition(error.line >= 1 && error.column >= 1, "error without a location")
            items.append("err \(error.line):\(error.column) \(error.message) | \(error.lineText)")
            _ = record.rawText
        }
    }
    preconditionFailure("the reader did not advance")
}
