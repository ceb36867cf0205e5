import ChannelComp

/// The files of `payout --out`: statements per payee, an index and payouts.csv.
enum StatementWriter {
    static func files(_ run: PayoutRun, inputs: Inputs) -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = []
        var csv = "payee_type,payee_id,name,amount,currency,period\n"
        for p in run.people {
            csv += ["person", CSVWriter.field(p.id.rawValue), CSVWriter.field(p.name), p.payout.formatted,
                    run.currency.code, run.period.description].joined(separator: ",") + "\n"
        }
        for p in run.partners {
            csv += ["partner", CSVWriter.field(p.id.rawValue), CSVWriter.field(p.name), p.payout.formatted,
                    run.currency.code, run.period.description].joined(separator: ",") + "\n"
        }
        files.append((name: "payouts.csv", bytes: Array(csv.utf8)))
        return files
    }
}
