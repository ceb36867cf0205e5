import ChannelCompCLI
#if canImport(Glibc)
import Glibc
#endif

let console = Console(streaming: true)
exit(ChannelCompCLI.run(Array(CommandLine.arguments.dropFirst()), console: console))
