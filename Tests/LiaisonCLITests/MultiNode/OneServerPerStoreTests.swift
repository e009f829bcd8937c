import Foundation
import Testing

/// One `liaison serve` per data directory: a second one on the same store would run a second
/// sync scheduler against it and answer for the same replica from another address.
@Suite("One serving node per data directory, one per port")
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
}
