/// Safe, unique file names for statements, derived from payee ids.
///
/// Only `[A-Za-z0-9._-]` survive (anything else becomes `_`), a leading dot or `-` gets a `_` in front,
/// Windows device names (`CON`, `nul.x`, `COM1`) get a `_` in front, and names that collide —
/// case-insensitively, as on macOS and Windows — get `-2`, `-3`, … :
///
///     ann                → ann
///     ../../etc/passwd   → _.._.._etc_passwd
///     CON                → _CON
///     -minus             → _-minus
///     a/b, a:b           → a_b, a_b-2
enum StatementFileName {
    /// Longest stem kept from an id (file systems allow 255 bytes; room is left for suffixes).
    static let maxStemLength = 100

    static let reservedDeviceNames: Set<String> = {
        var names: Set<String> = ["con", "prn", "aux", "nul"]
        for n in 0...9 { names.insert("com\(n)"); names.insert("lpt\(n)") }
        return names
    }()

    /// The sanitised stem of one id (not yet unique).
    static func stem(_ id: String) -> String {
        var stem = ""
        for scalar in id.unicodeScalars.prefix(maxStemLength) {
            let safe = scalar.isASCII && (
                (scalar >= "A" && scalar <= "Z") || (scalar >= "a" && scalar <= "z")
                || (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "_" || scalar == "-")
            stem.unicodeScalars.append(safe ? scalar : "_")
        }
        if stem.isEmpty { return "_" }
        // A leading dot hides the file; a leading '-' reads as an option to shell commands.
        if stem.hasPrefix(".") || stem.hasPrefix("-") { stem = "_" + stem }
        let device = stem.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? stem
        if reservedDeviceNames.contains(device.lowercased()) { stem = "_" + stem }
        return stem
    }

    /// Unique stems for `ids`, in the same order.
    ///
    /// Ids that need no change claim their own name first, so `ann` is always `ann`; the others
    /// follow in the given order and take the first free `stem`, `stem-2`, `stem-3`, ….
    static func uniqueStems(_ ids: [String]) -> [String] {
        var taken: Set<String> = []
        var result = [String?](repeating: nil, count: ids.count)
        let stems = ids.map(stem)
        for (i, id) in ids.enumerated() where stems[i] == id && !taken.contains(id.lowercased()) {
            taken.insert(id.lowercased())
            result[i] = id
        }
        for i in ids.indices where result[i] == nil {
            var candidate = stems[i]
            var n = 2
            while taken.contains(candidate.lowercased()) {
                candidate = "\(stems[i])-\(n)"
                n += 1
            }
            taken.insert(candidate.lowercased())
            result[i] = candidate
        }
        return result.map { $0 ?? "_" }
    }
}
