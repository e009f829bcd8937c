import Foundation
import TestProcesses
import Testing

/// A fresh node (`init`, then `serve`) had no account and said nothing of how to make one.
@Suite struct FirstAdminLogTests {
    @Test func serveSaysHowToMakeTheFirstAdminUntilThereIsOne() throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let data = root.url.appendingPathComponent("node")
        _ = try LiaisonRun.ok(["init", "--office", "mumbai"], data: data)
        let command = "liaison user add NAME --role admin --data \(data.standardizedFileURL.path)"
        #expect(try Self.serveLog(data).contains("no user accounts yet, so nobody can sign in to its page: make the first admin with `\(command)`"))

        _ = try LiaisonRun.ok(["user", "add", "asha", "--role", "admin"], data: data)
        let log = try Self.serveLog(data)
        #expect(!log.contains("no user accounts"), "\(log)")
    }

    /// What `liaison serve` logs up to listening, once it has stopped.
    private static func serveLog(_ data: URL) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["LIAISON_DATA"] = nil
        let serve = try ChildProcess(
            try BuiltProduct.path("liaison"),
            ["serve", "--data", data.path, "--host", "127.0.0.1", "--port", "0", "--sync-interval", "0"],
            environment: environment,
            output: .pipe,
            error: .pipe
        )
        var line = ""
        while let byte = try serve.output?.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += String(decoding: byte, as: UTF8.self)
        }
        #expect(line.hasPrefix("listening on http://127.0.0.1:"), "\(line)")
        serve.send(SIGTERM)
        serve.wait(killingAfter: 20)
        return String(decoding: try serve.error?.readToEnd() ?? Data(), as: UTF8.self)
    }
}
