import Testing
import ChannelComp
@testable import ChannelCompCLI

/// Money for people (statements only): symbol, grouping in threes, the minus first.
@Suite struct PeopleMoneyTests {
    @Test(arguments: [
        ("1882.24", "USD", "$1,882.24"), ("-212.49", "USD", "-$212.49"), ("800000.00", "EUR", "€800,000.00"),
        ("1500000", "JPY", "¥1,500,000"), ("99.50", "CHF", "CHF 99.50"), ("0.325", "USD", "$0.325"),
        ("123", "USD", "$123"), ("1234", "GBP", "£1,234"), ("-1000000.00", "USD", "-$1,000,000.00"),
    ])
    func decorate(_ plain: String, _ code: String, _ expected: String) {
        #expect(PeopleMoney.decorate(plain, code: code) == expected, "\(plain) \(code)")
    }

    /// From a Money: the currency's minor units (JPY 0, USD 2), exact places kept.
    @Test func fromMoney() throws {
        let usd = try #require(Currency(code: "USD"))
        #expect(Money(try ExactDecimal(parsing: "1882.24"), usd).forPeople == "$1,882.24")
        #expect(PeopleMoney.text(try ExactDecimal(parsing: "4999.996"), usd) == "$4,999.996")
        #expect(PeopleMoney.text(try ExactDecimal(parsing: "12"), usd) == "$12.00")
    }
}
