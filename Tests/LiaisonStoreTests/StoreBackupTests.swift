import Foundation
import LiaisonCore
import LiaisonStore
import Testing

@Suite("Backup and restore")
struct StoreBackupTests {
    @Test func aRestoreIsANewReplicaThatForgetsWhatItPushedButKeepsWhatItPulled() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let record = try await fixture.add()
        let token = try await store.createToken(name: "asha", role: .editor)
        try await store.addPeer(PeerRecord(name: "chennai", url: "http://chennai", tokenFile: "/etc/chennai"), now: 1)
        try await store.setCheckpoint(peer: "chennai.abc123", direction: .pull, sequence: 40)
        try await store.setCheckpoint(peer: "chennai.abc123", direction: .push, sequence: 1)
        var status = PeerStatus(name: "chennai")
        status.lastSuccess = 5
        try await store.savePeerStatus(status)
        try await store.addAccount(name: "priya", role: .editor, password: "priya's long password")
        let session = try await store.startSession(account: "priya")

        let backup = fixture.elsewhere.appendingPathComponent("backup.sqlite")
        let summary = try await store.backup(to: backup)
        #expect(summary.records == 1 && summary.backedUpReplica == store.identity.replicaID)
        _ = try await fixture.add("Written after the backup")

        let target = fixture.directory.appendingPathComponent("restored")
        let (identity, _) = try LiaisonStore.restore(from: backup, into: target)
        let restored = try LiaisonStore(directory: target, schema: .core)
        #expect(identity.replicaID != store.identity.replicaID)
        #expect(restored.identity == identity && identity.office == "mumbai")
        #expect(try await restored.state(id: record.id) == record)
        #expect(try await restored.count(matching: RecordQuery()) == 1, "the write after the backup is not in it")
        #expect(try await restored.checkpoint(peer: "chennai.abc123", direction: .pull) == 40)
        #expect(try await restored.checkpoint(peer: "chennai.abc123", direction: .push) == 0)
        #expect(try await restored.peerStatuses().map(\.lastSuccess) == [nil])
        #expect(try await restored.peers().map(\.name) == ["chennai"])
        #expect(try await restored.authenticate(token: token) == .accepted(name: "asha", role: .editor))
        #expect(try await restored.session(id: session) == nil, "everyone signs in again")
        #expect(try await store.session(id: session)?.account.name == "priya")
        #expect(try await restored.currentSequence() == summary.sequence)

        #expect(throws: StoreError.self) { try LiaisonStore.restore(from: backup, into: target) }
    }

    @Test func aBackupOntoTheStoreItselfIsRefusedAndTheStoreIsUntouched() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let record = try await fixture.add()
        let own = fixture.directory.appendingPathComponent(LiaisonStore.fileName)
        let viaDots = fixture.directory.appendingPathComponent("sub/../\(LiaisonStore.fileName)")
        for target in [own, viaDots, fixture.directory.appendingPathComponent(LiaisonStore.fileName + "-wal")] {
            await #expect(throws: StoreError.self, "\(target.path)") { try await store.backup(to: target) }
        }
        _ = try await fixture.add("Written after")
        #expect(try await store.state(id: record.id) == record)
        #expect(try await LiaisonStore(directory: fixture.directory, schema: .core).count(matching: RecordQuery()) == 2)
    }

    @Test func aStoreWithItsLogBesideItIsNotTakenForABackup() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        _ = try await fixture.add()
        // A node's store while it runs: its latest commits are in the -wal file beside it.
        let live = fixture.directory.appendingPathComponent(LiaisonStore.fileName)
        let target = fixture.directory.appendingPathComponent("restored")
        #expect {
            try LiaisonStore.restore(from: live, into: target)
        } throws: { error in
            "\(error)".contains("write-ahead log") && "\(error)".contains(live.path)
        }
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent(LiaisonStore.fileName).path))
        withExtendedLifetime(store) {}
    }

    @Test func aFileThatIsNoStoreIsRefusedAndLeavesNothing() throws {
        let fixture = try StoreFixture()
        let junk = fixture.directory.appendingPathComponent("junk.sqlite")
        try Data("not a database at all, just text".utf8).write(to: junk)
        let target = fixture.directory.appendingPathComponent("restored/office")
        #expect { try LiaisonStore.restore(from: junk, into: target) } throws: {
            "\($0)".contains("\(junk.path) is not a Liaison store: it is not an SQLite database") && !"\($0)".contains("SQLite error")
        }
        #expect(
            !FileManager.default.fileExists(atPath: target.deletingLastPathComponent().path),
            "the directories the failed restore made are gone"
        )
        #expect(throws: StoreError.self) {
            try LiaisonStore.restore(from: fixture.directory.appendingPathComponent("missing.sqlite"), into: target)
        }
    }

    /// A backup cut short (a copy that stopped) was called "not a Liaison store (SQLite error
    /// 11: ...)", and an empty file "has no node identity".
    @Test func aBackupCutShortIsDamagedAndAnEmptyOneIsEmpty() async throws {
        let fixture = try StoreFixture()
        for index in 1...40 { try await fixture.add("Record \(index)", "notes=" + String(repeating: "x", count: 300)) }
        let backup = fixture.elsewhere.appendingPathComponent("backup.sqlite")
        try await fixture.store.backup(to: backup)
        let whole = try Data(contentsOf: backup)
        let target = fixture.directory.appendingPathComponent("restored")
        for pages in [whole.count / 4096 / 2, whole.count / 4096 - 1] {
            let cut = fixture.elsewhere.appendingPathComponent("cut-\(pages).sqlite")
            try whole.prefix(pages * 4096).write(to: cut)
            #expect {
                try LiaisonStore.restore(from: cut, into: target)
            } throws: { error in
                "\(error)".hasPrefix("\(cut.path) is damaged") && !"\(error)".contains("SQLite error")
            }
        }
        let empty = fixture.elsewhere.appendingPathComponent("empty.sqlite")
        try Data().write(to: empty)
        #expect {
            try LiaisonStore.restore(from: empty, into: target)
        } throws: { error in
            "\(error)" == "\(empty.path) is empty: name a file made by `liaison backup`"
        }
        #expect(!FileManager.default.fileExists(atPath: target.path), "nothing was made")
    }

    /// Two restores into one new directory at once shared a temporary file, and both failed
    /// saying the backup was not a Liaison store.
    @Test func aSecondRestoreIntoTheSameDirectoryMeanwhileIsRefusedByName() async throws {
        let fixture = try StoreFixture()
        _ = try await fixture.add()
        let backup = fixture.elsewhere.appendingPathComponent("backup.sqlite")
        try await fixture.store.backup(to: backup)
        let target = fixture.directory.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        // The first restore, under way: it holds the restore lock of the directory.
        let held = open(target.appendingPathComponent(".\(LiaisonStore.fileName).restore").path, O_RDWR | O_CREAT, 0o600)
        #expect(held >= 0 && flock(held, LOCK_EX) == 0)
        #expect {
            try LiaisonStore.restore(from: backup, into: target)
        } throws: { error in
            "\(error)".contains("another restore into \(target.path) is under way")
        }
        close(held)
        let (identity, summary) = try LiaisonStore.restore(from: backup, into: target)
        #expect(summary.records == 1 && identity.replicaID != fixture.store.identity.replicaID)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).sorted() == [LiaisonStore.fileName, "peer-tokens"])
    }

    /// A directory given as the backup was copied into the new node's directory, itself
    /// included, until the path grew too long.
    @Test func aDirectoryIsRefusedBeforeAnythingIsCopied() throws {
        let fixture = try StoreFixture()
        let target = fixture.directory.appendingPathComponent("restored")
        #expect {
            try LiaisonStore.restore(from: fixture.directory, into: target)
        } throws: { error in
            "\(error)".contains("\(fixture.directory.path) is not a file") && "\(error)".count < 300
        }
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent(LiaisonStore.fileName).path))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? [] == [])
    }
}
