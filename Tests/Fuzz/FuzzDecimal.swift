// libFuzzer entry for the decimal parser and arithmetic: no traps, and printing round-trips.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecimal(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    guard case .success(let value) = ExactDecimal.parse(buffer, maxFractionDigits: 38) else { return 0 }
    // Printing and parsing again gives the same number.
    let text = value.description
    let again = try? ExactDecimal(parsing: text, maxFractionDigits: 38)
    precondition(again == value, "round trip failed for \(text)")
    // Arithmetic reports overflow as an error, never a trap.
    _ = try? value.adding(value)
    _ = try? value.subtracting(value)
    _ = try? value.multiplied(by: value)
    _ = try? value.divided(by: value, scale: 4, rule: .halfEven)
    for rule in RoundingRule.allCases {
        if let r = try? value.rounded(scale: 2, rule: rule) {
            _ = r.formatted(fractionDigits: 2)
        }
    }
    if let rate = try? Rate(parsing: text + "%") { _ = rate.percentText }
    let money = Money(value, .usd)
    _ = try? Allocation.split(money.rounded(.halfEven), weights: [value.magnitude, .one])
    return 0
}
