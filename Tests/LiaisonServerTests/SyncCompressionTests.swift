import CompressNIO
import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonStore
import LiaisonSync
import NIOCore
import Testing

/// gzip on the sync routes (docs/design.md §6, "Compression"), over real HTTP through libcurl.
@Suite("Sync routes: gzip answers and pushes, negotiated")
struct SyncCompressionTests {
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var buffer = ByteBuffer(bytes: bytes)
        return Array(try buffer.compress(with: .gzip()).readableBytesView)
    }

    /// `count` records at the node, so the changes page is worth compressing.
    static func fill(_ node: TestNode, _ count: Int) async throws {
        for index in 0..<count {
            _ = try await node.store.create(
                [
                    "title": .text("Lithium refinery JV \(index)"), "type": .text("joint_venture"),
                    "tracks": .list(["critical_minerals"]),
                ],
                author: "asha"
            )
        }
    }

    @Test func aClientThatAsksForGzipGetsItAndOneThatDoesNotGetsPlainJSON() async throws {
        try await withNode { node in
            try await Self.fill(node, 40)
            let path = "/v1/sync/changes?since=0&limit=100"
            // The node's client sends `Accept-Encoding: gzip` and libcurl decodes the answer.
            let compressed = try await node.send("GET", path, token: node.token(.peer))
            #expect(compressed.status == 200)
            #expect(compressed.header("content-encoding") == "gzip")
            #expect(compressed.header("vary") == "Accept-Encoding")
            #expect(
                compressed.response.wireBytes * 4 < compressed.response.body.count,
                "\(compressed.response.wireBytes) bytes on the wire for \(compressed.response.body.count) of JSON"
            )

            // A client without gzip (an older node) sends no Accept-Encoding and gets plain JSON.
            let plainClient = CurlClient(configuration: .init(acceptCompressed: false))
            defer { plainClient.shutdown() }
            let plain = try await plainClient.send(
                HTTPRequest(
                    url: node.base + path,
                    headers: [("Authorization", "Bearer \(node.token(.peer))")]
                )
            )
            #expect(plain.status == 200)
            #expect(plain.header("content-encoding") == nil)
            #expect(plain.header("vary") == "Accept-Encoding")
            #expect(plain.wireBytes == plain.body.count)
            #expect(plain.body == compressed.response.body, "the same page either way")

            // Asking for gzip with quality 0 is refusing it.
            let refused = try await plainClient.send(
                HTTPRequest(
                    url: node.base + path,
                    headers: [("Authorization", "Bearer \(node.token(.peer))"), ("Accept-Encoding", "gzip;q=0, identity")]
                )
            )
            #expect(refused.header("content-encoding") == nil)
            #expect(refused.body == plain.body)

            let info = try await node.send("GET", "/v1/node", token: node.token(.peer))
            #expect(info.object["push_encodings"] as? [String] == ["gzip"])
        }
    }

    @Test func aGzipPushMergesLikeAPlainOne() async throws {
        let (replica, id, json) = try await SyncRoutesTests.foreignState()
        try await withNode { node in
            let body = try Self.gzip(Array(SyncRoutesTests.batch(replica, [json]).utf8))
            let pushed = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                headers: [("Content-Encoding", "gzip")],
                body: body
            )
            #expect(pushed.status == 200, "\(pushed.text)")
            #expect(pushed.object["changed"] as? Int == 1)
            let record = try await node.send("GET", "/v1/records/\(id)", token: node.token(.reader))
            #expect(record.status == 200)
        }
    }

    @Test func aGzipBombIsRefusedWith413AndChangesNothing() async throws {
        let (replica, _, json) = try await SyncRoutesTests.foreignState()
        try await withNode { node in
            // A well-formed batch, padded with whitespace to a megabyte past the limit:
            // about 17 KB compressed, under every limit on the wire.
            let batch = SyncRoutesTests.batch(replica, [json])
            var inflated = Array(batch.utf8)
            inflated.insert(
                contentsOf: repeatElement(UInt8(ascii: " "), count: SyncProtocol.maxBodyBytes + (1 << 20)),
                at: inflated.count - 1
            )
            let bomb = try Self.gzip(inflated)
            #expect(bomb.count < 100_000)
            let reply = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                headers: [("Content-Encoding", "gzip")],
                body: bomb
            )
            #expect(reply.status == 413, "\(reply.text)")
            #expect(reply.error.contains("decompresses to over"), "\(reply.error)")
            #expect(try await node.store.currentSequence() == 0)
            #expect(try await node.store.quarantinedCount() == 0)

            // Exactly at the limit is still taken.
            var atLimit = Array(batch.utf8)
            atLimit.insert(
                contentsOf: repeatElement(UInt8(ascii: " "), count: SyncProtocol.maxBodyBytes - atLimit.count),
                at: atLimit.count - 1
            )
            let fits = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                headers: [("Content-Encoding", "gzip")],
                body: try Self.gzip(atLimit)
            )
            #expect(fits.status == 200, "\(fits.text)")
        }
    }

    @Test func bodiesInOtherEncodingsOrNotGzipAreRefusedAndChangeNothing() async throws {
        let (replica, _, json) = try await SyncRoutesTests.foreignState()
        try await withNode { node in
            let batch = Array(SyncRoutesTests.batch(replica, [json]).utf8)
            let notGzip = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                headers: [("Content-Encoding", "gzip")],
                body: batch
            )
            #expect(notGzip.status == 400, "\(notGzip.text)")
            #expect(notGzip.error.contains("not valid gzip"), "\(notGzip.error)")
            // Valid gzip followed by more bytes: refused, not read on (nor looped over).
            let trailing = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                headers: [("Content-Encoding", "gzip")],
                body: try Self.gzip(batch) + Array("junk".utf8)
            )
            #expect(trailing.status == 400, "\(trailing.text)")
            // Gzip cut short, without its trailer (checksum and size) or further in: refused,
            // not merged as far as it went.
            let whole = try Self.gzip(batch)
            for cut in [4, 8, whole.count / 2] {
                let short = try await node.send(
                    "POST",
                    "/v1/sync/changes",
                    token: node.token(.peer),
                    headers: [("Content-Encoding", "gzip")],
                    body: Array(whole.dropLast(cut))
                )
                #expect(short.status == 400, "\(short.text)")
                #expect(short.error == "request body is not valid gzip: it ends before its gzip stream does", "\(short.error)")
            }
            let brotli = try await node.send(
                "POST",
                "/v1/sync/changes",
                token: node.token(.peer),
                headers: [("Content-Encoding", "br")],
                body: batch
            )
            #expect(brotli.status == 415, "\(brotli.text)")
            #expect(try await node.store.currentSequence() == 0)
        }
    }
}
