import Foundation
import GRDB
import TestProcesses
import Testing

@testable import LiaisonStore

/// `liaison serve` says what the open of a store of an earlier release did: one log line per
/// migration applied, with its name, and the time the upgrade took; nothing when none ran.
@Suite("The upgrade at open is known and logged", .offThePool)
struct UpgradeLogTests {
    private static var newest: [String] { UpgradeWhileServedTests.newMigrations }

    @Test func theOpenSaysWhichMigrationsItApplied() async throws {
        let (today, directory) = try await UpgradeWhileServedTests.earlierStore()
        #expect(today.store.upgrade == nil, "a new store is made, not upgraded")
        let upgraded = try LiaisonStore(directory: directory, schema: today.store.schema)
        let upgrade = try #require(upgraded.upgrade)
        #expect(upgrade.migrations == Self.newest)
        #expect(upgrade.duration > .zero)
        #expect(try LiaisonStore(directory: directory, schema: today.store.schema).upgrade == nil, "nothing left to do")
    }

    @Test func serveLogsEachMigrationAndTheTimeOfTheUpgrade() async throws {
        let (today, directory) = try await UpgradeWhileServedTests.earlierStore()
        let log = today.elsewhere.appendingPathComponent("serve.log")
        for run in 1...2 {
            let serve = try ChildProcess(
                try BuiltProduct.path("liaison"),
                ["serve", "--data", directory.path, "--port", "0", "--sync-interval", "0", "--log-format", "json"],
                output: .pipe,
                error: .file(log.path)
            )
            let line = try serve.readOutputLine()
            serve.send(SIGTERM)
            _ = serve.wait(killingAfter: 20)
            #expect(line.hasPrefix("listening on "), "\(line)")
            let upgraded = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").compactMap { line in
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            }.filter { ($0["message"] as? String)?.hasPrefix("store upgraded") == true }
            if run == 2 {
                #expect(upgraded.isEmpty, "an up-to-date store logs no upgrade")
                continue
            }
            #expect(upgraded.allSatisfy { $0["level"] as? String == "info" })
            let applied = upgraded.dropLast()
            #expect(applied.compactMap { $0["migration"] as? String } == Self.newest)
            for (entry, name) in zip(applied, Self.newest) {
                #expect(entry["message"] as? String == "store upgraded: migration \"\(name)\" applied", "\(entry)")
            }
            let total = try #require(upgraded.last)
            #expect((total["message"] as? String)?.hasPrefix("store upgraded: \(Self.newest.count) migrations in ") == true, "\(total)")
            #expect(total["migrations"] as? String == "\(Self.newest.count)")
            #expect((total["seconds"] as? String)?.wholeMatch(of: /\d+\.\d{3}/) != nil, "seconds with three decimals: \(total)")
        }
    }
}
