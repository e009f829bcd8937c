import Foundation
import LiaisonStore
import LiaisonSync
import Testing

@Suite("SyncEngine over a transport, against a real store")
struct SyncEngineTests {
    @Test func pullsAndPushesUntilBothOfficesHoldEveryRecord() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(5, at: fixture.there)
        try await fixture.add(3, at: fixture.here, title: "Fab partnership")

        let report = try await fixture.engine().sync(with: fixture.record)
        #expect(report.peerReplicaID == fixture.there.identity.replicaID)
        #expect(report.pulled.changed == 5)
        #expect(report.pushed.merged == 3)
        #expect(try await fixture.ids(fixture.here).count == 8)
        #expect(try await fixture.ids(fixture.here) == fixture.ids(fixture.there))
        #expect(try await fixture.checkpoints().pull == 5)
        #expect(try await fixture.status()?.lastError == nil)
        #expect(try await fixture.status()?.lastSuccess != nil)

        // Nothing new on either side: a second sync changes nothing anywhere.
        let again = try await fixture.engine().sync(with: fixture.record)
        #expect(again.pulled.changed == 0)
        #expect(again.pushed.changed == 0)
    }

    @Test func aPeerThatListsNoPushEncodingsGetsPlainJSONPushes() async throws {
        // The in-process peer's `GET /v1/node` has no `push_encodings`, as a node older than
        // compression: the engine (compression on by default) pushes plain JSON, which it merges.
        let fixture = try await SyncFixture()
        try await fixture.add(3, at: fixture.here)
        let report = try await fixture.engine().sync(with: fixture.record)
        #expect(report.pushed.changed == 3)
        #expect(report.bytesSent.wire == report.bytesSent.plain)
        #expect(report.bytesSent.wire > 0)
        #expect(try await fixture.ids(fixture.here) == fixture.ids(fixture.there))
    }

    // A time limit catches a sync that never ends (a feed asked for the same page forever). Alone
    // each case takes under a second; the whole suite on two cores held some up past a minute.
    @Test(
        .timeLimit(.minutes(3)),
        arguments: [
            (InProcessPeer.Fault.timeout, "timed out after 30 s"),
            (.status(503), "answered 503: the peer is overloaded"),
            (.status(500), "answered 500"),
            (.body(#"{"last_sequence":4,"more":true,"replica_id":"#), "sent a bad answer"),
            (.body("<html>502 Bad Gateway</html>"), "sent a bad answer"),
            (.body(#"{"last_sequence":4,"more":false,"states":[]}"#), "sent a bad answer"),
            // A feed that goes back (see also aPeerWhoseFeedDoesNotMoveOnFailsTheSync).
            (.body(#"{"last_sequence":1,"more":false,"replica_id":"r","states":[]}"#), "after sequence 2, it answered a page ending at 1"),
        ]
    )
    func aFailedPageLeavesThePullCheckpointAtTheLastMergedPage(fault: InProcessPeer.Fault, words: String) async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(5, at: fixture.there)
        // Pages of 2: the first arrives and merges, the second fails.
        fixture.peer.fail("GET", SyncProtocol.changesPath, after: 1, with: fault)

        let error = await #expect(throws: SyncError.self) { try await fixture.engine(batch: 2).sync(with: fixture.record) }
        #expect(error?.peer == "chennai")
        #expect(error?.message.contains(words) == true)
        #expect(try await fixture.checkpoints().pull == 2)
        #expect(try await fixture.ids(fixture.here).count == 2)
        #expect(try await fixture.status()?.lastError?.contains(words) == true)

        // Once the peer answers again, the next sync goes on from the checkpoint.
        fixture.peer.heal()
        let report = try await fixture.engine(batch: 2).sync(with: fixture.record)
        #expect(report.pulled.changed == 3)
        #expect(try await fixture.ids(fixture.here) == fixture.ids(fixture.there))
        #expect(try await fixture.checkpoints().pull == 5)
        #expect(try await fixture.status()?.lastError == nil)
    }

    /// A peer whose pages say more follow but end where they were asked from would be asked
    /// for the same page forever: the sync fails naming it, after one such page, and the
    /// checkpoint stays at the last good page.
    @Test(.timeLimit(.minutes(3)), arguments: [0, 1])
    func aPeerWhoseFeedDoesNotMoveOnFailsTheSync(goodPages: Int) async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(4, at: fixture.there)
        let since = goodPages * 2
        let replica = fixture.there.identity.replicaID
        fixture.peer.fail(
            "GET",
            SyncProtocol.changesPath,
            after: goodPages,
            with: .body(#"{"last_sequence":\#(since),"more":true,"replica_id":"\#(replica)","states":[]}"#)
        )

        let error = await #expect(throws: SyncError.self) { try await fixture.engine(batch: 2).sync(with: fixture.record) }
        #expect(
            error?.description
                == "chennai: sent a bad answer: asked for changes after sequence \(since), it answered a page ending at \(since) with more to follow"
        )
        #expect(fixture.peer.served("GET", SyncProtocol.changesPath) == goodPages)
        #expect(try await fixture.checkpoints().pull == Int64(since))
        #expect(try await fixture.ids(fixture.here).count == since)
    }

    @Test func aPageFromAnotherReplicaIsRefusedAndNothingMoves() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(3, at: fixture.there)
        fixture.peer.fail(
            "GET",
            SyncProtocol.changesPath,
            with: .body(
                #"{"last_sequence":3,"more":false,"replica_id":"kolkata.zz9zz9","states":[]}"#
            )
        )

        let error = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        #expect(error?.message.contains("changed replica id") == true)
        #expect(try await fixture.checkpoints().pull == 0)
        #expect(try await fixture.ids(fixture.here).isEmpty)
    }

    @Test(arguments: [InProcessPeer.Fault.timeout, .status(503), .body("not json")])
    func aPeerThatDoesNotSayWhoItIsIsNotSyncedWith(fault: InProcessPeer.Fault) async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(2, at: fixture.there)
        try await fixture.add(2, at: fixture.here)
        fixture.peer.fail("GET", SyncProtocol.nodePath, with: fault)

        await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        let checkpoints = try await fixture.checkpoints()
        #expect(checkpoints.pull == 0 && checkpoints.push == 0)
        #expect(fixture.peer.served("GET", SyncProtocol.changesPath) == 0)
        #expect(fixture.peer.served("POST", SyncProtocol.changesPath) == 0)
    }

    /// A peer of protocol 1 (a release without the write log) is refused with an error saying
    /// both ends must upgrade, and nothing moves.
    @Test func aPeerOfAnotherProtocolIsRefusedUntilBothEndsUpgrade() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(2, at: fixture.there)
        let old = #"{"office":"chennai","protocol":1,"replica_id":"\#(fixture.there.identity.replicaID)","sequence":2}"#
        fixture.peer.fail("GET", SyncProtocol.nodePath, with: .body(old))
        let error = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: fixture.record) }
        #expect(error?.description.contains("speaks sync protocol 1, this node 2: both ends must upgrade") == true)
        #expect(fixture.peer.served("GET", SyncProtocol.changesPath) == 0)
        #expect(fixture.peer.served("POST", SyncProtocol.changesPath) == 0)
    }

    @Test(arguments: [InProcessPeer.Fault.timeout, .status(503), .body("{}")])
    func aPushThePeerDidNotAcknowledgeIsSentAgain(fault: InProcessPeer.Fault) async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(5, at: fixture.here)
        // Batches of 2: the first is acknowledged, the second is not.
        fixture.peer.fail("POST", SyncProtocol.changesPath, after: 1, with: fault)

        await #expect(throws: SyncError.self) { try await fixture.engine(batch: 2).sync(with: fixture.record) }
        let acknowledged = try await fixture.checkpoints().push
        #expect(acknowledged == 2)
        #expect(try await fixture.ids(fixture.there).count == 2)

        fixture.peer.heal()
        let report = try await fixture.engine(batch: 2).sync(with: fixture.record)
        #expect(report.pushed.merged == 3)
        #expect(try await fixture.ids(fixture.there) == fixture.ids(fixture.here))
        #expect(try await fixture.checkpoints().push == 5)
    }

    @Test func aMissingTokenFileIsNamedAndNothingIsSent() async throws {
        let fixture = try await SyncFixture()
        let peer = PeerRecord(name: "chennai", url: "http://chennai.test:8080", tokenFile: "/nonexistent/chennai.token")
        let error = await #expect(throws: SyncError.self) { try await fixture.engine().sync(with: peer) }
        #expect(error?.description == "chennai: cannot read token file /nonexistent/chennai.token")
        #expect(fixture.peer.served("GET", SyncProtocol.nodePath) == 0)
    }

    @Test func aStoppedEngineStartsNoSync() async throws {
        let fixture = try await SyncFixture()
        try await fixture.add(2, at: fixture.there)
        let engine = fixture.engine()
        engine.stopSignal.stop()
        await #expect(throws: SyncStopped.self) { try await engine.sync(with: fixture.record) }
        #expect(fixture.peer.served("GET", SyncProtocol.nodePath) == 0)
        #expect(try await fixture.ids(fixture.here).isEmpty)
        await engine.stopSignal.waitUntilIdle()
    }
}

/// What a peer answered is quoted in a sync error as one line of text: its control characters
/// escaped, its line breaks as `\n`, so a log line or a terminal cannot be forged by a peer.
@Suite struct SyncErrorTextTests {
    @Test func aPeersAnswerCannotForgeALogLineOrColourTheTerminal() {
        let error = SyncError(peer: "esc", "GET /v1/node answered 500: bad\u{1B}[31m RED\nFAKE 2026 info liaison.server: synced")
        #expect(error.description == #"esc: GET /v1/node answered 500: bad\u{1B}[31m RED\nFAKE 2026 info liaison.server: synced"#)
    }
}
