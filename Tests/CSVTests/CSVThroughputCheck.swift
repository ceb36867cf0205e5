import Foundation
import Testing
@testable import CSV

/// Hand-run throughput check, skipped unless CHANNELCOMP_CSV_BENCH is set:
///
///     CHANNELCOMP_CSV_BENCH=1 swift test -c release --filter csvThroughput
///
/// Reads 300,000 generated deals.csv-shaped rows (≈ 36 MB, 17 fields each, every
/// tenth with a quoted non-ASCII account) and prints MB/s and rows/s. It asserts
/// only that every row was read, never a speed.
@Test("CSV throughput (hand-run)", .enabled(if: ProcessInfo.processInfo.environment["CHANNELCOMP_CSV_BENCH"] != nil))
func csvThroughput() throws {
    let rows = 300_000
    var bytes = csvUTF8("deal_id,line,event,date,account,territory,product,quantity,unit_list_price,"
        + "sale_price,currency,purchase,channel,partner,registration,sourced_by,reps\n")
    for i in 0..<rows {
        let account = i % 10 == 0 ? "\"Müller, GmbH \(i % 97)\"" : "ACC-\(i % 5000)"
        let reps = i % 3 == 0 ? "alice:60;bob:40" : "carol"
        bytes += csvUTF8("D\(i),\(i % 3 + 1),booking,2024-0\(i % 9 + 1)-1\(i % 9),\(account),EMEA,PRD-\(i % 40),"
            + "\(i % 50 + 1).5,1200.00,,EUR,subscription,\(i % 2 == 0 ? "direct" : "partner"),P\(i % 80),approved,company,\(reps)\n")
    }
    var best = Duration.seconds(3600)
    var read = 0
    for _ in 0..<5 {
        let clock = ContinuousClock()
        let start = clock.now
        var reader = CSVReader(bytes: bytes)
        var record = CSVRecord()
        read = 0
        var touched = 0
        while try reader.next(into: &record) {
            read += 1
            for f in 0..<record.count { touched &+= record.withBytes(f) { $0.count } }
        }
        best = min(best, clock.now - start)
        #expect(touched > 0)
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    let megabytes = Double(bytes.count) / 1e6
    print(String(format: "CSV throughput: %.1f MB in %.4f s = %.0f MB/s, %.2f M rows/s",
        megabytes, seconds, megabytes / seconds, Double(read) / seconds / 1e6))
    #expect(read == rows + 1)  // header + 300,000 rows
}
