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

/// A file that can be read from any offset, in chunks: what lets a large file be read in two
/// pieces on two threads. The caller supplies it (the CLI reads with `pread(2)`), so the library
/// itself still does no I/O.
///
///     let bytes = Array("id\n1\n2\n".utf8)
///     let file = RangedSource(size: bytes.count) { start, end in
///         var at = start
///         return ChunkSource { max in
///             let chunk = Array(bytes[at..<min(end, at + max)]); at += chunk.count; return .success(chunk)
///         }
///     }
///     // file.open(5, 7) reads "2\n"
public struct RangedSource: @unchecked Sendable {
    /// The file's size in bytes (when it was opened).
    public let size: Int
    /// A source for bytes `start..<end` of the file, in chunks; empty after `end`.
    public let open: (_ start: Int, _ end: Int) -> ChunkSource

    public init(size: Int, open: @escaping (_ start: Int, _ end: Int) -> ChunkSource) {
        self.size = size
        self.open = open
    }
}
