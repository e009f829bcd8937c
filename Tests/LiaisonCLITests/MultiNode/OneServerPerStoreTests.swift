import CurlHTTP
import Foundation
import TestProcesses
import Testing

/// One `liaison serve` per data directory: a second one on the same store would run a second
/// sync scheduler against it and answer for the same replica from another address.
@Suite("One serving node per data directory, one per port", .offThePool)
struct OneServerPerStoreTests {
    @Test func aSecondServeOnTheSameDataDirectoryIsRefusedAndTheFirstServesOn() throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        try mumbai.start()
        defer { mumbai.stop() }
        let second = try LiaisonRun.run(["serve", "--port", String(try ServedNode.freePort())], data: mumbai.directory)
        #expect(second.status == 1)
        #expect(second.stderr.hasPrefix("error: another liaison serve is already serving \(mumbai.directory.path)"), "\(second.stderr)")
        #expect(try LiaisonRun.ok(["status"], data: mumbai.directory).contains("mumbai"))
    }

    @Test func aHostNameWithNoAddressIsSaidInOneLineNamingTheSetting() throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let port = try ServedNode.freePort()
        let unknown = try LiaisonRun.run(["serve", "--host", "no-such-host.invalid", "--port", String(port)], data: mumbai.directory)
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr
                == "error: cannot listen on no-such-host.invalid:\(port): no address is known for the host name no-such-host.invalid (server.host, --host, LIAISON_HOST)\n"
        )
    }

    @Test func aTakenPortIsSaidInOneLine() throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        try mumbai.start()
        defer { mumbai.stop() }
        let taken = try LiaisonRun.run(["serve", "--port", String(mumbai.port)], data: chennai.directory)
        #expect(taken.status == 1)
        #expect(
            taken.stderr
                == "error: cannot listen on 127.0.0.1:\(mumbai.port): the port is taken (another node or program uses it; choose another with --port)\n"
        )
    }

    /// An IPv6 address is printed as a URL writes it, in brackets, so the printed URL works.
    @Test func anIPv6AddressIsSaidInBrackets() async throws {
        let root = try TemporaryDirectory()
        defer { root.cleanUp() }
        let mumbai = try ServedNode(office: "mumbai", root: root.url)
        let chennai = try ServedNode(office: "chennai", root: root.url)
        var environment = ProcessInfo.processInfo.environment
        environment["LIAISON_DATA"] = nil
        let serve = try ChildProcess(
            try BuiltProduct.path("liaison"),
            ["serve", "--data", mumbai.directory.path, "--host", "::1", "--port", "0", "--sync-interval", "0"],
            environment: environment,
            output: .pipe,
            error: .null
        )
        defer {
            serve.send(SIGTERM)
            serve.wait(killingAfter: 20)
        }
        let line = try serve.readOutputLine()
        #expect(line.hasPrefix("listening on http://[::1]:"), "\(line)")
        let url = String(line.dropFirst("listening on ".count))
        let port = try #require(url.split(separator: ":").last.flatMap { Int($0) })
        let client = CurlClient(configuration: .init(connectTimeout: 5, totalTimeout: 30))
        defer { client.shutdown() }
        #expect(try await client.send(HTTPRequest(url: url + "/v1/health")).status == 200, "the printed URL works")

        let taken = try LiaisonRun.run(["serve", "--host", "::1", "--port", String(port)], data: chennai.directory)
        #expect(taken.stderr.hasPrefix("error: cannot listen on [::1]:\(port): the port is taken"), "\(taken.stderr)")
    }
}
