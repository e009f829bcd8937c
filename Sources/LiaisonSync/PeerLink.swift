import CurlHTTP
import Foundation
import LiaisonCore
import LiaisonStore

/// The client side of the sync protocol with one peer, over a ``SyncTransport``.
struct PeerLink: Sendable {
    let peer: PeerRecord
    let token: String
    let transport: any SyncTransport

    /// Reads the peer's token from its file; a missing or empty file is an error naming it.
    init(peer: PeerRecord, transport: any SyncTransport) throws {
        let text: String
        do {
            text = try String(contentsOfFile: peer.tokenFile, encoding: .utf8)
        } catch {
            throw SyncError(peer: peer.name, "cannot read token file \(peer.tokenFile)")
        }
        token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw SyncError(peer: peer.name, "token file \(peer.tokenFile) is empty") }
        self.peer = peer
        self.transport = transport
    }

    /// Who the peer is and how far its changes go. A sequence below 0 or past 2^53 − 1 is a
    /// bad answer (no node numbers its changes so): the round's arithmetic on one below 0 would
    /// overflow, and one claiming a backlog past any store's would make every round a bulk load.
    func node() async throws -> NodeInfo {
        let node = try decode(NodeInfo.self, try await send("GET", SyncProtocol.nodePath))
        guard node.sequence >= 0 else { throw badAnswer("its sequence is \(node.sequence), below 0") }
        guard node.sequence <= Int64(IntakeLimits.maxCounter) else {
            throw badAnswer("its sequence is \(node.sequence), past \(IntakeLimits.maxCounter)")
        }
        return node
    }

    /// A page of the peer's changes, with the size of the answer's body on the wire and as JSON.
    ///
    /// A page must end at or past `since`, and past it when more follow: a peer whose feed does
    /// not move on would be asked for the same page forever, so its answer is a bad one. With
    /// `pagedEvents` (only to a peer that lists `paged_events`) a page may stay at `since` inside
    /// one record's events, if its `events_after` moves on from `eventsAfter`, where it was asked
    /// to go on from. With `maxBytes` (only to a peer that lists `sized_pages`) a page keeps
    /// within that many bytes instead of the peer's default. A page must not end past the peer's
    /// own sequence: `peerSequence` as the round began, or as the peer says when asked again (it
    /// may have written since); a checkpoint past it would skip the peer's changes to come.
    func changes(
        since: Int64,
        peerSequence: Int64,
        limit: Int,
        requester: String,
        eventsSince: Int64,
        pagedEvents: Bool = false,
        eventsAfter: EventCursor? = nil,
        maxBytes: Int? = nil
    ) async throws -> (page: ChangesBody, bytes: SyncBytes) {
        var query = "?since=\(since)&limit=\(limit)&for=\(requester)&events_since=\(eventsSince)"
        if pagedEvents { query += "&paged_events=1" }
        if pagedEvents, let eventsAfter { query += "&events_after=\(eventsAfter.text)" }
        if let maxBytes { query += "&max_bytes=\(maxBytes)" }
        let response = try await send("GET", SyncProtocol.changesPath + query)
        let page: ChangesBody
        do {
            page = try ChangesBody(json: Data(response.body))
        } catch {
            throw badAnswer(error.description)
        }
        // No more states than asked: a page of many more would be held, parsed, in memory.
        guard page.states.count + page.rejected.count <= limit else {
            throw badAnswer("asked for at most \(limit) states, it answered a page of \(page.states.count + page.rejected.count)")
        }
        // A page inside one record's events stays at `since`; its cursor must then move on from
        // the one asked with (or name another record: the first one moved on, written to).
        let movesOn =
            if let next = page.eventsAfter {
                pagedEvents && page.lastSequence == since && page.more && eventsAfter.map { next.isPast($0) || next.recordID != $0.recordID } ?? true
            } else {
                page.lastSequence > since || (page.lastSequence == since && !page.more)
            }
        guard movesOn else {
            throw badAnswer(
                "asked for changes after sequence \(since), it answered a page ending at \(page.lastSequence)"
                    + (page.more ? " with more to follow" : "") + (page.eventsAfter.map { " and events after \($0.text)" } ?? "")
            )
        }
        if page.lastSequence > peerSequence {
            let now = try await node().sequence
            guard page.lastSequence <= now else {
                throw badAnswer("it answered a page ending at sequence \(page.lastSequence), past its own, \(now)")
            }
        }
        return (page, SyncBytes(wire: response.wireBytes, plain: response.body.count))
    }

    /// Sends a batch of states, gzip-compressed when `gzip` (the peer lists it in `push_encodings`);
    /// returns the acknowledgement and the request body's size on the wire and as JSON.
    func push(_ states: [ChangesPage.Change], from replica: String, gzip: Bool) async throws -> (ack: PushAck, bytes: SyncBytes) {
        var writer = JSONWriter()
        writer.raw("{\"replica_id\":")
        writer.string(replica)
        writer.raw(",\"states\":")
        writer.array(states) { $0.raw($1.json) }
        SentEvents.write(states.lazy.flatMap(\.events), to: &writer)
        writer.raw("}")
        let json = writer.bytes
        let body = try gzip ? Gzip.compress(json) : json
        let response = try await send("POST", SyncProtocol.changesPath, body: body, encoding: gzip ? "gzip" : nil)
        let ack = try decode(PushAck.self, response)
        // Each count is of the states sent: the round adds them up.
        for (name, count) in [("merged", ack.merged), ("changed", ack.changed), ("conflicts", ack.conflicts)]
        where !(0...states.count).contains(count) {
            throw badAnswer("sent \(states.count) states, it answered that it \(name == "conflicts" ? "found conflicts in" : name) \(count)")
        }
        return (ack, SyncBytes(wire: body.count, plain: json.count))
    }

    /// The error for an answer the protocol does not allow, saying what was wrong with it.
    private func badAnswer(_ problem: String) -> SyncError {
        SyncError(peer: peer.name, "sent a bad answer: \(problem)")
    }

    private func send(
        _ method: String,
        _ path: String,
        body: [UInt8]? = nil,
        encoding: String? = nil
    ) async throws -> SyncTransportResponse {
        var headers = [(name: "Authorization", value: "Bearer \(token)"), (name: "Accept", value: "application/json")]
        if body != nil { headers.append((name: "Content-Type", value: "application/json")) }
        if let encoding { headers.append((name: "Content-Encoding", value: encoding)) }
        let response: SyncTransportResponse
        do {
            response = try await transport.exchange(
                SyncTransportRequest(method: method, url: peer.url(of: path), headers: headers, body: body)
            )
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw SyncError(peer: peer.name, "\(error)", timedOut: (error as? CurlError)?.code == .timedOut)
        }
        guard response.status == 200 else {
            let detail =
                (try? JSONDecoder().decode(ErrorBody.self, from: Data(response.body)).error)
                ?? String(decoding: response.body.prefix(200), as: UTF8.self)
            throw SyncError(peer: peer.name, "\(method) \(path) answered \(response.status): \(detail)")
        }
        return response
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: SyncTransportResponse) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(response.body))
        } catch {
            throw badAnswer(DecodingErrorText.describe(error))
        }
    }
}

/// The JSON body of an error answer: `{"error": "..."}`.
struct ErrorBody: Decodable {
    let error: String
}
