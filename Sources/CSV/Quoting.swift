/// Quotes a found value for a message: `"-3"`, with control characters escaped and long values cut.
///
///     quoted("-3") == "\"-3\""
///     quoted("") == "an empty value"
public func quoted(_ value: String, limit: Int = 60) -> String {
    if value.isEmpty { return "an empty value" }
    var text = ""
    var count = 0
    for scalar in value.unicodeScalars {
        if count >= limit { text += "…"; break }
        switch scalar {
        case "\"": text += "\\\""
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        case "\t": text += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || [0xFEFF, 0x200B, 0x200C, 0x200D, 0x2060, 0x00AD, 0x202E, 0x202D].contains(scalar.value) {
                text += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        count += 1
    }
    return "\"\(text)\""
}
