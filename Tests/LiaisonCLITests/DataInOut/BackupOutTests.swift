import Foundation
import TestProcesses
import Testing

/// `liaison backup --out FILE` replaces only an earlier backup of the same node: never another
/// node's store, a file in the data directory, a device or a pipe.
@Suite(.offThePool) struct BackupOutTests {
    @Test func anEarlierBackupOfTheNodeIsReplacedAndNothingElseIs() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        for (node, office) in [("mumbai", "mumbai"), ("chennai", "chennai")] {
            try cli.ok("--data", node, "init", "--office", office)
            try cli.ok("--data", node, "record", "add", "type=trade_lead", "title=Lead of \(office)", "tracks=ipef")
        }
        try cli.ok("--data", "mumbai", "backup", "--out", "mumbai.sqlite")
        try cli.ok("--data", "mumbai", "record", "add", "type=trade_lead", "title=Second lead", "tracks=ipef")
        let again = try cli.ok("--data", "mumbai", "backup", "--out", "mumbai.sqlite")
        #expect(again.hasPrefix("backed up 2 records"), "an earlier backup of the same node is replaced: \(again)")
        try cli.ok("--data", "chennai", "backup", "--out", "chennai.sqlite")

        let notes = cli.directory.appendingPathComponent("notes.txt")
        try Data("keep me".utf8).write(to: notes)
        let chennaiStore = "chennai/liaison.sqlite"
        let chennaiBefore = try Data(contentsOf: cli.directory.appendingPathComponent(chennaiStore))
        for (target, problem) in [
            (chennaiStore, "it is a store or backup of node chennai."), ("chennai.sqlite", "it is a store or backup of node chennai."),
            ("notes.txt", "it is not a Liaison backup"),
        ] {
            let error = try cli.fails("--data", "mumbai", "backup", "--out", target)
            #expect(error.contains(problem), "\(target): \(error)")
        }
        let chennaiAfter = try Data(contentsOf: cli.directory.appendingPathComponent(chennaiStore))
        #expect(chennaiAfter == chennaiBefore, "another node's store is left as it was")
        #expect(try String(contentsOf: notes, encoding: .utf8) == "keep me")
        #expect(try cli.ok("--data", "chennai", "record", "list").contains("Lead of chennai"))
    }

    @Test func noFileInTheDataDirectoryIsReplaced() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let data = cli.directory.appendingPathComponent("node")
        let config = data.appendingPathComponent("liaison.conf")
        try Data("[server]\nport = 8123\n".utf8).write(to: config)
        let lock = data.appendingPathComponent("liaison.sqlite.serve")
        try Data().write(to: lock)
        for name in ["liaison.conf", "liaison.sqlite.serve", "liaison.sqlite", "liaison.sqlite-wal", "sub/../liaison.conf"] {
            let error = try cli.fails("--data", "node", "backup", "--out", "node/\(name)")
            #expect(error.contains("is inside the data directory") && error.contains("back up to a file outside it"), "\(error)")
        }
        #expect(try String(contentsOf: config, encoding: .utf8) == "[server]\nport = 8123\n")
        #expect(try Data(contentsOf: lock).isEmpty, "the lock file is left as it was")
        #expect(try cli.ok("--data", "node", "status").contains("mumbai"))
    }

    /// "backed up 1 records": the count is of records that exist; deleted ones are said apart.
    @Test func backupAndRestoreCountRecordsAndDeletedRecordsApart() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "record", "add", "type=trade_lead", "title=Kept", "tracks=ipef")
        let gone = try recordID(try cli.ok("--data", "node", "record", "add", "--json", "type=trade_lead", "title=Gone", "tracks=ipef"))
        try cli.ok("--data", "node", "record", "delete", gone)
        let backedUp = try cli.ok("--data", "node", "backup", "--out", "node.sqlite")
        #expect(backedUp.hasPrefix("backed up 1 record (and 1 deleted record) of mumbai."), "\(backedUp)")
        let restored = try cli.ok("--data", "again", "restore", "node.sqlite")
        #expect(restored.hasPrefix("restored 1 record (and 1 deleted record) into "), "\(restored)")
        let json = try cli.ok("--data", "node", "backup", "--json", "--out", "node.sqlite")
        #expect(json.contains(#""records":1,"deleted_records":1,"#), "\(json)")
    }

    /// A backup holds token and password hashes: it was made readable by everyone (0644).
    @Test func aBackupIsReadableByItsOwnerOnly() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let backup = cli.directory.appendingPathComponent("node.sqlite")
        for _ in 1...2 {
            try cli.ok("--data", "node", "backup", "--out", backup.path)
            let mode = try FileManager.default.attributesOfItem(atPath: backup.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "mode \(String(mode ?? 0, radix: 8))")
        }
    }

    /// The store itself holds the same hashes: `init` made it readable by everyone (0644), and
    /// SQLite gives its log and shared memory the store's mode.
    @Test func theStoreIsReadableByItsOwnerOnly() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        try cli.ok("--data", "node", "record", "add", "title=Lithium JV", "type=investment", "tracks=ipef")
        let store = cli.directory.appendingPathComponent("node/liaison.sqlite").path
        let open = try await HeldStoreLock.take(path: store)  // a connection: the log and shared memory are there
        for path in [store, store + "-wal", store + "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path): mode \(String(mode ?? 0, radix: 8))")
        }
        try await open.release()
    }

    /// As root, `--out` naming a device or a pipe replaced it with a file.
    @Test func aDeviceOrAPipeIsRefusedAndLeftAsItIs() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let pipe = cli.directory.appendingPathComponent("pipe").path
        #expect(mkfifo(pipe, 0o600) == 0)
        var targets = [pipe]
        let device = cli.directory.appendingPathComponent("null").path
        if mknod(device, S_IFCHR | 0o600, 0x103) == 0 { targets.append(device) }  // 1,3: a null device, when root
        for target in targets {
            let error = try cli.fails("--data", "node", "backup", "--out", target)
            #expect(error.contains("--out \(target) is not a regular file"), "\(error)")
            let type = try FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType
            #expect(type != .typeRegular, "\(target) is still what it was, not a file")
        }
    }
}
