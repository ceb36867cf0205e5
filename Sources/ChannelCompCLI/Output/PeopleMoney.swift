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
    ///
    /// `plain` is an amount as ``StatementFormat`` writes it (ASCII digits, '-', '.'), grouped
    /// byte by byte.
    static func decorate(_ plain: String, code: String) -> String {
        let bytes = Array(plain.utf8)
        let negative = bytes.first == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        let point = bytes[start...].firstIndex(of: UInt8(ascii: ".")) ?? bytes.count
        let wholeCount = point - start
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + wholeCount / 3 + 8)
        if negative { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: (symbols[code] ?? code + " ").utf8)
        for i in 0..<wholeCount {
            if i > 0 && (wholeCount - i) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(bytes[start + i])
        }
        out.append(contentsOf: bytes[point...])
        return String(decoding: out, as: UTF8.self)
    }
}

extension Money {
    /// This amount for a statement: `$1,882.24` (see ``PeopleMoney``).
    var forPeople: String { PeopleMoney.text(self) }
}
