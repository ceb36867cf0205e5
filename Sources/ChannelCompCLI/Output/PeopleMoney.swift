import ChannelComp

/// Money written for people to read (statements, text and HTML): the currency's symbol and
/// digit grouping. Machine outputs (CSV, JSON, the summary table) keep plain `1234.50`.
///
///     1882.24 USD    → $1,882.24
///     -212.49 USD    → -$212.49      (the minus first, so a recovery stands out)
///     800000.00 EUR  → €800,000.00
///     1500000 JPY    → ¥1,500,000
///     99.5 CHF       → CHF 99.50     (a code without a well-known symbol is written before the number)
///     0.325 USD      → $0.325        (an exact amount keeps its places)
///
/// Grouping is always `,` in threes and the decimal point `.`, whatever the currency: one
/// convention in every statement, the one the input files use.
enum PeopleMoney {
    /// Symbols of the currencies whose symbol is not shared with another in common use.
    static let symbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩", "ILS": "₪",
        "NGN": "₦", "PHP": "₱", "VND": "₫", "UAH": "₴", "TRY": "₺", "CAD": "CA$", "AUD": "A$",
        "NZD": "NZ$", "HKD": "HK$", "SGD": "S$", "MXN": "MX$", "BRL": "R$", "CNY": "CN¥",
    ]

    static func text(_ m: Money) -> String { text(m.amount, m.currency) }

    /// An exact amount: at least the currency's minor units, more only when the amount has them.
    static func text(_ value: ExactDecimal, _ currency: Currency) -> String {
        let plain = StatementFormat.exact(value, currency)
        return decorate(plain, code: currency.code)
    }

    /// `-1234.5` with code USD → `-$1,234.5`: sign, symbol, grouped digits.
    static func decorate(_ plain: String, code: String) -> String {
        var digits = Substring(plain)
        let negative = digits.hasPrefix("-")
        if negative { digits = digits.dropFirst() }
        let point = digits.firstIndex(of: ".")
        let whole = point.map { digits[..<$0] } ?? digits
        let fraction = point.map { String(digits[$0...]) } ?? ""
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let symbol = symbols[code].map { $0 } ?? code + " "
        return (negative ? "-" : "") + symbol + grouped + fraction
    }
}

extension Money {
    /// This amount for a statement: `$1,882.24` (see ``PeopleMoney``).
    var forPeople: String { PeopleMoney.text(self) }
}
