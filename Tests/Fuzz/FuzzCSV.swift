// libFuzzer entry for the CSV reader: any bytes must give records or located errors, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = CSVReader(bytes: bytes)
    var record = CSVRecord()
    var records = 0
    while records <= size + 1 {
        do {
            guard try reader.next(into: &record) else { break }
            for i in 0..<record.count {
                _ = record.string(i)
                _ = record.column(i)
                _ = record.fieldLine(i)
            }
        } catch {
            precondition(error.line >= 1 && error.column >= 1, "error without a location")
        }
        _ = record.rawText
        records += 1
    }
    precondition(records <= size + 1, "the reader did not advance")
    return 0
}
