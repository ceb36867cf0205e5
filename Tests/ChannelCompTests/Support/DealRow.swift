/// One `deals.csv` row with every column of SPEC 2.2, for building ledgers in tests.
///
/// Empty strings are empty fields (the column's default). Values never contain commas, so
/// no quoting is needed:
///
///     DealRow.direct("D1", "2027-01-10", "10000", reps: "ann").csv
///     // D1,,,2027-01-10,A1,WEST,WIDGET,1,10000,,USD,,direct,,,,ann
struct DealRow: Sendable {
    var deal: String
    var line = ""
    var event = ""
    var date: String
    var account = "A1"
    var territory = "WEST"
    var product = "WIDGET"
    var quantity = "1"
    var unitListPrice = ""
    var salePrice = ""
    var currency = "USD"
    var purchase = ""
    var channel = "direct"
    var partner = ""
    var registration = ""
    var sourcedBy = ""
    var reps = ""

    static let header = "deal_id,line,event,date,account,territory,product,quantity,unit_list_price,sale_price,currency,purchase,channel,partner,registration,sourced_by,reps"

    var csv: String {
        [deal, line, event, date, account, territory, product, quantity, unitListPrice, salePrice, currency,
         purchase, channel, partner, registration, sourcedBy, reps].joined(separator: ",")
    }

    /// A direct WIDGET booking of `quantity` × `unitPrice` (S = L when no sale price).
    static func direct(_ deal: String, _ date: String, _ unitPrice: String, quantity: String = "1",
                       reps: String = "ann", territory: String = "WEST") -> DealRow {
        DealRow(deal: deal, date: date, territory: territory, quantity: quantity, unitListPrice: unitPrice, reps: reps)
    }

    /// A partner WIDGET booking of list `quantity` × `unitPrice`.
    static func partner(_ deal: String, _ date: String, _ unitPrice: String, quantity: String = "1",
                        partner: String = "P1", registration: String = "", purchase: String = "",
                        territory: String = "WEST") -> DealRow {
        DealRow(deal: deal, date: date, territory: territory, quantity: quantity, unitListPrice: unitPrice,
                purchase: purchase, channel: "partner", partner: partner, registration: registration)
    }

    /// A cancellation naming `(deal, line)` with every other column empty (taken from the booking).
    static func cancellation(_ deal: String, _ date: String, line: String = "") -> DealRow {
        DealRow(deal: deal, line: line, event: "cancellation", date: date, account: "", territory: "", product: "",
                quantity: "", currency: "", channel: "")
    }
}

/// `deals.csv` text: the header, then one line per row, LF-terminated.
func dealsCSV(_ rows: [DealRow]) -> String {
    ([DealRow.header] + rows.map(\.csv)).joined(separator: "\n") + "\n"
}
