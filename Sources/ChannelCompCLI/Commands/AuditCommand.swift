import ChannelComp

/// `channelcomp audit` (not built yet).
enum AuditCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        throw CommandFailure(.failure, "error: 'audit' is not implemented yet")
    }
}
