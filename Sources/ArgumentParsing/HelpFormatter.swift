import TextSuggestions
/// Renders `--help` text and usage lines from a `CommandSpec`.
///
/// For `payout` with a required `--plan FILE` and an optional
/// `--format FORMAT`, the usage line is
/// `channelcomp payout --plan FILE [--format FORMAT]`, and the OPTIONS row is
/// `  --format FORMAT         Summary format. (values: text, csv, json; default: text)`
/// — labels in a 22-character column after two spaces, help wrapped at 80
/// characters.
public enum HelpFormatter {
    /// Width of the label column (after a two-space indent).
    public static let labelWidth = 22
    /// Lines are wrapped to this many characters.
    public static let lineWidth = 80

    public static let helpLabel = "-h, --help"
    public static let helpText = "Show help information."
    public static let versionLabel = "--version"

    /// `channelcomp payout --plan FILE --data DIR [--out DIR]`, or
    /// `channelcomp <subcommand>` for a command with subcommands.
    ///
    /// A required repeated option shows as `--plan FILE ...`, an optional one
    /// as `[--plan FILE ...]`, a flag as `[--force]`.
    public static func usage(for command: CommandSpec, path: [String]) -> String {
        var words = [path.joined(separator: " ")]
        if !command.subcommands.isEmpty {
            words.append("<subcommand>")
            return words.joined(separator: " ")
        }
        for option in command.options {
            switch (option.kind, option.isRequired && option.defaultValue == nil) {
            case (.flag, _): words.append("[\(option.flagName)]")
            case (.single, true): words.append(option.label)
            case (.single, false): words.append("[\(option.label)]")
            case (.repeated, true): words.append("\(option.label) ...")
            case (.repeated, false): words.append("[\(option.label) ...]")
            }
        }
        return words.joined(separator: " ")
    }

    /// The full help text for `command` (at `path`), ending with a newline.
    ///
    /// Sections: OVERVIEW, the discussion, USAGE, OPTIONS, SUBCOMMANDS (for a
    /// command with subcommands) and EXAMPLES (when there are any).
    public static func help(for command: CommandSpec, path: [String], version: String) -> String {
        var lines: [String] = []
        lines.append("OVERVIEW: \(command.abstract)")
        lines.append("")
        if !command.discussion.isEmpty {
            lines.append(command.discussion)
            lines.append("")
        }
        lines.append("USAGE: \(usage(for: command, path: path))")
        lines.append("")

        var optionRows: [(String, String)] = []
        if command.subcommands.isEmpty {
            for option in command.options {
                optionRows.append((option.label, optionHelp(option)))
            }
        }
        if path.count == 1 {
            optionRows.append((versionLabel, "Show the version (\(version))."))
        }
        optionRows.append((helpLabel, helpText))
        lines.append("OPTIONS:")
        lines += table(optionRows)
        lines.append("")

        if !command.subcommands.isEmpty {
            lines.append("SUBCOMMANDS:")
            lines += table(command.subcommands.map { ($0.name, $0.abstract) })
            lines.append("")
            let helpPath = path.prefix(1) + ["help"] + path.dropFirst()
            lines.append("See '\(helpPath.joined(separator: " ")) <subcommand>' for detailed help.")
            lines.append("")
        }

        if !command.usageExamples.isEmpty {
            lines.append("EXAMPLES:")
            lines += command.usageExamples.map { "  " + $0 }
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The help of an option followed by its notes:
    /// `Summary format. (values: text, csv, json; default: text)`.
    public static func optionHelp(_ option: OptionSpec) -> String {
        var notes: [String] = []
        if option.kind == .repeated { notes.append("repeatable") }
        if let allowed = option.allowedValues { notes.append("values: " + allowed.joined(separator: ", ")) }
        if let defaultValue = option.defaultValue { notes.append("default: \(defaultValue)") }
        guard !notes.isEmpty else { return option.help }
        let note = "(" + notes.joined(separator: "; ") + ")"
        return option.help.isEmpty ? note : option.help + " " + note
    }

    /// Two-column rows: `  label<padding>help`, help wrapped; a label too long
    /// for its column gets a line of its own.
    ///
    /// `table([("--plan FILE", "The plan.")])` →
    /// `["  --plan FILE           The plan."]`.
    public static func table(_ rows: [(label: String, help: String)]) -> [String] {
        let indent = String(repeating: " ", count: 2 + labelWidth)
        var lines: [String] = []
        for row in rows {
            let wrapped = wrap(row.help, width: lineWidth - indent.count)
            if row.label.count > labelWidth - 2 || wrapped.isEmpty {
                lines.append("  " + row.label)
                lines += wrapped.map { indent + $0 }
            } else {
                let padding = String(repeating: " ", count: labelWidth - row.label.count)
                lines.append("  " + row.label + padding + wrapped[0])
                lines += wrapped.dropFirst().map { indent + $0 }
            }
        }
        return lines
    }

    /// Splits text into lines of at most `width` characters at spaces
    /// (a single longer word stays whole).
    ///
    /// `wrap("a bb ccc", width: 4) == ["a bb", "ccc"]`.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
