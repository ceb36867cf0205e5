import TextSuggestions
/// Parses a command line against a `CommandSpec` tree.
///
/// With a root `channelcomp` whose `payout` takes a required
/// `--period YYYY-MM`:
///
/// | arguments | outcome |
/// | --- | --- |
/// | `payout --period 2027-03` | `.run`, `value("period") == "2027-03"` |
/// | `payout --period=2027-03` | the same |
/// | `payout --help`, `help payout` | `.help(…payout help…)` |
/// | `--version` | `.version` |
/// | `payuot` | `error: unknown subcommand 'payuot'; did you mean 'payout'?` |
/// | `payout --peroid 2027-03` | `error: unknown option '--peroid'; did you mean '--period'?` and `error: missing required option '--period YYYY-MM'` |
///
/// Every problem is reported on its own `error:` line, followed by the usage
/// line and `See 'channelcomp payout --help'.`
public enum ArgumentParser {
    /// Parses `arguments` (without `argv[0]`) for the command tree `root`.
    ///
    /// `parse(["payout", "--plan", "p.json"], root: root, version: "1.0.0")`
    /// → `.run(ParsedArguments(commandPath: ["channelcomp", "payout"], values: ["plan": ["p.json"]]))`
    /// when `--plan` is payout's only option.
    public static func parse(_ arguments: [String], root: CommandSpec, version: String) -> ParseOutcome {
        var command = root
        var path = [root.name]
        var index = 0

        // Walk down through commands that have subcommands.
        while !command.subcommands.isEmpty {
            guard index < arguments.count else {
                let names = command.subcommands.map(\.name).joined(separator: ", ")
                return usageError(["missing subcommand; choose one of: \(names)"], command: command, path: path)
            }
            let token = arguments[index]
            if let next = command.subcommand(named: token) {
                command = next
                path.append(next.name)
                index += 1
                continue
            }
            if token == "help" {
                return helpCommand(Array(arguments[(index + 1)...]), from: command, path: path, version: version)
            }
            if isHelpFlag(token) {
                return .help(HelpFormatter.help(for: command, path: path, version: version))
            }
            if token == "--version" && path.count == 1 {
                return .version
            }
            // Anything else is an error, unless help was asked for later on.
            if arguments[index...].prefix(while: { $0 != "--" }).contains(where: isHelpFlag) {
                return .help(HelpFormatter.help(for: command, path: path, version: version))
            }
            let problem =
                token.hasPrefix("-") && token != "-"
                ? unknownOptionBeforeSubcommand(
                    token, later: Array(arguments[(index + 1)...]), command: command, path: path)
                : unknownSubcommand(token, command: command)
            return usageError([problem], command: command, path: path)
        }

        return parseOptions(
            Array(arguments[index...]), command: command, path: path, version: version)
    }

    /// The text of a usage error for the command at `commandPath`, in the same
    /// layout as the parser's own: for commands that validate values after
    /// parsing.
    ///
    /// `usageErrorText(["'2027-13' is not a month; expected YYYY-MM"],
    /// commandPath: ["channelcomp", "payout"], root: root)` →
    /// `error: '2027-13' is not a month; expected YYYY-MM`, then
    /// `Usage: channelcomp payout …` and `See 'channelcomp payout --help'.`
    public static func usageErrorText(_ problems: [String], commandPath: [String], root: CommandSpec) -> String {
        let command = root.descendant(Array(commandPath.dropFirst())) ?? root
        let path = command == root ? [root.name] : commandPath
        return usageErrorText(problems, command: command, path: path)
    }

    /// The `--help` text of the command at `commandPath`, or `nil` if there is
    /// no such command.
    ///
    /// `helpText(commandPath: ["channelcomp", "payout"], root: root, version: "1.0.0")`
    /// is what `channelcomp payout --help` prints.
    public static func helpText(commandPath: [String], root: CommandSpec, version: String) -> String? {
        guard commandPath.first == root.name,
              let command = root.descendant(Array(commandPath.dropFirst()))
        else { return nil }
        return HelpFormatter.help(for: command, path: commandPath, version: version)
    }

    // MARK: - Options of a leaf command

    private static func parseOptions(
        _ arguments: [String], command: CommandSpec, path: [String], version: String
    ) -> ParseOutcome {
        let beforeTerminator = arguments.prefix(while: { $0 != "--" })
        if beforeTerminator.contains(where: isHelpFlag) {
            return .help(HelpFormatter.help(for: command, path: path, version: version))
        }
        // A root without subcommands takes --version among its options.
        if path.count == 1, beforeTerminator.contains("--version") {
            return .version
        }

        var values: [String: [String]] = [:]
        var flags: Set<String> = []
        var firstValue: [String: String] = [:]  // the first value of each single option, valid or not
        var given: Set<String> = []
        var problems: [String] = []
        var index = 0
        var afterTerminator = false

        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if afterTerminator || !token.hasPrefix("-") || token == "-" {
                problems.append(unexpectedArgument(token, command: command))
                continue
            }
            if token == "--" {
                afterTerminator = true
                continue
            }
            let body = token.hasPrefix("--") ? token.dropFirst(2) : token.dropFirst(1)
            let name: String
            let inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
                inlineValue = nil
            }
            let typed = (token.hasPrefix("--") ? "--" : "-") + name
            guard token.hasPrefix("--"), let option = command.option(named: name) else {
                problems.append(unknownOption(typed, command: command, path: path))
                // Commands take no positional arguments, so a word right after
                // an unknown option is most likely its value: skip it rather
                // than report it a second time.
                if inlineValue == nil, index < arguments.count, !arguments[index].hasPrefix("-") {
                    index += 1
                }
                continue
            }
            given.insert(option.name)

            if option.kind == .flag {
                if inlineValue != nil {
                    problems.append("flag '\(option.flagName)' does not take a value; write '\(option.flagName)' alone")
                } else {
                    flags.insert(option.name)
                }
                continue
            }

            var value = inlineValue
            if value == nil, index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            }
            guard let value, !value.isEmpty else {
                problems.append("option '\(option.flagName)' needs a value \(option.valueName)")
                continue
            }
            if option.kind == .single {
                if let first = firstValue[option.name] {
                    problems.append(
                        "option '\(option.flagName)' given twice ('\(first)', then '\(value)'); give it once")
                    continue
                }
                firstValue[option.name] = value
            }
            if let allowed = option.allowedValues, !allowed.contains(value) {
                var problem =
                    "option '\(option.flagName)' expects one of \(allowed.joined(separator: ", ")); found '\(value)'"
                if let suggestion = Suggestions.closest(to: value, among: allowed) {
                    problem += "; did you mean '\(suggestion)'?"
                }
                problems.append(problem)
                continue
            }
            values[option.name, default: []].append(value)
        }

        for option in command.options where !given.contains(option.name) {
            if let defaultValue = option.defaultValue, option.kind != .flag {
                values[option.name] = [defaultValue]
            } else if option.isRequired {
                problems.append("missing required option '\(option.label)'")
            }
        }

        guard problems.isEmpty else {
            return usageError(problems, command: command, path: path)
        }
        return .run(ParsedArguments(commandPath: path, values: values, flags: flags))
    }

    // MARK: - `help <subcommand>`

    private static func helpCommand(
        _ names: [String], from start: CommandSpec, path startPath: [String], version: String
    ) -> ParseOutcome {
        var command = start
        var path = startPath
        for name in names where !isHelpFlag(name) {
            guard let next = command.subcommand(named: name) else {
                let problem =
                    command.subcommands.isEmpty
                    ? "'\(path.joined(separator: " "))' has no subcommands; found '\(name)'"
                    : unknownSubcommand(name, command: command)
                return usageError([problem], command: command, path: path)
            }
            command = next
            path.append(next.name)
        }
        return .help(HelpFormatter.help(for: command, path: path, version: version))
    }

    // MARK: - Messages

    private static func isHelpFlag(_ token: String) -> Bool {
        token == "-h" || token == "--help"
    }

    private static func unknownSubcommand(_ token: String, command: CommandSpec) -> String {
        let names = command.subcommands.map(\.name)
        if let suggestion = Suggestions.closest(to: token, among: names) {
            return "unknown subcommand '\(token)'; did you mean '\(suggestion)'?"
        }
        return "unknown subcommand '\(token)'; choose one of: \(names.joined(separator: ", "))"
    }

    private static func unknownOption(_ typed: String, command: CommandSpec, path: [String]) -> String {
        var candidates = command.options.map(\.name) + ["help"]
        if path.count == 1 { candidates.append("version") }
        if let suggestion = Suggestions.closest(to: OptionSpec.bareName(typed), among: candidates) {
            return "unknown option '\(typed)'; did you mean '--\(suggestion)'?"
        }
        return "unknown option '\(typed)'"
    }

    /// `channelcomp --plan p.json payout`: if some subcommand has the option,
    /// say it goes after the subcommand (naming the one typed later, if any).
    private static func unknownOptionBeforeSubcommand(
        _ token: String, later: [String], command: CommandSpec, path: [String]
    ) -> String {
        let typed = String(token.prefix(while: { $0 != "=" }))
        let name = OptionSpec.bareName(typed)
        let owners = command.subcommands.filter { $0.option(named: name) != nil }.map(\.name)
        guard token.hasPrefix("--"), !owners.isEmpty else {
            return unknownOption(typed, command: command, path: path)
        }
        let subcommand = later.first(where: { owners.contains($0) }) ?? "<subcommand>"
        let base = path.joined(separator: " ")
        return "option '--\(name)' must come after the subcommand: '\(base) \(subcommand) --\(name) ...'"
    }

    private static func unexpectedArgument(_ token: String, command: CommandSpec) -> String {
        if let suggestion = Suggestions.closest(to: token, among: command.options.map(\.name)),
           token.count > 1 {
            return "unexpected argument '\(token)'; did you mean '--\(suggestion)'?"
        }
        return "unexpected argument '\(token)'"
    }

    private static func usageError(_ problems: [String], command: CommandSpec, path: [String]) -> ParseOutcome {
        .usageError(usageErrorText(problems, command: command, path: path))
    }

    private static func usageErrorText(_ problems: [String], command: CommandSpec, path: [String]) -> String {
        var lines = problems.map { "error: " + $0 }
        lines.append("Usage: " + HelpFormatter.usage(for: command, path: path))
        lines.append("See '\(path.joined(separator: " ")) --help'.")
        return lines.joined(separator: "\n") + "\n"
    }
}
