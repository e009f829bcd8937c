import Foundation
import TestProcesses
import Testing

/// A command that finds the store held by another process past its wait says so in the store's
/// words, on one line: it printed SQLite's (`SQLite error 5: database is locked - while executing
/// BEGIN IMMEDIATE TRANSACTION`).
@Suite(.offThePool) struct BusyStoreCommandTests {
    @Test func aWriteToAStoreHeldElsewhereSaysTheStoreIsBusy() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let lock = try await HeldStoreLock.take(path: cli.directory.appendingPathComponent("node/liaison.sqlite").path)
        let error = try cli.fails("--data", "node", "record", "add", "title=Lithium JV", "type=investment", "tracks=ipef")
        try await lock.release()
        #expect(error.hasPrefix("error: the store is busy: it was held for over 10 s"), "\(error)")
        #expect(!error.contains("SQLite"), "\(error)")
        #expect(
            try cli.ok("--data", "node", "record", "list", "--format", "json").trimmingCharacters(in: .whitespacesAndNewlines) == "[]",
            "nothing was written"
        )
    }
}
