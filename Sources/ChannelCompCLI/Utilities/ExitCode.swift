import ChannelComp

/// Process exit statuses (sysexits, SPEC 5).
public enum ExitCode: Int32, Sendable {
    case success = 0
    case failure = 1
    /// `audit --fail-on-violation`: the audit ran and the required neutrality was not met.
    case neutralityViolation = 2
    case usage = 64
    case invalidData = 65
    case missingInput = 66
    case cannotWrite = 73
}

/// A command's failure: what to print on stderr and the status to exit with.
struct CommandFailure: Error {
    var code: ExitCode
    var message: String
    init(_ code: ExitCode, _ message: String) {
        self.code = code
        self.message = message
    }
}
