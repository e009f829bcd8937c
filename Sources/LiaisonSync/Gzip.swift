import CompressNIO
import NIOCore

/// gzip for pushed batches (compress-nio over zlib). A batch of state JSON shrinks several times.
enum Gzip {
    /// `bytes` gzip-compressed at zlib's default level (about 7× smaller for state JSON; the
    /// receiving node, which merges, is the slower end of a push, not this one).
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var buffer = ByteBuffer(bytes: bytes)
        let compressed = try buffer.compress(with: .gzip())
        return Array(compressed.readableBytesView)
    }
}
