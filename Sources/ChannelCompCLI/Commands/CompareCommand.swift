import ChannelComp

/// `channelcomp compare` (not built yet).
enum CompareCommand {
    static func run(_ args: ParsedArguments, console: Console) throws(CommandFailure) {
        throw CommandFailure(.failure, "error: 'compare' is not implemented yet")
    }
}
