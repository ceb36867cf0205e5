/// A data folder's own settings, `channelcomp.json`: which plan its runs use.
///
/// `{"plan": "../Plans/channel-neutral.json"}` in `2027-data/channelcomp.json` lets
/// `channelcomp payout --period 2027-03` run inside `2027-data` (or with `--data 2027-data`)
/// without `--plan`. The plan path is relative to the data folder, not to the current
/// directory; an explicit `--plan` wins. Unknown keys are errors (a typo must not be ignored).
public struct DataFolderConfig: Sendable, Equatable {
    /// The file name looked for in the data folder.
    public static let fileName = "channelcomp.json"

    /// The plan, as written (relative to the data folder unless absolute).
    public var plan: String?

    /// A config, or the problem that stops it being read.
    public enum Parsed: Sendable {
        case config(DataFolderConfig)
        case problem(Diagnostic)
    }

    /// Reads the config, or a located error naming the file and key.
    ///
    /// `{"plan": 7}` → `channelcomp.json:1: error: key plan: expected a string (a path to the plan JSON), found number`.
    public static func parse(file: String, bytes: [UInt8]) -> Parsed {
        let node: JSONNode
        do { node = try JSONParser.parse(bytes) } catch {
            return .problem(Diagnostic(file: file, line: error.location.line, column: error.location.column, message: error.message))
        }
        guard let members = node.objectMembers else {
            return .problem(Diagnostic(file: file, line: node.location.line, message: "expected an object such as {\"plan\": \"../Plans/plan.json\"}, found \(node.kindName)"))
        }
        var config = DataFolderConfig()
        for m in members {
            switch m.key {
            case "plan":
                guard let text = m.value.stringValue, !text.isEmpty else {
                    return .problem(Diagnostic(file: file, line: m.value.location.line, field: "key plan",
                                               message: "expected a non-empty string (a path to the plan JSON, relative to the data folder), found \(m.value.kindName)"))
                }
                config.plan = text
            default:
                return .problem(Diagnostic(file: file, line: m.value.location.line, field: "key \(m.key)",
                                           message: "unknown key: the only key is \"plan\""))
            }
        }
        return .config(config)
    }
}
