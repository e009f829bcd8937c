import CompressNIO
import Foundation
import Hummingbird
import LiaisonHTTP
import NIOCore

/// gzip on the sync routes (docs/design.md §6, "Compression"), with compress-nio: answers are
/// compressed only for a client whose `Accept-Encoding` asks for gzip, and a pushed body may
/// arrive gzip-compressed (`Content-Encoding: gzip`). A node without gzip still gets and sends
/// plain JSON.
enum SyncCompression {
    /// The encodings a pushed body may be in besides none, as `GET /v1/node` lists them
    /// (`push_encodings`); a client compresses its push only when the peer lists gzip.
    static let pushEncodings = ["gzip"]

    /// Answers below this many bytes go plain: gzip's header and trailer would outweigh the gain.
    static let minimumBytes = 256

    /// A JSON answer, gzip-compressed when `request` accepts gzip; `Vary: Accept-Encoding` either way.
    static func json(_ text: String, for request: Request) throws -> Response {
        var headers: HTTPFields = [.vary: "Accept-Encoding", .contentType: "application/json; charset=utf-8"]
        var body = ByteBuffer(string: text)
        if body.readableBytes >= minimumBytes, acceptsGzip(request.headers[values: .acceptEncoding]) {
            body = try body.compress(with: .gzip())
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// The request's body, decompressed when it is gzip. The body limit holds for the
    /// decompressed size too: a body that inflates past it is refused with 413 before any of it
    /// is used; a body that is not valid gzip gets 400, an encoding other than gzip 415.
    static func body(of request: Request, limit: Int = APILimits.maxBodyBytes) async throws -> [UInt8] {
        let encoding = request.headers[values: .contentEncoding]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { $0 != "identity" }
        var body = try await request.body.collect(upTo: limit)
        switch encoding {
        case []:
            return Array(body.readableBytesView)
        case ["gzip"], ["x-gzip"]:
            return try inflate(&body, limit: limit)
        default:
            throw APIError(
                .unsupportedMediaType,
                "Content-Encoding \"\(encoding.joined(separator: ", ").prefix(40))\" is not supported: send gzip or none"
            )
        }
    }

    /// Inflates a gzip body a window at a time, refusing it (413) as soon as the output passes
    /// `limit`: memory stays within the limit plus one window, however well the body compresses.
    /// The body must hold one whole gzip stream and nothing after it (400).
    private static func inflate(_ body: inout ByteBuffer, limit: Int) throws -> [UInt8] {
        let decompressor = CompressionAlgorithm.gzip().decompressor
        try decompressor.startStream()
        defer { try? decompressor.finishStream() }
        var output: [UInt8] = []
        var window = ByteBufferAllocator().buffer(capacity: 64 << 10)
        while true {
            let unread = body.readableBytes
            window.clear()
            // zlib answers the same when the stream ended as when it took every byte given and
            // waits for more; only the step after tells them apart: the first again moves
            // nothing, the second finds no input (a body cut short, its checksum missing).
            var inputRanOut = false
            do {
                try decompressor.streamInflate(from: &body, to: &window)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                // The window is full: go on.
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                inputRanOut = true
            } catch {
                throw APIError.badRequest("request body is not valid gzip: \(error)")
            }
            guard output.count + window.readableBytes <= limit else {
                throw APIError(.contentTooLarge, "request body decompresses to over the \(limit)-byte (16 MiB) limit")
            }
            output.append(contentsOf: window.readableBytesView)
            guard body.readableBytes == unread, window.readableBytes == 0 else { continue }
            if inputRanOut { throw APIError.badRequest("request body is not valid gzip: it ends before its gzip stream does") }
            // Bytes after the end of the gzip stream: not a body we take.
            if body.readableBytes > 0 { throw APIError.badRequest("request body is not valid gzip: bytes after the end of the stream") }
            return output
        }
    }

    /// Whether `Accept-Encoding` values ask for gzip: a `gzip`, `x-gzip` or `*` coding whose
    /// quality is not zero (RFC 9110 §12.5.3).
    static func acceptsGzip(_ values: [String]) -> Bool {
        for value in values {
            for item in value.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first, ["gzip", "x-gzip", "*"].contains(coding) else { continue }
                let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
                if quality > 0 { return true }
            }
        }
        return false
    }
}
