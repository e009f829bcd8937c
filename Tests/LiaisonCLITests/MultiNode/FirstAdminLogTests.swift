import Foundation
import TestProcesses
import Testing

/// A fresh node (`init`, then `serve`) had no account and said nothing of how to make one.
@Suite(.offThePool) struct FirstAdminLogTests {
    @Test func serveSaysHowToMakeTheFirstAdminUntilThereIsOne() throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let data = root.url.appendingPathComponent("node")
        _ = try LiaisonRun.ok(["init", "--office", "mumbai"], data: data)
        let command = "liaison user add NAME --role admin --data \(data.standardizedFileURL.path)"
        #expect(
            try LiaisonRun.serveLog(data).contains("no user accounts yet, so nobody can sign in to its page: make the first admin with `\(command)`")
        )

        _ = try LiaisonRun.ok(["user", "add", "asha", "--role", "admin"], data: data)
        let log = try LiaisonRun.serveLog(data)
        #expect(!log.contains("no user accounts"), "\(log)")
    }
}
