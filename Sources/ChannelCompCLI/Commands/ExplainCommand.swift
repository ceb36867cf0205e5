import ChannelComp

/// `channelcomp explain` (not built yet).
enum ExplainCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        throw CommandFailure(.failure, "error: 'explain' is not implemented yet")
    }
}
