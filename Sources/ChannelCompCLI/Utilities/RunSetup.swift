import ArgumentParsing
import Foundation
import ChannelComp

/// Where a command's plan and data come from, and how many errors of a kind it shows.
///
/// `--data` defaults to the current folder; `--plan` defaults to the plan named by the data
/// folder's `channelcomp.json` (``DataFolderConfig``), resolved against the data folder. So
/// inside a data folder holding `{"plan": "../Plans/channel-neutral.json"}`,
/// `channelcomp payout --period 2027-03` runs that plan on that folder. Explicit options win.
enum RunSetup {
    /// `--max-errors N`: errors of one kind shown in full (default 3; 0 = all).
    static let maxErrorsOption = OptionSpec("max-errors", valueName: "N",
        help: "Show at most N errors of each kind in full; the rest are counted with their lines (default 3; 0 shows all).")

    /// The plan and data folder of the run.
    ///
    /// `--data d` without `--plan`, `d/channelcomp.json` = `{"plan": "../p.json"}` → (`d/../p.json`, `d`).
    static func locate(_ args: ParsedArguments) throws(CommandFailure) -> (plan: String, data: String) {
        let data = args.value("data") ?? "."
        if let plan = args.value("plan") { return (plan, data) }
        let configPath = FileSystem.join(data, DataFolderConfig.fileName)
        guard case .bytes(let bytes) = FileSystem.read(configPath) else {
            throw CommandFailure(.usage, ArgumentParser.usageErrorText(
                ["missing required option '--plan FILE' (or a \(DataFolderConfig.fileName) in the data folder \(displayFolder(data)) naming it: {\"plan\": \"../Plans/plan.json\"})"],
                commandPath: args.commandPath, root: ChannelCompCLI.root).trimmingSuffixNewline)
        }
        switch DataFolderConfig.parse(file: configPath, bytes: bytes) {
        case .problem(let d):
            throw CommandFailure(.invalidData, d.render())
        case .config(let config):
            guard let plan = config.plan else {
                throw CommandFailure(.invalidData, "\(configPath): error: names no \"plan\"; write {\"plan\": \"../Plans/plan.json\"} or give --plan")
            }
            return (plan.hasPrefix("/") || data == "." ? plan : FileSystem.join(data, plan), data)
        }
    }

    /// `--max-errors`, validated.
    static func digest(_ args: ParsedArguments) throws(CommandFailure) -> DiagnosticDigest {
        guard let text = args.value("max-errors") else { return DiagnosticDigest(perKind: DiagnosticDigest.defaultPerKind) }
        guard let n = Int(text), n >= 0, text.allSatisfy(\.isASCII) else {
            throw CommandFailure(.usage, ArgumentParser.usageErrorText(
                ["option '--max-errors' expects a whole number ≥ 0 (0 shows every error), found '\(text)'"],
                commandPath: args.commandPath, root: ChannelCompCLI.root).trimmingSuffixNewline)
        }
        return DiagnosticDigest(perKind: n)
    }

    /// Loads the plan and data the arguments name (see ``locate(_:)``).
    static func load(_ args: ParsedArguments, console: Console, timer: PhaseTimer? = nil) throws(CommandFailure) -> Inputs {
        let (plan, data) = try locate(args)
        return try InputLoader.load(planPath: plan, dataDirectory: data, console: console, timer: timer, digest: try digest(args))
    }

    /// `.` → `. (the current folder)`; other paths as given.
    static func displayFolder(_ path: String) -> String { path == "." ? ". (the current folder)" : path }

    /// For a relative path, a hint line naming the current folder it was looked for from; "" for an absolute one.
    ///
    /// `relativeNote("data")` in /home/ann → `\nhint: 'data' was looked for from the current folder /home/ann`.
    static func relativeNote(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return "" }
        return "\nhint: '\(path)' was looked for from the current folder \(FileManager.default.currentDirectoryPath)"
    }
}
