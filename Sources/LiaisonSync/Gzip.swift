import CompressNIO
import NIOCore

/// gzip for pushed batches (compress-nio over zlib). A batch of state JSON shrinks several times.
enum Gzip {
    /// `bytes` gzip-compressed, at zlib's fastest level: pushing is bound by CPU as much as by the wire.
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var buffer = ByteBuffer(bytes: bytes)
        let compressed = try buffer.compress(with: .gzip(configuration: .init(compressionLevel: .fastestCompression)))
        return Array(compressed.readableBytesView)
    }
}
