import ChannelComp

/// Where a command writes: buffered so tests can run commands in-process.
///
/// Control characters (ESC, BEL, C1, U+202E, …) that input smuggled into a name or reason are
/// spelled out (``VisibleText``), never sent raw to a terminal. A failed write to standard output
/// (a full disk, `/dev/full`) is remembered: the run then exits 73 instead of 0, because a
/// payroll import would take a cut file.
public final class Console {
    public private(set) var out = ""
    public private(set) var err = ""
    let streaming: Bool
    /// Why standard output could not be written, if it could not: the first failure.
    public private(set) var outputFailure: String? = nil

    /// `streaming` writes through to the process's stdout/stderr as it goes.
    public init(streaming: Bool = false) { self.streaming = streaming }

    public func print(_ text: String, terminator: String = "\n") {
        // No terminator: the text itself (a report of hundreds of MB is not copied to add nothing).
        let safe = terminator.isEmpty ? VisibleText.escape(text) : VisibleText.escape(text) + terminator
        if streaming {
            guard outputFailure == nil else { return }
            outputFailure = writeStandard(1, safe)
        } else {
            out += safe
        }
    }

    /// Prints text made in pieces (`produce` hands each piece to its argument) as if printed at
    /// once: each piece made visible (``VisibleText``, which works character by character, so
    /// pieces must end on whole characters) and written as it comes — a report of hundreds of
    /// MB never held whole.
    public func printPieces(_ produce: ((String) -> Void) -> Void) {
        produce { piece in print(piece, terminator: "") }
    }

    public func error(_ text: String, terminator: String = "\n") {
        let safe = VisibleText.escape(text) + terminator
        if streaming { writeStandard(2, safe) } else { err += safe }
    }
}
