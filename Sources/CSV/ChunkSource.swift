/// Where a large CSV file's bytes come from when it is read in chunks: a function the caller
/// supplies (the CLI reads the file with `read(2)`), so the library itself does no I/O.
///
///     var rest = Array("id\n1\n2\n".utf8)[...]
///     let source = ChunkSource { max in
///         let chunk = Array(rest.prefix(max)); rest = rest.dropFirst(max); return .success(chunk)
///     }
///     // An empty chunk means the end of the file.
public struct ChunkSource: @unchecked Sendable {
    /// Reads up to `maxBytes` more bytes: fewer is fine (the reader asks again), none means the end.
    public let read: (_ maxBytes: Int) -> Result<[UInt8], ChunkReadError>

    public init(read: @escaping (_ maxBytes: Int) -> Result<[UInt8], ChunkReadError>) {
        self.read = read
    }

    /// 1 MiB: large enough that the per-chunk work vanishes (a million-row file is 80 chunks),
    /// small enough not to matter in memory (a chunk, the one before it and the joined buffer).
    public static let chunkSize = 1 << 20
}

/// Why the next chunk of a file could not be read (the operating system's reason).
public struct ChunkReadError: Error, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
